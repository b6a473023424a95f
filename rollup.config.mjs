/**
 * Three shapes of the same library (README "Embedding"):
 * 1. dist/<widget>.js: one ES module per widget, all sharing dist/chunks/core-*.js, so a page
 *    with two widgets loads Lit and the core once;
 * 2. dist/onestop.js: the all-in-one ES module, one file, every tag;
 * 3. dist/onestop.classic.js: the same as a classic script for CMSs that can't add
 *    type="module". ASCII-only output, so Chinese strings survive pages without a charset.
 */
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { existsSync, readdirSync } from 'node:fs';

// Every widget folder with a define.ts is an entry: dist/<folder>.js.
const widgets = Object.fromEntries(
  readdirSync('src', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'core' && existsSync(`src/${entry.name}/define.ts`))
    .map((entry) => [entry.name, `src/${entry.name}/define.ts`]),
);

const plugins = () => [
  nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false }),
  terser({ ecma: 2021, module: true, format: { ascii_only: true, comments: false }, compress: { passes: 2 } }),
];

const CORE =
  /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/localize|@lit\/task)\/|\/src\/core\/(onestop-element|i18n|lang-watcher|define|events|tokens|status-views|version)\.ts$|\/src\/core\/api\/(client|errors)\.ts$|\/src\/generated\/locale-codes\.ts$/;

// Contract modules only define schemas: if a bundle uses none of a module's exports, drop it.
const treeshake = { moduleSideEffects: (id) => !/\/src\/core\/api\/(contract\/|[\w-]+-contract\.ts$)/.test(id) };

const onwarn = (warning, warn) => {
  // Lit's own `this` at module top level is fine; everything else should be looked at.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: widgets,
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: (chunk) => (chunk.name.startsWith('zh-') || chunk.name === 'en' ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js'),
      // What every widget runs on goes in one core chunk; anything only some widgets use (rules,
      // saved state, a schema, fflate) is left to rollup, so a widget never pays for another's.
      manualChunks: (id) => (CORE.test(id) ? 'core' : undefined),
      sourcemap: true,
    },
    plugins: plugins(),
    treeshake,
    onwarn,
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/onestop.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
    plugins: plugins(),
    treeshake,
    onwarn,
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/onestop.classic.js', format: 'iife', name: 'OneStop', inlineDynamicImports: true, sourcemap: true },
    plugins: plugins(),
    treeshake,
    onwarn,
  },
];
