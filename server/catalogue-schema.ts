/**
 * The shape of the catalogue files in data/ (what people edit), checked at load time and by
 * the catalogue test. The API's answers (src/core/api/contract.ts) are these records with
 * their texts resolved to one language.
 *
 * Conventions:
 * - ids are kebab-case slugs (`household-registration-office`), except tasks, which keep the
 *   report's numbering (`D07` for 表7 item 7) so a reviewer can check them against the source;
 * - every text is a map by language with at least zh-Hant-TW and en;
 * - every record has a `source`: report part and line (`seed C_ch4.txt L120`), or law and
 *   article, and the date its facts hold for;
 * - conditions are JsonLogic rules (src/core/rules/logic.ts) over the answers, by question id.
 */
import * as z from 'zod/mini';
import { CountyCode, CountyKind, Source } from '../src/core/api/contract.js';
import { validateRule, type Rule as JsonRule } from '../src/core/rules/logic.js';
import { CATALOGUE_BASE_LANG } from './localized-text.js';

export const Slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id'));
export const TaskId = z.string().check(z.regex(/^[A-Z]{1,3}\d{2,3}$/, 'a task id such as D07'));
export const IsoDate = z.iso.date();

/** Texts by language; zh-Hant-TW and en are required, others optional. */
export const Texts = z.record(z.string(), z.string().check(z.minLength(1))).check(
  z.refine((texts) => CATALOGUE_BASE_LANG in texts && 'en' in texts, 'needs zh-Hant-TW and en'),
);
export type Texts = z.infer<typeof Texts>;

/** A JsonLogic rule, checked for operators the shared evaluator supports. */
export const Rule = z.custom<JsonRule>((value) => {
  try {
    validateRule(value as JsonRule);
    return true;
  } catch {
    return false;
  }
}, 'a JsonLogic rule using only supported operators (see src/core/rules/logic.ts)');

