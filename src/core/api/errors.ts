import type { Problem } from './contract/base.js';

/**
 * What went wrong, in the terms a widget needs to pick a message and an action:
 * - `offline`: the device says it has no network;
 * - `network`: the request never got an answer (server down, refused, CORS, DNS);
 * - `timeout`: no answer within the time limit;
 * - `server`: the API answered 5xx (or 429 after our retries);
 * - `not-found`: the API answered 404 for this resource;
 * - `rate-limited`: 429, too many tries; `retryAfterSeconds` says how long to wait;
 * - `rejected`: any other 4xx (the request itself was wrong);
 * - `malformed`: the body was not JSON;
 * - `contract`: JSON that does not match the shared contract.
 */
export type ApiErrorKind =
  | 'offline'
  | 'network'
  | 'timeout'
  | 'server'
  | 'not-found'
  | 'rate-limited'
  | 'rejected'
  | 'malformed'
  | 'contract';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    readonly problem?: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Worth trying again automatically: the same request may well succeed later. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate-limited';
  }
}
