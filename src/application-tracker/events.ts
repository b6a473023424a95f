import { OnestopEvent } from '../core/events.js';

/**
 * What the page learns when the tracker shows a case's status: never the lookup code, nor
 * anything the citizen typed besides the case number.
 */
export interface CaseStatusDetail {
  caseNumber: string;
  /** The status id from the API's vocabulary (`needs-more`, `in-review`, …). */
  status: string;
  /** The office's own word for it (補正, 審核中, …), when it gave one. */
  agencyWord?: string;
  /** When the status was recorded (ISO 8601). */
  at: string;
  /** The case is over (done, refused, collected, withdrawn). */
  final: boolean;
  /** True when this is the copy kept from an earlier look-up (offline). */
  stale: boolean;
  /** True when a check while the page was open found the status changed. */
  changed: boolean;
}

/** A case's status was shown: after a look-up, and whenever a later check finds it changed. */
export class OnestopCaseStatusEvent extends OnestopEvent<CaseStatusDetail> {
  static readonly eventName = 'onestop-case-status';
  constructor(detail: CaseStatusDetail) {
    super(OnestopCaseStatusEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'onestop-case-status': OnestopCaseStatusEvent;
  }
}
