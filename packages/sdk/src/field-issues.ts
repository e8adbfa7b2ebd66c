/**
 * Readable `{ path, message }` pairs for zod issues. The client loads this module only when an input or an answer is
 * invalid (a chunk of its own in a bundle), so no page carries the messages until one is needed.
 * @module
 */
import type * as z from 'zod/mini';
import type { FieldIssue } from './errors.js';

/** Turns a zod issue path into `items[0].code`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** A readable message for one zod issue (zod/mini ships no locale, so its default text is only "Invalid input"). */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return `invalid ${issue.format}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.code;
  }
}

/**
 * Converts zod issues to `{ path, message }` pairs.
 * @example
 * ```ts
 * const result = z.safeParse(Rating, input); // import * as z from 'zod/mini'
 * if (!result.success) toFieldIssues(result.error); // [{ path: 'comment', message: 'must be at most 1000 characters' }]
 * ```
 */
export function toFieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue) }));
}
