import { defineElement } from '../core/define.js';
import { OnestopCountyBundle } from './county-bundle.js';

export { OnestopCountyBundle };
export { OnestopCountyChangeEvent, OnestopDownloadCompleteEvent, OnestopDownloadStartEvent } from './events.js';
defineElement('onestop-county-bundle', OnestopCountyBundle);

declare global {
  interface HTMLElementTagNameMap {
    'onestop-county-bundle': OnestopCountyBundle;
  }
}
