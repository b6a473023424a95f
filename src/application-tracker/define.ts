import { defineElement } from '../core/define.js';
import { OnestopApplicationTracker } from './application-tracker.js';

export { OnestopApplicationTracker };
export { OnestopCaseStatusEvent, type CaseStatusDetail } from './events.js';
defineElement('onestop-application-tracker', OnestopApplicationTracker);

declare global {
  interface HTMLElementTagNameMap {
    'onestop-application-tracker': OnestopApplicationTracker;
  }
}
