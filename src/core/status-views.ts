/**
 * The states every widget shares (error with retry, offline with last good data), drawn the
 * same way everywhere so a citizen learns them once.
 */
import { msg, str } from '@lit/localize';
import { html, css, type TemplateResult } from 'lit';
import type { ApiError } from './api/errors.js';
import type { Locale } from './i18n.js';

/** A plain-words explanation of an API failure, in the rendering element's language. */
export function describeApiError(error: ApiError): { title: string; advice: string } {
  switch (error.kind) {
    case 'offline':
      return {
        title: msg('You seem to be offline.'),
        advice: msg('Check your internet connection. We will try again when it is back.'),
      };
    case 'network':
      return {
        title: msg('We could not reach the service.'),
        advice: msg('It may be down for a moment. Please try again.'),
      };
    case 'timeout':
      return {
        title: msg('The service is taking too long to answer.'),
        advice: msg('Please try again in a moment.'),
      };
    case 'server':
      return {
        title: msg('The service has a problem right now.'),
        advice: msg('This is not your fault. Please try again later.'),
      };
    case 'not-found':
      return {
        title: msg('We could not find what was asked for.'),
        advice: msg('The link or setting may be out of date.'),
      };
    case 'rate-limited': {
      const minutes = error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : undefined;
      return {
        title: msg('Too many tries in a short time.'),
        advice:
          minutes === undefined
            ? msg('Please wait a few minutes, then try again.')
            : minutes === 1
              ? msg('Please wait a minute, then try again.')
              : msg(str`Please wait ${minutes} minutes, then try again.`),
      };
    }
    case 'rejected':
      return {
        title: msg('The service did not accept the request.'),
        advice: msg('The page may be set up wrongly. Please tell the site owner.'),
      };
    case 'malformed':
    case 'contract':
      return {
        title: msg('The service sent an answer we cannot read.'),
        advice: msg('Please try again later, or tell the site owner.'),
      };
  }
}

/** Error state: what happened, what to do, and a retry button. Announced as an alert. */
export function renderErrorState(error: ApiError, retry: () => void): TemplateResult {
  const { title, advice } = describeApiError(error);
  return html`<div class="state state-error" role="alert" part="error">
    <p class="state-title">${title}</p>
    <p>${advice}</p>
    <button type="button" part="retry-button" @click=${retry}>${msg('Try again')}</button>
  </div>`;
}

/** Offline notice above data shown from the last good answer. */
export function renderStaleNotice(fetchedAt: number, locale: Locale, retry: () => void): TemplateResult {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(fetchedAt);
  return html`<div class="state state-stale" role="status" part="stale-notice">
    <p>${msg(str`You are seeing information saved on ${when}. It may be out of date.`)}</p>
    <button type="button" class="secondary" part="retry-button" @click=${retry}>${msg('Check for updates')}</button>
  </div>`;
}

export const statusViewStyles = css`
  .state {
    border-inline-start: 0.375rem solid var(--_border);
    background: var(--_surface-alt);
    padding: 0.75em 1em;
    margin-block: 0.75em;
    border-radius: var(--_radius);
  }
  .state p {
    margin: 0 0 0.5em;
  }
  .state-title {
    font-weight: 700;
  }
  .state-error {
    border-inline-start-color: var(--_error);
  }
  .state-stale {
    background: var(--_warning-surface);
  }
`;
