/**
 * A link that reopens the same check: the service and the answers to its few questions (a county,
 * yes or no), nothing that names a person. They travel in the URL fragment (`#dfc-service=…`),
 * which browsers never send to a server, so they stay out of server logs and Referer headers.
 * Pure: no DOM.
 */
import type { QuestionView } from '../core/api/contract/common.js';
import { isAnswered } from './check.js';

const PREFIX = 'dfc-';
const SERVICE_KEY = `${PREFIX}service`;
const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const COUNTY = /^TW-[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface LinkedCheck {
  service: string;
  /** Answers as written in the link; read them with `answersFromLink` once the questions are known. */
  raw: Record<string, string>;
}

/** The fragment (without `#`) for a check: `dfc-service=…&dfc-county=TW-TTT&dfc-consent=yes`. */
export function linkFragment(service: string, answers: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  params.set(SERVICE_KEY, service);
  for (const [id, value] of Object.entries(answers)) {
    if (!isAnswered(value) || !ID.test(id)) continue;
    const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : Array.isArray(value) ? value.join(',') : String(value);
    params.set(PREFIX + id, text);
  }
  return params.toString();
}

/** The page's own address with the check's fragment (any earlier fragment replaced). */
export function linkFor(pageUrl: string, service: string, answers: Readonly<Record<string, unknown>>): string {
  const url = new URL(pageUrl);
  url.hash = linkFragment(service, answers);
  return url.href;
}

/** Reads a check from a fragment (`#…` or without `#`); null when it holds none. */
export function readLink(fragment: string): LinkedCheck | null {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(fragment.replace(/^#/, ''));
  } catch {
    return null;
  }
  const service = params.get(SERVICE_KEY);
  if (!service || !ID.test(service)) return null;
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith(PREFIX) && key !== SERVICE_KEY && ID.test(key.slice(PREFIX.length))) raw[key.slice(PREFIX.length)] = value;
  }
  return { service, raw };
}

/**
 * Turns a link's answers into answers for these questions, by each question's kind. Anything that
 * is not a valid answer (an unknown option, a malformed county or date, an unknown question) is
 * dropped: the question is then simply unanswered.
 */
export function answersFromLink(raw: Readonly<Record<string, string>>, questions: readonly QuestionView[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const text = raw[question.id];
    if (text === undefined) continue;
    const options = new Set(question.options?.map((o) => o.id) ?? []);
    switch (question.kind) {
      case 'yes-no':
        if (text === 'yes' || text === 'no') answers[question.id] = text === 'yes';
        break;
      case 'county':
        if (COUNTY.test(text.toUpperCase())) answers[question.id] = text.toUpperCase();
        break;
      case 'date':
        if (DATE.test(text)) answers[question.id] = text;
        break;
      case 'choice':
        if (options.has(text)) answers[question.id] = text;
        break;
      case 'multi-choice': {
        const picked = text.split(',').filter((id) => options.has(id));
        if (picked.length) answers[question.id] = [...new Set(picked)];
        break;
      }
    }
  }
  return answers;
}
