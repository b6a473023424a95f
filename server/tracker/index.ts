/**
 * The tracker routes of the shared API (contract: src/core/api/tracker-contract.ts).
 *
 * Citizens: `POST /v1/cases/lookup` with the case number and the lookup code in the body
 * (never in a URL, so neither lands in access logs, history or Referer). "No such case" and
 * "wrong code" give the same 404 body after the same work (an scrypt check against a dummy
 * hash when the case does not exist). Rate limited per client address and per case number,
 * counted in the store (SQLite or PostgreSQL), so neither a restart nor a second API process
 * resets or splits them.
 *
 * Agencies: `Authorization: Bearer <keyId>.<secret>` (keys from scripts/agency-key.ts).
 * - `POST /v1/agency/cases` opens a case owned by the key's agency and answers its lookup
 *   code once, to print on the receipt.
 * - `POST /v1/agency/cases/:caseNumber/events` appends an event. Who may write:
 *     the owner (the receiving office)   any status in the vocabulary;
 *     an agency on the case's route       the statuses of its own handling, ROUTE_AGENCY_STATUSES:
 *                                         received, forwarded, in-review, needs-more, approved,
 *                                         rejected, completed, collected (the deciding office may
 *                                         post the result itself: 已寄出). Not `withdrawn`: under
 *                                         一處收件全程服務 the citizen withdraws through the office
 *                                         that took the case, which owns it. The list is an
 *                                         allow-list: a status added to the vocabulary later is
 *                                         owner-only until it is added here;
 *     anyone else                         403.
 *
 * Every error is application/problem+json; bodies are strict (unknown fields refused) and
 * limited in size (413).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import {
  AppendEventRequest,
  AppendEventResponse,
  CaseNumber,
  CaseView,
  CreateCaseRequest,
  CreateCaseResponse,
  LookupRequest,
  type CaseText,
  type TrackerProblem,
} from '../../src/core/api/tracker-contract.js';
import { problem, sendProblem } from '../problem.js';
import type { Store } from '../store.js';
import { dummyLookupHashOnce, generateLookupCode, hashLookupCode, lookupCodeMatches, normalizeCaseNumber } from './secrets.js';
import { DEFAULT_LOOKUP_LIMITS, caseView, eventView, type AgencyPrincipal, type LookupLimits } from './records.js';
import { parseBody, type FieldError } from './validation.js';

export { DEFAULT_LOOKUP_LIMITS, type LookupLimits } from './records.js';

/** Statuses an agency on the route (not the owner) may append. See the module comment. */
export const ROUTE_AGENCY_STATUSES: readonly string[] = ['received', 'forwarded', 'in-review', 'needs-more', 'approved', 'rejected', 'completed', 'collected'];

/** The status of the event every new case starts with. */
export const FIRST_STATUS = 'received';

export const DEFAULT_BODY_LIMIT = 16 * 1024;

/** How far in the future an agency's clock may be before `at` / `receivedAt` is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface TrackerOptions {
  store: Store;
  /** Valid status ids (the catalogue's data/case-statuses.yaml); must include `received`. */
  statuses: string[];
  now?: () => Date;
  /** Lookup rate limits; defaults: 5 failed tries per case number and 30 lookups per address, each per 15 minutes. */
  limits?: LookupLimits;
  /** Largest accepted request body in bytes (default 16 KiB). */
  bodyLimit?: number;
  /** When given (the catalogue's service ids), a case for any other service is refused. */
  serviceIds?: Iterable<string>;
}

const LOOKUP_PATH = '/v1/cases/lookup';

/**
 * The address a lookup is counted against: an IPv4 address as it is (also when IPv4-mapped),
 * an IPv6 address by its /64 prefix, since one subscriber usually holds a whole /64 and could
 * otherwise rotate through it. Behind a reverse proxy this is only right when Fastify's
 * `trustProxy` is set to that proxy (else every citizen shares the proxy's address).
 */
export function rateLimitAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function sendTrackerProblem(reply: FastifyReply, body: TrackerProblem): FastifyReply {
  return sendProblem(reply, body);
}

