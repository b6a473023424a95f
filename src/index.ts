/** The all-in-one entry: one script tag registers every OneStop element. */
export { VERSION } from './core/version.js';
export { OnestopElement, API_BASE_META, resolveApiBase } from './core/onestop-element.js';
export { ApiClient } from './core/api/client.js';
export { ApiError, type ApiErrorKind } from './core/api/errors.js';
export { OnestopEvent, OnestopLoadEvent, OnestopErrorEvent } from './core/events.js';
export { OnestopCountyChangeEvent, OnestopDownloadCompleteEvent, OnestopDownloadStartEvent } from './county-bundle/events.js';
export { OnestopCountyBundle } from './county-bundle/define.js';
export { OnestopLifeEventChecklist, OnestopPlanChangeEvent, OnestopTaskToggleEvent } from './life-event-checklist/define.js';
export { OnestopDocFreeCheck, OnestopCheckCompleteEvent, OnestopServiceSelectEvent } from './doc-free-check/define.js';
export { OnestopApplicationTracker } from './application-tracker/define.js';
export { OnestopCaseStatusEvent } from './application-tracker/events.js';
