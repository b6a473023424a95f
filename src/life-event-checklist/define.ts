import { defineElement } from '../core/define.js';
import { OnestopLifeEventChecklist } from './life-event-checklist.js';

export { OnestopLifeEventChecklist };
export { OnestopPlanChangeEvent, OnestopTaskToggleEvent } from './events.js';
defineElement('onestop-life-event-checklist', OnestopLifeEventChecklist);

declare global {
  interface HTMLElementTagNameMap {
    'onestop-life-event-checklist': OnestopLifeEventChecklist;
  }
}
