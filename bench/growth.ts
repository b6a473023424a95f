/**
 * Work that grows with data, in the pure modules the widgets run: time (median of several runs)
 * and the memory the result holds, at three sizes each, and how much each grows.
 *
 *   node --expose-gc --import tsx bench/growth.ts
 *
 * The larger inputs are SYNTHETIC: the real catalogue (data/, recorded API answers) repeated
 * with numbered ids, so texts, rules and documents keep their real shapes and lengths.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { CaseStatusesResponse } from '../src/core/api/contract/case-statuses.js';
import type { LifeEventResponse, ServiceResponse } from '../src/core/api/contract.js';
import { CaseView } from '../src/core/api/tracker-contract.js';
import { BundleResponse, type BundleFileView } from '../src/core/api/bundle-contract.js';
import { checkService } from '../src/doc-free-check/check.js';
import { indexServices } from '../src/doc-free-check/search.js';
import { assembleBundleZip, type ZipTexts } from '../src/county-bundle/zip.js';
import { currentStep, expectedCompletion, groupByOffice, nextStep, openAction, routeProgress } from '../src/application-tracker/timeline.js';
import { groupTasks, plan } from '../src/life-event-checklist/plan.js';
import { loadCatalogue } from '../server/catalogue.js';
import { calendarFrom } from '../server/office-calendar.js';
import { Localizer } from '../server/views.js';
import { recordedAnswers } from '../test/fixtures/recorded/api-answers.js';
import { percentile, report, type Row } from './lib/report.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.error('growth: run with node --expose-gc for the memory figures');
const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const rows: Row[] = [];

let sink: unknown; // keeps a result reachable while its memory is counted

/**
 * Median time of `runs` calls, and memory: what one call allocates at its height (sampled while
 * it awaits, and at its end before any GC) and what its result still holds after a full GC.
 */