export const LegalBasis = z.object({
  law: Texts,
  article: z.optional(z.string()),
  url: z.optional(z.url()),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

export const Channel = z.object({
  kind: z.enum(['online', 'counter', 'proxy', 'mail', 'phone', 'home-visit', 'automatic']),
  url: z.optional(z.url()),
  note: z.optional(Texts),
});

// ---------- agencies, registries, documents ----------

export const Agency = z.object({
  id: Slug,
  /** `office-type`: a kind of office with one per district or county (戶政事務所); `agency`: one body. */
  kind: z.enum(['agency', 'office-type']),
  level: z.enum(['central', 'municipal', 'county', 'township', 'institution', 'private']),
  parent: z.optional(Slug),
  names: Texts,
  /** For office types: how a citizen finds the right one (which county or district). */
  finder: z.optional(Texts),
  url: z.optional(z.url()),
  source: Source,
});
export type Agency = z.infer<typeof Agency>;

export const Registry = z.object({
  id: Slug,
  names: Texts,
  operator: Slug,
  covers: Texts,
  /** Agencies linked to it, as the source counts them. */
  linkedAgencies: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** A lookup needs the citizen's consent (e.g. indigenous status). */
  needsConsent: z.optional(z.boolean()),
  source: Source,
});
export type Registry = z.infer<typeof Registry>;

export const Document = z.object({
  id: Slug,
  names: Texts,
  proves: Texts,
  issuer: Slug,
  /** Fee in NT$ for one copy; 0 when free. */
  feeNtd: z.optional(z.number().check(z.nonnegative())),
  /** How long it takes to get, in plain words ("about 1 hour at the counter"). */
  timeToObtain: z.optional(Texts),
  onlineAlternative: z.optional(z.object({ names: Texts, url: z.optional(z.url()) })),
  /** The registry an agency can query instead of asking for this document. */
  registry: z.optional(Slug),
  source: Source,
});
export type Document = z.infer<typeof Document>;

// ---------- questions (life events and services both ask them) ----------

export const Question = z.object({
  id: Slug,
  kind: z.enum(['yes-no', 'choice', 'multi-choice', 'county', 'date']),
  text: Texts,
  help: z.optional(Texts),
  options: z.optional(z.array(z.object({ id: Slug, text: Texts }))),
  /** Ask only when this holds (questions that no longer matter disappear). */
  showWhen: z.optional(Rule),
});
export type Question = z.infer<typeof Question>;

// ---------- services and waiver rules (免附書證謄本) ----------

const WaiverBranchBase = { when: z.optional(Rule), because: Texts, source: z.optional(Source) };

export const WaiverBranch = z.discriminatedUnion('outcome', [
  z.object({ ...WaiverBranchBase, outcome: z.literal('waived'), registry: Slug }),
  z.object({ ...WaiverBranchBase, outcome: z.literal('substitute'), substitutes: z.array(Slug).check(z.minLength(1)) }),
  z.object({ ...WaiverBranchBase, outcome: z.literal('required') }),
]);
export type WaiverBranch = z.infer<typeof WaiverBranch>;

/** Per document: ordered branches; the first whose `when` holds decides. The last has no `when`. */
export const DocumentRequirement = z.object({
  document: Slug,
  waiver: z.array(WaiverBranch).check(
    z.minLength(1),
    z.refine((branches) => branches[branches.length - 1].when === undefined, 'the last branch is the default: no `when`'),
  ),
});

export const Service = z.object({
  id: Slug,
  names: Texts,
  summary: z.optional(Texts),
  agency: Slug,
  channels: z.array(Channel).check(z.minLength(1)),
  /** Questions that change which documents are waived (county, consent, payee = owner, …). */
  questions: z.optional(z.array(Question)),
  documents: z.array(DocumentRequirement),
  legalBasis: z.array(LegalBasis),
  source: Source,
});
export type Service = z.infer<typeof Service>;

// ---------- life events ----------

export const Deadline = z.object({
  from: z.union([z.literal('event'), z.object({ question: Slug })]),
  period: z.object({ unit: z.enum(['days', 'months', 'years']), count: z.number().check(z.int(), z.positive()) }),
  startDayCounts: z.optional(z.boolean()),
  penaltyPeriod: z.optional(z.boolean()),
  /** The rule in plain words, as the law puts it ("within 30 days after the death"). */
  text: Texts,
  /** What happens if it is missed, where the source says. */
  consequence: z.optional(Texts),
  legalBasis: z.optional(LegalBasis),
});
export type Deadline = z.infer<typeof Deadline>;

export const Task = z.object({
  id: TaskId,
  /** Plain words, as a family member would say it. */
  title: Texts,
  /** The official name, for the counter. */
  officialName: z.optional(Texts),
  summary: z.optional(Texts),
  category: Slug,
  /** Where to go: an office type (found per county) or one agency. */
  agency: Slug,
  service: z.optional(Slug),
  documents: z.array(Slug),
  channels: z.array(Channel).check(z.minLength(1)),
  /** The task applies when this holds; absent means always. */
  appliesWhen: z.optional(Rule),
  deadline: z.optional(Deadline),
  dependsOn: z.array(z.object({ task: TaskId, why: Texts, when: z.optional(Rule) })),
  /** The government does it without being asked: shown as "nothing to do". */
  doneForYou: z.boolean(),
  fees: z.optional(Texts),
  notes: z.optional(Texts),
  legalBasis: z.array(LegalBasis),
  source: Source,
});
export type Task = z.infer<typeof Task>;

export const LifeEvent = z.object({
  id: Slug,
  names: Texts,
  summary: Texts,
  /** The label of the event date ("Date of death"). */
  eventDate: Texts,
  categories: z.array(z.object({ id: Slug, names: Texts })).check(z.minLength(1)),
  questions: z.array(Question),
  tasks: z.array(Task).check(z.minLength(1)),
  source: Source,
});
export type LifeEvent = z.infer<typeof LifeEvent>;

// ---------- counties (with the offices a citizen visits there) ----------

export const County = z.object({
  code: CountyCode,
  kind: CountyKind,
  names: Texts,
});

// ---------- office calendar ----------

export const CalendarYear = z.object({
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  /** Weekdays off: national holidays, compensatory and bridge days. */
  restDays: z.array(z.object({ date: IsoDate, name: Texts })),
  /** Weekend days that are working days (補行上班日). */
  workDays: z.array(z.object({ date: IsoDate, name: Texts })),
  /** Total days off in the year, as the official table states: a check on the lists. */
  totalDaysOff: z.number().check(z.int()),
  source: Source,
});
export type CalendarYear = z.infer<typeof CalendarYear>;

// ---------- case statuses (tracker) ----------

export const CaseStatus = z.object({
  id: z.enum(['received', 'forwarded', 'in-review', 'needs-more', 'approved', 'rejected', 'completed', 'collected', 'withdrawn']),
  names: Texts,
  whatNext: Texts,
  /** The agencies' own words that mean this status. */
  agencyWords: z.array(z.string()),
  final: z.boolean(),
  source: Source,
});
export type CaseStatus = z.infer<typeof CaseStatus>;
