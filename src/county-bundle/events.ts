import { OnestopEvent } from '../core/events.js';
import type { CountyBasis } from './bundle-view.js';

export type { CountyBasis };

/**
 * The citizen picked a county (or cleared the choice: `county` is null), or said whether it is
 * where they live (`residence`) or where their household is registered (`registration`).
 */
export class OnestopCountyChangeEvent extends OnestopEvent<{ county: string | null; basis: CountyBasis }> {
  static readonly eventName = 'onestop-county-change';
  constructor(county: string | null, basis: CountyBasis = 'residence') {
    super(OnestopCountyChangeEvent.eventName, { county, basis });
  }
}

/**
 * How a download was made:
 * - `zip`: "Download all", the ZIP built in the browser;
 * - `file`: one file;
 * - `server-zip`: the ZIP built by the server (a plain link: the browser does the transfer).
 */
export type DownloadKind = 'zip' | 'file' | 'server-zip';

export interface DownloadStartDetail {
  county: string;
  event: string;
  basis: CountyBasis;
  kind: DownloadKind;
  /** The file's id, for `kind: 'file'`. */
  file?: string;
  /** How many files were asked for. */
  files: number;
}

export interface DownloadCompleteDetail {
  county: string;
  event: string;
  basis: CountyBasis;
  kind: Exclude<DownloadKind, 'server-zip'>;
  file?: string;
  /** How many files were saved (for a ZIP: how many are in it). */
  files: number;
  /** Ids of the files left out (they did not match their SHA-256, or could not be fetched). */
  left: string[];
  /** Bytes saved. */
  bytes: number;
}

/** A download began: count these for the KPI (every kind fires it, once per press). */
export class OnestopDownloadStartEvent extends OnestopEvent<DownloadStartDetail> {
  static readonly eventName = 'onestop-download-start';
  constructor(detail: DownloadStartDetail) {
    super(OnestopDownloadStartEvent.eventName, detail);
  }
}

/** A download built or checked by the widget was handed to the browser to save. */
export class OnestopDownloadCompleteEvent extends OnestopEvent<DownloadCompleteDetail> {
  static readonly eventName = 'onestop-download-complete';
  constructor(detail: DownloadCompleteDetail) {
    super(OnestopDownloadCompleteEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'onestop-county-change': OnestopCountyChangeEvent;
    'onestop-download-start': OnestopDownloadStartEvent;
    'onestop-download-complete': OnestopDownloadCompleteEvent;
  }
}
