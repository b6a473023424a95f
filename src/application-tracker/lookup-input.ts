/**
 * The look-up form's input, checked and tidied before anything is sent, and the case numbers a
 * citizen chose to keep on the device. Pure: no DOM, no storage.
 *
 * People copy receipts by hand, often on a phone with a Chinese keyboard: full-width letters
 * (ＯＳ－２０２５), other dashes, spaces and lower case are all read as meant. The server
 * forgives the same for the code (Crockford: O reads 0, I and L read 1); the number is only
 * upper-cased there, so it is tidied here.
 */
import * as z from 'zod/mini';
import { CaseNumber, LookupCode } from '../core/api/tracker-contract.js';

export type FieldProblem = 'empty' | 'format';

export interface LookupInput {
  caseNumber: string;
  lookupCode: string;
}

export interface CheckedInput extends LookupInput {
  problems: Partial<Record<keyof LookupInput, FieldProblem>>;
  ok: boolean;
}

// Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus, small and full-width hyphen-minus.
const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;

const tidy = (raw: string) => raw.normalize('NFKC').replace(DASHES, '-').toUpperCase().trim();

/** A case number as the server reads it: `os 2025 7k3m9qxd` → `OS-2025-7K3M9QXD`. */
export function normalizeCaseNumber(raw: string): string {
  return tidy(raw).replace(/\s+/g, '-').replace(/-{2,}/g, '-');
}

/** A lookup code as printed: `7k3m 9qxd` → `7K3M-9QXD`. */
export function normalizeLookupCode(raw: string): string {
  const compact = tidy(raw).replace(/[\s-]/g, '');
  return /^[A-Z0-9]{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4)}` : tidy(raw);
}

/** Checks both fields; `ok` only when both can be sent. */
export function checkLookupInput(input: LookupInput): CheckedInput {
  const caseNumber = normalizeCaseNumber(input.caseNumber);
  const lookupCode = normalizeLookupCode(input.lookupCode);
  const problems: CheckedInput['problems'] = {};
  if (!caseNumber) problems.caseNumber = 'empty';
  else if (!z.safeParse(CaseNumber, caseNumber).success) problems.caseNumber = 'format';
  if (!lookupCode) problems.lookupCode = 'empty';
  else if (!z.safeParse(LookupCode, lookupCode).success) problems.lookupCode = 'format';
  return { caseNumber, lookupCode, problems, ok: !problems.caseNumber && !problems.lookupCode };
}

// ---------- case numbers kept on the device (never a lookup code) ----------

/** Where remembered case numbers live, and the shape they are kept in. */
export const SAVED_CASES_KEY = 'onestop:application-tracker:case-numbers';
export const SAVED_CASES_VERSION = 1;
/** A family's cases, not an archive. */
export const MAX_SAVED_CASES = 12;

/** Only case numbers: the schema has no room for a code, so none can be kept by mistake. */
export const SavedCases = z.strictObject({ caseNumbers: z.array(CaseNumber).check(z.maxLength(MAX_SAVED_CASES)) });
export type SavedCases = z.infer<typeof SavedCases>;

/** The list with `caseNumber` first (newest first, no duplicates, at most MAX_SAVED_CASES). */
export function withCase(list: readonly string[], caseNumber: string): string[] {
  return [caseNumber, ...list.filter((n) => n !== caseNumber)].slice(0, MAX_SAVED_CASES);
}

export function withoutCase(list: readonly string[], caseNumber: string): string[] {
  return list.filter((n) => n !== caseNumber);
}
