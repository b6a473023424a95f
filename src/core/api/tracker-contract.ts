/**
 * The tracker's part of the shared API contract (see contract.ts for the catalogue's part).
 * The reference server validates request bodies and the case view it sends with these
 * schemas; the tracker widget checks every answer against `CaseView`.
 *
 * Routes:
 * - `POST /v1/cases/lookup`                      citizen: case number + lookup code → CaseView
 * - `POST /v1/agency/cases`                      agency (Bearer key): open a case → number + code, once
 * - `POST /v1/agency/cases/{caseNumber}/events`  agency (Bearer key): append a status event
 *
 * Texts written by an agency (office names, notes, actions) are maps by language. Unlike the
 * catalogue, only zh-Hant-TW is required: a clerk writes the note at the counter, and asking
 * for an English version of every 補正 note would mean none gets written. Send `en` (and other
 * languages) when you have them; the widget falls back to zh-Hant-TW and says so.
 *
 * Every body is a strict object: an unknown field is refused (400) rather than ignored, so a
 * typo in an agency's integration shows up on the first call, not in a citizen's view.
 */
import * as z from 'zod/mini';
import { LanguageTag } from './contract/base.js';

// ---------- building blocks ----------

export const AgencyId = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case agency id'), z.maxLength(80));
export const ServiceId = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case service id'), z.maxLength(80));
/** A status id from the vocabulary (data/case-statuses.yaml); the server checks it is one it knows. */
export const StatusId = z.string().check(z.regex(/^[a-z]+(-[a-z]+)*$/, 'must be a status id such as in-review'), z.maxLength(40));

/**
 * A case number as printed on the receipt: letters, digits and hyphens. The server issues
 * `OS-<year>-<8 letters or digits>`; sample data uses `SAMPLE-…`. Not a secret.
 */
export const CaseNumber = z.string().check(
  z.minLength(4),
  z.maxLength(40),
  z.regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'must be a case number as printed on the receipt, e.g. OS-2025-7K3M9QXD'),
);

/**
 * The lookup code printed on the receipt: 8 letters or digits, usually shown `XXXX-XXXX`
 * (Crockford base 32: no I, L, O or U; a typed O reads as 0, I and L as 1; case and the
 * hyphen do not matter).
 */
export const LookupCode = z.string().check(z.regex(/^\s*[A-Za-z0-9]{4}[-\s]?[A-Za-z0-9]{4}\s*$/, 'must be 8 letters or digits, as printed on the receipt (XXXX-XXXX)'));

/** A text by language; zh-Hant-TW is required, others (en first) are welcome. */
export const CaseText = z
  .record(
    LanguageTag,
    z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(2000)),
  )
  .check(
    z.refine((texts) => typeof texts['zh-Hant-TW'] === 'string', 'needs a zh-Hant-TW text'),
    z.refine((texts) => Object.keys(texts).length <= 8, 'at most 8 languages'),
  );
export type CaseText = z.infer<typeof CaseText>;

/** An ISO 8601 date-time with an offset (`2025-03-04T09:30:00+08:00` or `…Z`). */
export const DateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

/** How sure the expected completion is: a guess, the office's own service target, or a period set by law. */
export const Confidence = z.enum(['estimate', 'target', 'statutory']);
export type Confidence = z.infer<typeof Confidence>;

/** When the case should be done: one `date`, or a range `earliest`…`latest`, with how sure. */
export const ExpectedCompletion = z
  .strictObject({
    date: z.optional(IsoDate),
    earliest: z.optional(IsoDate),
    latest: z.optional(IsoDate),
    confidence: Confidence,
  })
  .check(
    z.superRefine((value, ctx) => {
      const hasDate = value.date !== undefined;
      const hasRange = value.earliest !== undefined || value.latest !== undefined;
      if (hasDate && hasRange) {
        ctx.issues.push({ code: 'custom', message: 'give either date or earliest and latest, not both', path: ['date'], input: value });
      } else if (!hasDate && !hasRange) {
        ctx.issues.push({ code: 'custom', message: 'give a date, or earliest and latest', path: ['date'], input: value });
      } else if (hasRange && (value.earliest === undefined || value.latest === undefined)) {
        ctx.issues.push({ code: 'custom', message: 'a range needs both earliest and latest', path: [value.earliest === undefined ? 'earliest' : 'latest'], input: value });
      } else if (hasRange && value.earliest! > value.latest!) {
        ctx.issues.push({ code: 'custom', message: 'earliest is after latest', path: ['earliest'], input: value });
      }
    }),
  );
export type ExpectedCompletion = z.infer<typeof ExpectedCompletion>;

