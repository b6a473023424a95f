import { OnestopEvent } from '../core/events.js';

export interface ServiceSelectDetail {
  /** The service id in the catalogue, e.g. `low-income-household-status`. */
  service: string;
  /** Its name in the widget's language. */
  name: string;
}

/** The citizen picked a service from the search. */
export class OnestopServiceSelectEvent extends OnestopEvent<ServiceSelectDetail> {
  static readonly eventName = 'onestop-service-select';
  constructor(detail: ServiceSelectDetail) {
    super(OnestopServiceSelectEvent.eventName, detail);
  }
}

export interface CheckCompleteDetail {
  service: string;
  /** How many documents fall in each group. */
  counts: { waived: number; substitute: number; required: number };
  /** How many of those a question left unanswered could still move to another group. */
  mayChange: number;
  /** Fees the citizen does not pay (NT$), over the waived documents whose fee is known. */
  savedFeeNtd: number;
  /** Each document and its group, in the service's order. */
  documents: Array<{ id: string; outcome: 'waived' | 'substitute' | 'required'; outcomeCertain: boolean }>;
  /** True when the result was worked out from the offline copy of the service. */
  stale: boolean;
}

/** A result is shown: when a service loads, and again after every answer that changes it. */
export class OnestopCheckCompleteEvent extends OnestopEvent<CheckCompleteDetail> {
  static readonly eventName = 'onestop-check-complete';
  constructor(detail: CheckCompleteDetail) {
    super(OnestopCheckCompleteEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'onestop-service-select': OnestopServiceSelectEvent;
    'onestop-check-complete': OnestopCheckCompleteEvent;
  }
}
