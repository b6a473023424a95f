/**
 * `npm test`: every suite, in the order that fails fastest, each with its time. Finds (or,
 * as root, installs) Chromium first. Ends with one line of totals across the test runners.
 */
import { spawn } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

const steps = [
  { name: 'type-check', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'translations complete', cmd: ['npm', 'run', '--silent', 'check-translations'] },
  { name: 'build (locales, bundles, manifest)', cmd: ['npm', 'run', '--silent', 'build'] },
  { name: 'server tests (node:test)', cmd: ['npm', 'run', '--silent', 'test:server'], counts: 'node' },
  { name: 'server tests on PostgreSQL (throwaway cluster)', cmd: ['npm', 'run', '--silent', 'test:server:postgres'], counts: 'node' },
  { name: 'unit + browser tests (web-test-runner, Chromium)', cmd: ['npm', 'run', '--silent', 'test:browser'], counts: 'wtr' },
  { name: 'end-to-end tests (real API + demo, Chromium)', cmd: ['npm', 'run', '--silent', 'test:e2e'], counts: 'node' },
  { name: 'end-to-end tests on the static export behind nginx', cmd: ['npm', 'run', '--silent', 'test:e2e:static'], counts: 'node' },
  { name: 'end-to-end tests on two API processes over PostgreSQL', cmd: ['npm', 'run', '--silent', 'test:e2e:pg-pair'], counts: 'node' },
  { name: 'storybook build', cmd: ['npm', 'run', '--silent', 'build-storybook'] },
  { name: 'story smoke test (every story renders, axe clean)', cmd: ['node', 'scripts/story-smoke.mjs'], counts: 'wtr' },
  { name: 'bundle sizes against budget', cmd: ['npm', 'run', '--silent', 'size'] },
];

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Test counts from a runner's closing lines. */
function countTests(kind, rawOutput) {
  const output = rawOutput.replace(/\x1b\[[0-9;]*m/g, ''); // colour codes split the numbers from their words
  if (kind === 'node') {
    const pass = [...output.matchAll(/^ℹ pass (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const fail = [...output.matchAll(/^ℹ fail (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    return { pass, fail };
  }
  const last = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  return last ? { pass: Number(last[1]), fail: Number(last[2]) } : { pass: 0, fail: 0 };
}

const chromium = ensureChromium();
process.env.CHROME_PATH = chromium;
console.log(`Chromium: ${chromium}`);

const results = [];
let passed = 0;
let failed = 0;
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const { code, output } = await run(step.cmd);
  const seconds = (Date.now() - started) / 1000;
  if (step.counts) {
    const counts = countTests(step.counts, output);
    passed += counts.pass;
    failed += counts.fail;
  }
  results.push({ name: step.name, ok: code === 0, seconds });
  if (code !== 0) break; // later steps depend on earlier ones (build before browser tests)
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(52)} ${r.seconds.toFixed(1).padStart(6)} s`);
for (const step of steps.slice(results.length)) console.log(`skip  ${step.name}`);
const allOk = results.length === steps.length && results.every((r) => r.ok);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
