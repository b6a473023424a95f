/**
 * Typed, prefixed events. Every OneStop event bubbles and crosses shadow roots, so a host
 * page can listen on `document` for any widget's events.
 */
import type { ApiErrorKind } from './api/errors.js';

export class OnestopEvent<Detail> extends CustomEvent<Detail> {
  constructor(type: string, detail: Detail) {
    super(type, { detail, bubbles: true, composed: true });
  }
}

/** A widget drew data from the API (or from its offline copy, when `stale` is true). */
export class OnestopLoadEvent extends OnestopEvent<{ resource: string; stale: boolean }> {
  static readonly eventName = 'onestop-load';
  constructor(detail: { resource: string; stale: boolean }) {
    super(OnestopLoadEvent.eventName, detail);
  }
}

/** A widget could not get data and shows its error state. */
export class OnestopErrorEvent extends OnestopEvent<{ resource: string; kind: ApiErrorKind; status?: number }> {
  static readonly eventName = 'onestop-error';
  constructor(detail: { resource: string; kind: ApiErrorKind; status?: number }) {
    super(OnestopErrorEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'onestop-load': OnestopLoadEvent;
    'onestop-error': OnestopErrorEvent;
  }
}