/** The one person who follows the case from start to end (一案到底, 固定專人). */
export const Contact = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  phone: z.optional(z.string().check(z.regex(/^[0-9+()#\- ]{6,40}$/, 'must be a phone number (digits, spaces, + - ( ) #)'))),
  email: z.optional(z.email('must be an e-mail address')),
});
export type Contact = z.infer<typeof Contact>;

/** An office the case passes through (代收轉件: received by one office, handled by another). */
export const RouteStop = z.strictObject({ agencyId: AgencyId, office: CaseText });
export type RouteStop = z.infer<typeof RouteStop>;

/** What the citizen must do, and by when (補正: which documents, by which date). */
export const CitizenAction = z.strictObject({ text: CaseText, dueDate: z.optional(IsoDate) });
export type CitizenAction = z.infer<typeof CitizenAction>;

// ---------- requests ----------

export const LookupRequest = z.strictObject({ caseNumber: CaseNumber, lookupCode: LookupCode });
export type LookupRequest = z.infer<typeof LookupRequest>;

export const CreateCaseRequest = z.strictObject({
  serviceId: ServiceId,
  /** The office that took the application, as the citizen knows it (臺北市大安區公所). */
  receivingOffice: CaseText,
  /** The other offices the case goes to, in order (empty when the receiving office does it all). */
  route: z.optional(
    z.array(RouteStop).check(
      z.maxLength(10),
      z.refine((stops) => new Set(stops.map((s) => s.agencyId)).size === stops.length, 'an agency appears twice on the route'),
    ),
  ),
  contact: z.optional(Contact),
  expectedCompletion: z.optional(ExpectedCompletion),
  /** When the citizen handed it in; defaults to now. Not in the future. */
  receivedAt: z.optional(DateTime),
  /** The office's own word for the first event (收件, 送件, …). */
  agencyWord: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
  /** A note to the citizen on the first event. */
  note: z.optional(CaseText),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

export const AppendEventRequest = z
  .strictObject({
    status: StatusId,
    agencyWord: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
    /** Which office of the agency; defaults to the office named for the agency on the case. */
    office: z.optional(CaseText),
    /** When it happened; defaults to now. Not in the future, not before the case was received. */
    at: z.optional(DateTime),
    note: z.optional(CaseText),
    action: z.optional(CitizenAction),
    /** A revised expected completion (e.g. after 補正 restarts the clock). */
    expectedCompletion: z.optional(ExpectedCompletion),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.status === 'needs-more' && value.action === undefined) {
        ctx.issues.push({ code: 'custom', message: 'a needs-more event must say what the citizen must do (action.text) and, if there is one, by when (action.dueDate)', path: ['action'], input: value });
      }
    }),
  );
export type AppendEventRequest = z.infer<typeof AppendEventRequest>;

// ---------- responses ----------

export const CaseEventView = z.object({
  at: DateTime,
  agencyId: AgencyId,
  office: CaseText,
  status: StatusId,
  agencyWord: z.optional(z.string()),
  note: z.optional(CaseText),
  action: z.optional(CitizenAction),
  expectedCompletion: z.optional(ExpectedCompletion),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

/** What a citizen sees: no hash, no key id, no lookup code. */
export const CaseView = z.object({
  caseNumber: CaseNumber,
  serviceId: ServiceId,
  receivingOffice: RouteStop,
  route: z.array(RouteStop),
  contact: z.optional(Contact),
  /** The latest estimate: from the newest event that revised it, else from the case. */
  expectedCompletion: z.optional(ExpectedCompletion),
  receivedAt: DateTime,
  /** The status of the newest event. */
  status: z.object({ id: StatusId, agencyWord: z.optional(z.string()), at: DateTime, agencyId: AgencyId, office: CaseText }),
  /** Oldest first, newest last. */
  events: z.array(CaseEventView).check(z.minLength(1)),
});
export type CaseView = z.infer<typeof CaseView>;

/** Sent once, when the case is opened: print `lookupCode` on the receipt; it cannot be shown again. */
export const CreateCaseResponse = z.object({ caseNumber: CaseNumber, lookupCode: z.string(), case: CaseView });
export type CreateCaseResponse = z.infer<typeof CreateCaseResponse>;

export const AppendEventResponse = z.object({ caseNumber: CaseNumber, event: CaseEventView, case: CaseView });
export type AppendEventResponse = z.infer<typeof AppendEventResponse>;

/** Problem details (RFC 9457) with the tracker's extension members. */
export const TrackerProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  /** 429: seconds until a new try can succeed (the same as the Retry-After header). */
  retryAfterSeconds: z.optional(z.number().check(z.int(), z.positive())),
  /** 400: each problem with the body, by field path (`route.0.agencyId`). */
  errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});
export type TrackerProblem = z.infer<typeof TrackerProblem>;

/** The routes, for the OpenAPI generator and for anyone reading the contract. */
export const trackerRoutes = {
  lookupCase: {
    method: 'POST',
    path: '/v1/cases/lookup',
    request: LookupRequest,
    response: CaseView,
    summary: 'A case and its history, by case number and the lookup code on the receipt (rate limited)',
  },
  createCase: {
    method: 'POST',
    path: '/v1/agency/cases',
    request: CreateCaseRequest,
    response: CreateCaseResponse,
    status: 201,
    summary: 'Open a case (agency key); answers the case number and the lookup code, once',
  },
  appendCaseEvent: {
    method: 'POST',
    path: '/v1/agency/cases/{caseNumber}/events',
    params: { caseNumber: CaseNumber },
    request: AppendEventRequest,
    response: AppendEventResponse,
    status: 201,
    summary: 'Append a status event to a case (agency key of the owner or of an agency on its route)',
  },
} as const;
