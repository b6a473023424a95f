/**
 * `npm run bench`: every benchmark, one table (figure, budget, ok/over, the last run's figure),
 * written to bench/results/latest.json and bench/results/<time>-<commit>.json to compare across
 * commits (bench/results/baseline.json is the committed reference). Budgets: bench/budget.json.
 * Figures, not a pass/fail: it exits 0 when a figure is over; only size fails `npm test`.
 *
 *   npm run bench                        everything (builds dist/ first); about 6-8 minutes
 *   npm run bench -- --only=bytes,growth one or more steps: bytes growth api browser lighthouse static store
 *   npm run bench -- --full              also 1,000,000 tracker cases (a few minutes more)
 *   npm run bench -- --no-build          measure dist/ as it is
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePeers } from './lib/peers.js';
import { format, type Row } from './lib/report.js';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const full = args.includes('--full');
const STEPS = [
  { name: 'bytes', script: 'bench/bytes.ts', needsBuild: true },
  { name: 'growth', script: 'bench/growth.ts' },
  { name: 'api', script: 'bench/api.ts', args: full ? ['--full'] : [] },
  { name: 'browser', script: 'bench/browser.ts', needsBuild: true },
  { name: 'lighthouse', script: 'bench/lighthouse.ts', needsBuild: true },
  // nginx over the static export vs the Node API; the tracker on SQLite vs PostgreSQL (issue 11).
  { name: 'static', script: 'bench/catalogue-nginx-vs-node.ts' },
  { name: 'store', script: 'bench/store-throughput.ts', args: ['--seconds', '5'] },
].filter((step) => !only || only.includes(step.name));

type Budget = { max?: number | string; min?: number | string; note?: string };
const budgets = JSON.parse(readFileSync('bench/budget.json', 'utf8')) as Record<string, Budget | string>;
const hasFlock = spawnSync('sh', ['-c', 'command -v flock']).status === 0;
// Builds are serialised on a shared machine (several people building into one dist/).
const locked = (command: string[]) => (hasFlock ? ['flock', '/tmp/build.lock', ...command] : command);

const started = Date.now();
ensurePeers();
if (!args.includes('--no-build') && STEPS.some((s) => s.needsBuild)) {
  console.log('bench: building dist/ …');
  const [cmd, ...rest] = locked(['node', 'scripts/build.mjs']);
  execFileSync(cmd!, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
}

const rows: Row[] = [];
const out = join(tmpdir(), `onestop-bench-${process.pid}.jsonl`);
for (const step of STEPS) {
  rmSync(out, { force: true });
  const stepStarted = Date.now();
  console.log(`bench: ${step.name} …`);
  const command = ['node', '--expose-gc', '--import', 'tsx', step.script, ...(step.args ?? [])];
  const [cmd, ...rest] = step.name === 'bytes' ? locked(command) : command;
  const result = spawnSync(cmd!, rest, { env: { ...process.env, BENCH_OUT: out }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (existsSync(out)) rows.push(...readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row));
  if (result.status !== 0) rows.push({ id: `${step.name}.failed`, group: step.name, label: `${step.script} failed (exit ${result.status}); see its output above`, value: null, unit: 'count' });
  console.log(`bench: ${step.name} took ${((Date.now() - stepStarted) / 1000).toFixed(0)} s`);
}
rmSync(out, { force: true });

// A budget is a number, or "@<row id>": another figure of the same run (Shoelace's button).
const byId = new Map(rows.map((r) => [r.id, r]));
const resolve = (limit: number | string | undefined) =>
  typeof limit === 'string' && limit.startsWith('@') ? (byId.get(limit.slice(1))?.value ?? undefined) : (limit as number | undefined);
const budgetOf = (id: string): Budget | undefined => {
  const direct = budgets[id];
  if (direct && typeof direct === 'object') return direct;
  // Wildcards: "bytes.gzip.locale.*".
  const pattern = Object.keys(budgets).find((key) => key.includes('*') && new RegExp(`^${key.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`).test(id));
  return pattern ? (budgets[pattern] as Budget) : undefined;
};

const previous = existsSync('bench/results/latest.json')
  ? new Map((JSON.parse(readFileSync('bench/results/latest.json', 'utf8')).rows as Row[]).map((r) => [r.id, r.value]))
  : new Map<string, number | null>();

const results = rows.map((row) => {
  const budget = budgetOf(row.id);
  const max = resolve(budget?.max);
  const min = resolve(budget?.min);
  let status = '';
  if (row.value === null) status = row.note?.startsWith('skipped') ? 'skipped' : 'no figure';
  else if (max !== undefined) status = row.value <= max ? 'ok' : 'OVER';
  else if (min !== undefined) status = row.value >= min ? 'ok' : 'UNDER';
  return { ...row, budget: max !== undefined ? { max, ...(typeof budget?.max === 'string' ? { of: budget.max } : {}) } : min !== undefined ? { min } : undefined, status, previous: previous.get(row.id) ?? null };
});

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) };
const document = { commit: `${commit}${dirty ? '+dirty' : ''}`, date: new Date().toISOString(), machine, seconds: Math.round((Date.now() - started) / 1000), rows: results };

// The table.
const lines: string[] = [];
const widths = [72, 13, 16, 8, 13];
const cell = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));
lines.push(`OneStop benchmarks, ${document.commit}, ${document.date}, Node ${machine.node}, ${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}`);
lines.push([cell('figure', widths[0]!), cell('value', widths[1]!, true), cell('budget', widths[2]!, true), cell('status', widths[3]!, true), cell('last run', widths[4]!, true)].join(' '));
let group = '';
for (const r of results) {
  if (r.group !== group) {
    group = r.group;
    lines.push(`-- ${group} ${'-'.repeat(widths[0]! - group.length - 4)}`);
  }
  const budget = r.budget ? (r.budget.max !== undefined ? `≤ ${format(r.budget.max, r.unit)}` : `≥ ${format(r.budget.min!, r.unit)}`) : '';
  lines.push(
    [cell(r.label.slice(0, widths[0]!), widths[0]!), cell(format(r.value, r.unit), widths[1]!, true), cell(budget, widths[2]!, true), cell(r.status, widths[3]!, true), cell(format(r.previous, r.unit), widths[4]!, true)].join(' ') +
      (r.note ? `  (${r.note})` : ''),
  );
}
const over = results.filter((r) => r.status === 'OVER' || r.status === 'UNDER');
lines.push(`${results.length} figures, ${over.length} outside their budget${over.length ? `: ${over.map((r) => r.id).join(', ')}` : ''}. ${document.seconds} s.`);
if (machine.loadAverage[0]! > machine.cpus) lines.push(`Note: the load average (${machine.loadAverage[0]}) was above the CPU count; times are inflated by other work on this machine.`);
console.log(`\n${lines.join('\n')}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(document, null, 2)}\n`);
const stamped = `bench/results/${document.date.replace(/[:.]/g, '-')}-${commit}.json`;
writeFileSync(stamped, `${JSON.stringify(document, null, 2)}\n`);
writeFileSync('bench/results/latest.txt', `${lines.join('\n')}\n`);
console.log(`Written: bench/results/latest.json, ${stamped}, bench/results/latest.txt`);
