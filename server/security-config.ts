/**
 * The deployment's security settings, from the environment (read by buildApp when the caller
 * gives none, so `server/main.ts` and every script that starts the API get them unchanged):
 *
 *   ONESTOP_ALLOWED_ORIGINS  origins whose pages may call the tracker routes (/v1/cases/…,
 *                            /v1/agency/…) from a browser: a comma-separated list such as
 *                            `https://www.gov.taipei,https://www.ntpc.gov.tw`; `*` for any
 *                            origin (not for production). Unset: loopback origins only
 *                            (http://localhost:*, http://127.0.0.1:*, http://[::1]:*), so a
 *                            development host page works and a production deploy that forgot
 *                            the setting answers no foreign site. The public catalogue is
 *                            open to every origin whatever this says: it holds nothing private.
 *   ONESTOP_TRUST_PROXY      the reverse proxy in front of the API, so the lookup rate limit
 *                            counts the citizen's address (X-Forwarded-For) instead of the
 *                            proxy's: its address(es) or CIDR(s), comma-separated, or the
 *                            number of proxy hops. Unset: no proxy is trusted. `true` (trust
 *                            any sender of X-Forwarded-For) is refused: anyone could then
 *                            rotate addresses past the limit.
 *   ONESTOP_LOOKUP_PER_IP    lookups allowed per client address in 15 minutes (default 30)
 *   ONESTOP_LOOKUP_PER_CASE  failed lookups allowed per case number in 15 minutes (default 5)
 *   ONESTOP_LOG_LEVEL        what the API logs to stdout (pino JSON): `error` by default (a 500's
 *                            error and request id, no URL, no address); `info` adds a line per
 *                            request with its URL and the client's address (personal data: keep
 *                            such logs briefly); `silent` for nothing.
 */
import { DEFAULT_LOOKUP_LIMITS, type LookupLimits } from './tracker/index.js';

/** Who may call the tracker routes from a browser page. */
export type OriginPolicy = { kind: 'any' } | { kind: 'loopback' } | { kind: 'list'; origins: ReadonlySet<string> };

export interface SecurityConfig {
  trackerOrigins: OriginPolicy;
  /** Fastify's trustProxy: false, a hop count, or addresses/CIDRs. */
  trustProxy: false | number | string;
  lookupLimits: LookupLimits;
  logLevel: LogLevel;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function readLogLevel(value: string | undefined): LogLevel {
  const v = value?.trim() || 'error';
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new Error(`ONESTOP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${value}`);
  return v as LogLevel;
}

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

export function originAllowed(policy: OriginPolicy, origin: string | undefined): boolean {
  if (!origin) return false;
  if (policy.kind === 'any') return true;
  if (policy.kind === 'loopback') return LOOPBACK_ORIGIN.test(origin);
  return policy.origins.has(origin);
}

function readOrigins(value: string | undefined): OriginPolicy {
  if (value === undefined || value.trim() === '') return { kind: 'loopback' };
  if (value.trim() === '*') return { kind: 'any' };
  const origins = new Set<string>();
  for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    // An origin is scheme://host[:port], exactly as a browser sends it: no path, no trailing slash.
    if (!url || url.origin !== raw || !/^https?:$/.test(url.protocol)) {
      throw new Error(`ONESTOP_ALLOWED_ORIGINS: "${raw}" is not an origin; write it as a browser sends it, e.g. https://www.gov.taipei (no path, no trailing slash)`);
    }
    origins.add(raw);
  }
  return { kind: 'list', origins };
}

function readTrustProxy(value: string | undefined): SecurityConfig['trustProxy'] {
  if (value === undefined || value.trim() === '' || value.trim() === 'false') return false;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') {
    throw new Error('ONESTOP_TRUST_PROXY=true would trust X-Forwarded-For from anyone (rate limits could be dodged); give the proxy\'s address or CIDR, or the number of proxy hops');
  }
  for (const part of v.split(',').map((s) => s.trim())) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part)) throw new Error(`ONESTOP_TRUST_PROXY: "${part}" is not an address or CIDR`);
  }
  return v;
}

function readCount(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new Error(`${name} must be a whole number of at least 1, not ${value}`);
  return Number(value);
}

export function readSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  return {
    trackerOrigins: readOrigins(env.ONESTOP_ALLOWED_ORIGINS),
    trustProxy: readTrustProxy(env.ONESTOP_TRUST_PROXY),
    logLevel: readLogLevel(env.ONESTOP_LOG_LEVEL),
    lookupLimits: {
      perCase: { ...DEFAULT_LOOKUP_LIMITS.perCase, failures: readCount(env, 'ONESTOP_LOOKUP_PER_CASE', DEFAULT_LOOKUP_LIMITS.perCase.failures) },
      perIp: { ...DEFAULT_LOOKUP_LIMITS.perIp, lookups: readCount(env, 'ONESTOP_LOOKUP_PER_IP', DEFAULT_LOOKUP_LIMITS.perIp.lookups) },
    },
  };
}
