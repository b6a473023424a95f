/**
 * Turns zod issues into the `errors` of a 400 problem: one line per field, by path
 * (`route.0.agencyId: must be a kebab-case agency id`). zod/mini ships no messages, so the
 * generic ones are written here; the contract's own messages are used where it gives one.
 */
import * as z from 'zod/mini';

export interface FieldError {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

const GENERIC = 'Invalid input';

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(body)';
}

function describe(issue: Issue): string {
  if (issue.message && issue.message !== GENERIC) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is required (${issue.expected})` : `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format': {
      const formats: Record<string, string> = {
        date: 'an ISO date (YYYY-MM-DD)',
        datetime: 'an ISO date-time with an offset (2025-03-04T09:30:00+08:00)',
        email: 'an e-mail address',
      };
      return `must be ${formats[issue.format] ?? `in ${issue.format} format`}`;
    }
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must have at least ${issue.minimum} items`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must have at most ${issue.maximum} items`;
    case 'invalid_key':
      return 'is not a language tag (use zh-Hant-TW, en, …)';
    default:
      return 'is not valid';
  }
}

export function fieldErrors(issues: readonly Issue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: fieldOf([...issue.path, key]), message: 'is not a known field' });
    } else {
      out.push({ field: fieldOf(issue.path), message: describe(issue) });
    }
  }
  return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown): Parsed<T> {
  const result = z.safeParse(schema, body);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues) };
}