async function measure<T>(run: () => T | Promise<T>, runs: number): Promise<{ ms: number; peak: number; held: number }> {
  await run(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  gc?.();
  const before = heap();
  let high = before;
  const sampler = setInterval(() => (high = Math.max(high, heap())), 0);
  sink = await run();
  clearInterval(sampler);
  high = Math.max(high, heap());
  gc?.();
  const held = Math.max(0, heap() - before);
  sink = undefined;
  return { ms: percentile(times, 0.5), peak: (high - before) / 1_048_576, held: held / 1_048_576 };
}

async function curve(key: string, what: string, sizes: number[], unit: string, setup: (n: number) => () => unknown, runs: (n: number) => number) {
  const results: Array<{ n: number; ms: number; peak: number }> = [];
  for (const n of sizes) {
    const run = setup(n);
    const { ms, peak, held } = await measure(run, runs(n));
    results.push({ n, ms, peak });
    const size = `${n.toLocaleString('en')} ${unit}`;
    rows.push({ id: `growth.${key}.${n}.ms`, group: 'growth', label: `${what}: ${size}, time (median)`, value: ms, unit: 'ms' });
    rows.push({ id: `growth.${key}.${n}.peak-mb`, group: 'growth', label: `${what}: ${size}, memory allocated at peak`, value: peak, unit: 'MB' });
    void held; // measured, but every result here holds under 0.3 MB: left out of the table
  }
  const first = results[0]!;
  const last = results.at(-1)!;
  rows.push({
    id: `growth.${key}.factor`,
    group: 'growth',
    label: `${what}: time growth for ${last.n / first.n}× the ${unit} (linear = ${last.n / first.n}×)`,
    value: last.ms / first.ms,
    unit: 'x',
  });
  rows.push({ id: `growth.${key}.memory-factor`, group: 'growth', label: `${what}: peak memory growth for ${last.n / first.n}× the ${unit}`, value: first.peak > 0 ? last.peak / first.peak : null, unit: 'x' });
}

const catalogue = await loadCatalogue('data');
const localizer = new Localizer(catalogue, 'en');
const calendar = calendarFrom(catalogue.calendar.values());

// 1. Checklist planning: the death event's tasks repeated, each copy's dependencies kept inside it.
const death: LifeEventResponse = localizer.lifeEvent(catalogue.lifeEvents.get('death')!);
function eventWithTasks(count: number): LifeEventResponse {
  const tasks = Array.from({ length: count }, (_, i) => {
    const task = death.tasks[i % death.tasks.length]!;
    const copy = Math.floor(i / death.tasks.length);
    const id = (taskId: string) => (copy === 0 ? taskId : `${taskId}-${copy}`);
    return { ...task, id: id(task.id), dependsOn: task.dependsOn.map((d) => ({ ...d, task: id(d.task) })) };
  });
  // Drop dependencies on tasks past the cut (the last copy is partial).
  const ids = new Set(tasks.map((t) => t.id));
  for (const task of tasks) task.dependsOn = task.dependsOn.filter((d) => ids.has(d.task));
  return { ...death, tasks };
}
const answers = { 'left-property': true, 'owned-property': true };
await curve(
  'checklist-plan',
  'Checklist plan + grouping',
  [10, 100, 1000],
  'tasks',
  (n) => {
    const event = eventWithTasks(n);
    return () => {
      const result = plan({ event, answers, eventDate: '2026-01-15', today: '2026-01-20', calendar });
      return [result, groupTasks(result.tasks, 'deadline'), groupTasks(result.tasks, 'office')];
    };
  },
  (n) => (n >= 1000 ? 10 : 40),
);

// 2. Document checks: every recorded service checked, the list repeated to the size.
const services = Object.entries(recordedAnswers)
  .filter(([key]) => /^service\.[\w-]+\.en$/.test(key))
  .map(([, answer]) => answer as unknown as ServiceResponse);
await curve(
  'doc-free-check',
  'Document checks',
  [50, 500, 5000],
  'services',
  (n) => {
    const list = Array.from({ length: n }, (_, i) => services[i % services.length]!);
    const answers = { county: 'TW-TTT', consent: true };
    return () => list.map((service) => checkService(service, answers));
  },
  (n) => (n >= 5000 ? 5 : 20),
);

// 3. Service search: index build and one keystroke, 50 / 500 / 5000 services (the list is loaded once).
const real = recordedAnswers['services.en'].services;
await curve(
  'service-search',
  'Service search, index + 12 keystrokes',
  [50, 500, 5000],
  'services',
  (n) => {
    const list = Array.from({ length: n }, (_, i) => {
      const s = real[i % real.length]!;
      const copy = Math.floor(i / real.length);
      return copy === 0 ? s : { ...s, id: `${s.id}-sample-${copy}`, name: `${s.name} (sample ${copy})`, nameZh: `${s.nameZh}（範例${copy}）` };
    });
    const phrase = 'funeral allow';
    return () => {
      const index = indexServices(list);
      for (let end = 1; end <= phrase.length; end++) index.search(phrase.slice(0, end), 50);
      return index;
    };
  },
  () => 10,
);

// 4. ZIP building in the browser's way (WebCrypto SHA-256 of each file, then fflate's zipSync):
// the largest real bundle's files repeated to 1, 10 and 100 MB (SYNTHETIC bytes, real manifest).
const bundleAnswer = z.parse(BundleResponse, recordedAnswers['bundle.TW-TTT.death.en']);
const TEXTS: ZipTexts = {
  sample: 'SAMPLE', version: 'Version', effective: 'Effective', files: 'Files', file: 'File', office: 'Issuing office',
  format: 'Format', size: 'Size', formats: { pdf: 'PDF to print', odt: 'ODF to edit' }, check: 'Check each file with its SHA-256.',
  source: 'Source', leftOut: 'Not in this ZIP', reasons: { mismatch: 'Did not match.', unavailable: 'Could not be downloaded.' },
  getItFrom: 'Download it from',
};
await curve(
  'zip',
  'ZIP built in the browser',
  [1, 10, 100],
  'MB',
  (megabytes) => {
    const perFile = Math.ceil((megabytes * 1_048_576) / bundleAnswer.files.length);
    // Pseudo-random bytes compress like real PDFs with images do: barely.
    const seed = createHash('sha256').update(String(megabytes)).digest();
    const sources = bundleAnswer.files.map((file, i) => {
      const bytes = new Uint8Array(perFile);
      for (let at = 0; at < perFile; at += 32) bytes.set(createHash('sha256').update(seed).update(`${i}:${at}`).digest().subarray(0, Math.min(32, perFile - at)), at);
      return { file: { ...file, bytes: perFile, sha256: createHash('sha256').update(bytes).digest('hex') }, bytes };
    });
    const bundle = { ...bundleAnswer, files: sources.map((s) => s.file), totalBytes: perFile * sources.length };
    const options = { texts: TEXTS, locale: 'en', fileUrl: (f: BundleFileView) => `https://api.example/${f.url}` };
    return () => assembleBundleZip(bundle, sources, options);
  },
  (mb) => (mb >= 100 ? 3 : 10),
);

// 5. Tracker timeline: a SAMPLE case's events repeated (alternating offices), then every view the widget draws.
const statuses = z.parse(CaseStatusesResponse, recordedAnswers['case-statuses.en']).statuses;
const sample = z.parse(CaseView, recordedAnswers['case.SAMPLE-LAND-INHERIT-01']);
await curve(
  'tracker-timeline',
  'Tracker timeline views',
  [10, 100, 1000],
  'events',
  (n) => {
    const start = Date.parse(sample.events[0]!.at);
    const events = Array.from({ length: n }, (_, i) => ({ ...sample.events[i % sample.events.length]!, at: new Date(start + i * 3_600_000).toISOString() }));
    const view = { ...sample, events };
    return () => [groupByOffice(view.events), routeProgress(view), currentStep(view, statuses), nextStep(view, statuses, '2026-03-01'), openAction(view, statuses, '2026-03-01'), expectedCompletion(view, statuses, '2026-03-01')];
  },
  (n) => (n >= 1000 ? 20 : 50),
);

report(rows);
