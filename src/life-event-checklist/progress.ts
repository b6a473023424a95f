/**
 * What a citizen keeps of their plan: the date, their answers, ticks, notes and who does
 * what. Kept on the device (SavedState) and carried to another device in a file; both ways
 * it is checked against the same schema, so a damaged copy never replaces a good one.
 */
import * as z from 'zod/mini';

/** Version of the saved shape (device storage and files). Raise it, and migrate, when it changes. */
export const PROGRESS_VERSION = 1;

/** A file of ours says so in this field. */
export const FILE_FORMAT = 'onestop-life-event-plan';

/** Device storage key: one plan per life event. */
export const storageKey = (event: string) => `onestop:life-event-checklist:${event}`;

const Answer = z.union([z.boolean(), z.string().check(z.maxLength(200)), z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50))]);

export const TaskProgressSchema = z.object({
  done: z.optional(z.boolean()),
  note: z.optional(z.string().check(z.maxLength(2000))),
  assignee: z.optional(z.string().check(z.maxLength(100))),
});

export const SavedPlanSchema = z.object({
  eventDate: z.nullable(z.iso.date()),
  answers: z.record(z.string().check(z.maxLength(80)), Answer),
  progress: z.record(z.string().check(z.maxLength(80)), TaskProgressSchema),
  grouping: z.optional(z.enum(['deadline', 'office', 'category'])),
});
export type SavedPlan = z.infer<typeof SavedPlanSchema>;

export const emptyPlan = (): SavedPlan => ({ eventDate: null, answers: {}, progress: {} });

/** True when there is nothing worth keeping (no date, no answer, no tick, note or name). */
export function isEmptyPlan(plan: SavedPlan): boolean {
  return !plan.eventDate && !Object.keys(plan.answers).length && !Object.values(plan.progress).some((p) => p.done || p.note || p.assignee);
}

/** The file a citizen downloads to carry their plan to another device. */
export function exportFile(event: string, plan: SavedPlan, exportedAt: Date): string {
  return JSON.stringify({ format: FILE_FORMAT, version: PROGRESS_VERSION, event, exportedAt: exportedAt.toISOString(), ...plan }, null, 2);
}

export type ImportResult =
  | { ok: true; plan: SavedPlan; exportedAt: string | null }
  /**
   * not-json: not a JSON file at all; not-ours: JSON, but not a OneStop plan file; other-event:
   * a plan for another life event (`event` says which); newer: written by a newer version of
   * the widgets; invalid: ours, but damaged or edited into something we cannot use.
   */
  | { ok: false; reason: 'not-json' | 'not-ours' | 'newer' | 'invalid' }
  | { ok: false; reason: 'other-event'; event: string };

const FileEnvelope = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.number(),
  event: z.string(),
  exportedAt: z.optional(z.string()),
});

/** Reads a plan file for `event`; never throws. */
export function parseImportFile(text: string, event: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const envelope = z.safeParse(FileEnvelope, json);
  if (!envelope.success) return { ok: false, reason: 'not-ours' };
  if (envelope.data.version > PROGRESS_VERSION) return { ok: false, reason: 'newer' };
  if (envelope.data.event !== event) return { ok: false, reason: 'other-event', event: envelope.data.event };
  const plan = z.safeParse(SavedPlanSchema, json);
  if (!plan.success) return { ok: false, reason: 'invalid' };
  const { eventDate, answers, progress, grouping } = plan.data;
  return { ok: true, plan: { eventDate, answers, progress, ...(grouping ? { grouping } : {}) }, exportedAt: envelope.data.exportedAt ?? null };
}
