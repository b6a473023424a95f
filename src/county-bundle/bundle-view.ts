/**
 * Pure decisions for the county bundle: reading the webmaster's attributes, sizes and dates in
 * the citizen's language, whether a copy kept on the device is still the newest, and what a
 * download left out. No DOM, no fetch: table-tested in test/pure/county-bundle.test.ts.
 */
import type { BundleFileView, BundleResponse } from '../core/api/bundle-contract.js';

/** Whether the chosen county is where the citizen lives or where their household is registered. */
export type CountyBasis = 'residence' | 'registration';

/** `registration` (also `household`, `戶籍`) or else `residence`: a typo never hides the widget. */
export function parseBasis(value: string | null | undefined): CountyBasis {
  const v = (value ?? '').trim().toLowerCase();
  return v === 'registration' || v === 'household' || v === 'household-registration' || v === '戶籍' || v === '戶籍地' ? 'registration' : 'residence';
}

/**
 * An ISO 3166-2:TW code from what a webmaster typed (`ttt`, `tw-ttt`, ` TW-TTT `), or null when
 * it cannot be one. Whether the county exists is the API's to say.
 */
export function normaliseCountyCode(value: string | null | undefined): string | null {
  const wanted = (value ?? '').trim().toUpperCase();
  if (!wanted) return null;
  const full = wanted.startsWith('TW-') ? wanted : `TW-${wanted}`;
  return /^TW-[A-Z]{3}$/.test(full) ? full : null;
}

/** A life event id as the API spells them (`death`, `moving-house`), or null. */
export function normaliseEventId(value: string | null | undefined): string | null {
  const wanted = (value ?? '').trim().toLowerCase().replace(/[\s_]+/g, '-');
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(wanted) ? wanted : null;
}

/**
 * A file size in the reader's language, in SI units as Intl names them (kB = 1000 bytes):
 * whole numbers from 10 up, one decimal below, so "4.9 kB", "31 kB", "1.2 MB".
 */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' || value >= 10 ? 0 : 1,
  }).format(value);
}

/** A `YYYY-MM-DD` date in the reader's language ("1 January 2026", "2026年1月1日"); the text as is when it is not one. */
export function formatIsoDate(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** A moment (ms since epoch) in the reader's language and time zone, with the time. */
export function formatMoment(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(ms);
}

/** A name safe as a file name on Windows, macOS and Linux (the server's rule, so both ZIPs agree). */
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();

/** The name of a file saved on its own: `臺東縣-死亡登記申請書（範例）.pdf`, as the server names it. */
export function singleFileName(bundle: Pick<BundleResponse, 'county'>, file: Pick<BundleFileView, 'titleZh' | 'format'>): string {
  return safeFileName(`${bundle.county.nameZh}-${file.titleZh}.${file.format}`);
}

/**
 * How a copy kept on the device compares with what the API says now:
 * - `current`: every file is the same (same ids, same SHA-256) and so is the version;
 * - `newer`: something changed; counts say what, `version` is the API's;
 * - `unknown`: no fresh answer from the API to compare with (offline).
 */
export type Freshness =
  | { status: 'current' }
  | { status: 'newer'; version: string; changed: number; added: number; removed: number }
  | { status: 'unknown' };

type Comparable = Pick<BundleResponse, 'version'> & { files: ReadonlyArray<Pick<BundleFileView, 'id' | 'sha256'>> };

export function compareWithKept(kept: Comparable, current: Comparable | null): Freshness {
  if (!current) return { status: 'unknown' };
  const before = new Map(kept.files.map((f) => [f.id, f.sha256]));
  const now = new Map(current.files.map((f) => [f.id, f.sha256]));
  let changed = 0;
  let added = 0;
  for (const [id, sha] of now) {
    if (!before.has(id)) added++;
    else if (before.get(id) !== sha) changed++;
  }
  const removed = [...before.keys()].filter((id) => !now.has(id)).length;
  if (changed === 0 && added === 0 && removed === 0 && kept.version === current.version) return { status: 'current' };
  return { status: 'newer', version: current.version, changed, added, removed };
}

/** Why a file is not in a download: its bytes did not match the manifest, or it could not be fetched. */
export type LeftReason = 'mismatch' | 'unavailable';

/** Progress of fetching files, as a fraction 0…1 of the bytes the manifest announces (never above 1). */
export function progressFraction(received: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, received / total));
}
