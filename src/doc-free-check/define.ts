import { defineElement } from '../core/define.js';
import { OnestopDocFreeCheck } from './doc-free-check.js';

export { OnestopDocFreeCheck };
export { OnestopCheckCompleteEvent, OnestopServiceSelectEvent } from './events.js';
defineElement('onestop-doc-free-check', OnestopDocFreeCheck);

declare global {
  interface HTMLElementTagNameMap {
    'onestop-doc-free-check': OnestopDocFreeCheck;
  }
}