function badRequest(reply: FastifyReply, url: string, errors: FieldError[]): FastifyReply {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return sendTrackerProblem(reply, { ...problem(400, 'invalid-body', 'The request body is not valid', detail, url), errors });
}

/** The one answer for "no such case" and "wrong code": built once, sent byte for byte the same. */
const CASE_NOT_FOUND: TrackerProblem = problem(
  404,
  'case-not-found',
  'No case matches this case number and lookup code',
  'Check both against your receipt. The lookup code has 8 letters or digits (XXXX-XXXX).',
  LOOKUP_PATH,
);

export async function registerTracker(app: FastifyInstance, options: TrackerOptions): Promise<void> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? DEFAULT_LOOKUP_LIMITS;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const statuses = new Set(options.statuses);
  const serviceIds = options.serviceIds ? new Set(options.serviceIds) : undefined;
  if (!statuses.has(FIRST_STATUS)) {
    throw new Error(`The tracker needs the status vocabulary to include "${FIRST_STATUS}" (data/case-statuses.yaml); it has: ${[...statuses].join(', ') || 'nothing'}`);
  }
  // Hash the dummy now, so the first lookup of a missing case is not slower than the rest.
  await dummyLookupHashOnce();

  await app.register(async (tracker) => {
    tracker.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) {
        request.log.error(error);
        return sendProblem(reply, problem(500, 'internal', 'The server failed to answer', undefined, request.url));
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
        return sendProblem(reply, problem(413, 'body-too-large', 'The request body is too large', `At most ${bodyLimit} bytes.`, request.url));
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
        return sendProblem(reply, problem(415, 'unsupported-media-type', 'Send the body as application/json', undefined, request.url));
      }
      if (status === 400) {
        return sendProblem(reply, problem(400, 'invalid-json', 'The request body is not valid JSON', error.message, request.url));
      }
      return sendProblem(reply, problem(status, 'bad-request', 'The request could not be understood', error.message, request.url));
    });

    // ---------- citizens ----------

    tracker.post(LOOKUP_PATH, { bodyLimit }, async (request, reply) => {
      const parsed = parseBody(LookupRequest, request.body);
      if (!parsed.ok) return badRequest(reply, request.url, parsed.errors);
      const caseNumber = normalizeCaseNumber(parsed.value.caseNumber);

      const reservation = await store.reserveLookup({ clientIp: rateLimitAddress(request.ip), caseNumber, nowMs: now().getTime(), limits });
      if (!reservation.allowed) {
        const { retryAfterSeconds, scope } = reservation;
        const minutes = Math.ceil(retryAfterSeconds / 60);
        const detail =
          scope === 'case'
            ? `Too many wrong lookup codes for this case number. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask the office on your receipt.`
            : `Too many lookups from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
        reply.header('retry-after', String(retryAfterSeconds));
        return sendTrackerProblem(reply, { ...problem(429, 'too-many-lookups', 'Too many lookups', detail, LOOKUP_PATH), retryAfterSeconds });
      }

      const record = await store.getCase(caseNumber);
      // Same work whether or not the case exists: one scrypt check.
      const matches = await lookupCodeMatches(parsed.value.lookupCode, record?.lookupHash ?? (await dummyLookupHashOnce()));
      if (!record || !matches) return sendTrackerProblem(reply, CASE_NOT_FOUND);

      await store.markLookupSucceeded(reservation.attemptId);
      const view = z.parse(CaseView, caseView(record, await store.listEvents(caseNumber)));
      return reply.header('cache-control', 'no-store').send(view);
    });

    // ---------- agencies ----------

    await tracker.register(async (agency) => {
      agency.decorateRequest('agency', null);
      agency.addHook('onRequest', async (request, reply) => {
        const header = request.headers.authorization;
        const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
        if (!match) {
          reply.header('www-authenticate', 'Bearer realm="onestop-agency"');
          return sendProblem(reply, problem(401, 'unauthorized', 'An agency key is required', 'Send Authorization: Bearer <key> (keys come from scripts/agency-key.ts).', request.url));
        }
        const principal = await store.authenticateAgency(match[1]!);
        if (!principal) {
          reply.header('www-authenticate', 'Bearer realm="onestop-agency", error="invalid_token"');
          return sendProblem(reply, problem(401, 'invalid-key', 'The agency key is not valid', 'The key is unknown or has been revoked.', request.url));
        }
        (request as AgencyRequest).agency = principal;
        return undefined;
      });

      agency.post('/v1/agency/cases', { bodyLimit }, async (request, reply) => {
        const owner = (request as AgencyRequest).agency!;
        const parsed = parseBody(CreateCaseRequest, request.body);
        if (!parsed.ok) return badRequest(reply, request.url, parsed.errors);
        const body = parsed.value;
        const errors: FieldError[] = [];
        if (serviceIds && !serviceIds.has(body.serviceId)) errors.push({ field: 'serviceId', message: `unknown service id "${body.serviceId}"` });
        const at = now();
        if (body.receivedAt && Date.parse(body.receivedAt) > at.getTime() + CLOCK_SKEW_MS) errors.push({ field: 'receivedAt', message: 'is in the future' });
        if (errors.length) return badRequest(reply, request.url, errors);

        const lookupCode = generateLookupCode();
        const record = await store.openCase({ request: body, owner, lookupHash: await hashLookupCode(lookupCode), now: at, firstStatus: FIRST_STATUS });
        const response = z.parse(CreateCaseResponse, { caseNumber: record.caseNumber, lookupCode, case: caseView(record, await store.listEvents(record.caseNumber)) });
        return reply.code(201).header('cache-control', 'no-store').send(response);
      });

      agency.post<{ Params: { caseNumber: string } }>('/v1/agency/cases/:caseNumber/events', { bodyLimit }, async (request, reply) => {
        const writer = (request as AgencyRequest).agency!;
        const number = z.safeParse(CaseNumber, request.params.caseNumber);
        const record = number.success ? await store.getCase(normalizeCaseNumber(number.data)) : undefined;
        if (!record) {
          return sendProblem(reply, problem(404, 'case-not-found', 'No such case', `There is no case ${request.params.caseNumber}.`, request.url));
        }
        const isOwner = record.ownerAgencyId === writer.agencyId;
        const stop = record.route.find((s) => s.agencyId === writer.agencyId);
        if (!isOwner && !stop) {
          return sendProblem(
            reply,
            problem(403, 'not-your-case', 'This agency may not write to this case', `Only the owner (${record.ownerAgencyId}) and the agencies on its route may add events.`, request.url),
          );
        }
        const parsed = parseBody(AppendEventRequest, request.body);
        if (!parsed.ok) return badRequest(reply, request.url, parsed.errors);
        const body = parsed.value;
        if (!statuses.has(body.status)) {
          return badRequest(reply, request.url, [{ field: 'status', message: `unknown status id "${body.status}"; use one of ${[...statuses].join(', ')}` }]);
        }
        if (!isOwner && !ROUTE_AGENCY_STATUSES.includes(body.status)) {
          return sendProblem(
            reply,
            problem(403, 'owner-only-status', 'Only the receiving office may record this status', `"${body.status}" is recorded by the owner (${record.ownerAgencyId}); an agency on the route may record ${ROUTE_AGENCY_STATUSES.join(', ')}.`, request.url),
          );
        }
        const at = now();
        if (body.at) {
          const when = Date.parse(body.at);
          if (when > at.getTime() + CLOCK_SKEW_MS) return badRequest(reply, request.url, [{ field: 'at', message: 'is in the future' }]);
          if (when < Date.parse(record.receivedAt)) return badRequest(reply, request.url, [{ field: 'at', message: `is before the case was received (${record.receivedAt})` }]);
        }
        const office: CaseText = isOwner ? record.receivingOffice : stop!.office;
        const event = await store.appendEvent(record.caseNumber, body, { ...writer, office }, at);
        const view = caseView(record, await store.listEvents(record.caseNumber));
        const response = z.parse(AppendEventResponse, { caseNumber: record.caseNumber, event: eventView(event), case: view });
        return reply.code(201).header('cache-control', 'no-store').send(response);
      });
    });
  });
}

interface AgencyRequest extends FastifyRequest {
  agency: AgencyPrincipal | null;
}
