/**
 * Three shapes of the same library (README "Embedding"):
 * 1. dist/<widget>.js: one ES module per widget, all sharing dist/chunks/core-*.js, so a page
 *    with two widgets loads Lit and the core once;
 * 2. dist/onestop.js: the all-in-one ES module, every tag in one file; a locale's words and
 *    the ZIP code load on demand from dist/locales/ and dist/chunks/, as for the widgets;
 * 3. dist/onestop.classic.js: the same as a classic script for CMSs that can't add
 *    type="module", truly one file (an IIFE cannot load chunks), so it carries every locale.
 *    ASCII-only output, so Chinese strings survive pages without a charset.
 * Our css`…` templates are minified (scripts/minify-css.mjs); terser leaves template strings alone.
 */
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { minifyLitCss } from './scripts/minify-css.mjs';

// Every widget folder with a define.ts is an entry: dist/<folder>.js.
const widgets = Object.fromEntries(
  readdirSync('src', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'core' && existsSync(`src/${entry.name}/define.ts`))
    .map((entry) => [entry.name, `src/${entry.name}/define.ts`]),
);

/** The same resolution and minification for our bundles and for the peers the bytes benchmark builds. */
// `asciiOnly` for the classic script only: a classic script is decoded in the page's charset,
// which an old CMS page may not declare; module scripts (and their import()s) are always read
// as UTF-8, where escaping CJK, Thai or Khmer as \uXXXX would cost 10-15% of a locale chunk.
export const plugins = ({ asciiOnly = false } = {}) => [
  nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false }),
  minifyLitCss(),
  terser({ ecma: 2021, module: true, format: { ascii_only: asciiOnly, comments: false }, compress: { passes: 2 } }),
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

// A locale's templates (src/generated/locales/<locale>.ts) load on demand, one file each.
const chunkFileNames = (chunk) =>
  chunk.moduleIds.some((id) => /\/src\/generated\/locales\//.test(id)) ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js';

export default [
  {
    input: widgets,
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames,
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
    // Every tag in one file; what loads on demand stays apart (a locale's words, the ZIP code):
    // inlined, the six target locales alone would add about 65 KB that a page reads at most one of.
    output: { dir: 'dist', format: 'es', entryFileNames: 'onestop.js', chunkFileNames, sourcemap: true },
    // Lets the locale chunks import Lit's helpers from onestop.js itself, instead of rollup
    // moving everything into a chunk behind a one-line facade (one more request).
    preserveEntrySignatures: 'allow-extension',
    plugins: plugins(),
    treeshake,
    onwarn,
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/onestop.classic.js', format: 'iife', name: 'OneStop', inlineDynamicImports: true, sourcemap: true },
    plugins: plugins({ asciiOnly: true }),
    treeshake,
    onwarn,
  },
];
