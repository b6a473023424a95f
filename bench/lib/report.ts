/**
 * One row per figure. Each bench script collects rows and hands them to `report()`: run alone it
 * prints them; run by bench/run.ts (BENCH_OUT set) it also writes them as JSON for the one table.
 */
import { appendFileSync } from 'node:fs';

export interface Row {
  /** Stable key, also the key in bench/budget.json: `bytes.gzip.county-bundle.js`. */
  id: string;
  /** The section of the table: bytes, browser, lighthouse, growth, api. */
  group: string;
  /** What the figure is, for a reader. */
  label: string;
  value: number | null;
  unit: 'B' | 'ms' | 'MB' | 'req/s' | 'score' | 'x' | 'shift' | 'count';
  /** Why there is no value (skipped, failed), when value is null. */
  note?: string;
}

export function report(rows: Row[]): void {
  const out = process.env.BENCH_OUT;
  if (out) {
    for (const row of rows) appendFileSync(out, `${JSON.stringify(row)}\n`);
    return;
  }
  for (const row of rows) console.log(`${row.id.padEnd(56)} ${format(row.value, row.unit).padStart(14)}  ${row.note ?? ''}`);
}

export function format(value: number | null, unit: Row['unit']): string {
  if (value === null || Number.isNaN(value)) return '-';
  switch (unit) {
    case 'B':
      return `${(value / 1024).toFixed(2)} KB`;
    case 'ms':
      return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(value < 1 ? 3 : 1)} ms`;
    case 'MB':
      return `${value.toFixed(2)} MB`;
    case 'req/s':
      return `${Math.round(value)} req/s`;
    case 'score':
      return String(Math.round(value * 100));
    case 'x':
      return `${value.toFixed(1)}×`;
    case 'shift':
      return value.toFixed(4);
    case 'count':
      return String(value);
  }
}

/** Median and percentiles of a list of times. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
