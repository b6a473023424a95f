/**
 * The whole build: locale modules from the XLIFF files, the three bundle shapes, and the
 * Custom Elements Manifest. Each step runs with the project's own pinned tools.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const run = (label, command, args) => {
  const started = Date.now();
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`build: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

run('locale modules from locales/*.xlf', bin('lit-localize'), ['build', '--config', 'lit-localize.json']);
rmSync('dist', { recursive: true, force: true });
run('bundles in dist/', bin('rollup'), ['-c', '--silent']);
run('custom-elements.json', bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
// County and dark themes: plain CSS setting only --onestop-* tokens, served beside the bundles.
cpSync('src/themes', 'dist/themes', { recursive: true });
console.log('build: dist/themes/ (CSS themes)');
