import { OnestopEvent } from '../core/events.js';

/** The citizen picked a county (or cleared the choice: `county` is null). */
export class OnestopCountyChangeEvent extends OnestopEvent<{ county: string | null }> {
  static readonly eventName = 'onestop-county-change';
  constructor(county: string | null) {
    super(OnestopCountyChangeEvent.eventName, { county });
  }
}

declare global {
  interface HTMLElementEventMap {
    'onestop-county-change': OnestopCountyChangeEvent;
  }
}
