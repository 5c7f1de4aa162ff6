/**
 * Validation messages as i18n keys with parameters, never English text: the UI shows them beside the
 * field in English or Ukrainian (renderer/locales/{en,uk}/domain.json, `validation.*`). Schemas in this
 * folder raise custom issues whose message *is* the key; zod's own issues (too long, not an integer,
 * not one of the options, …) are mapped to keys here, so no schema needs a hand-written message for
 * them.
 */
import type { z } from 'zod';

export const VALIDATION_KEYS = [
  'validation.required',
  'validation.tooLong',
  'validation.tooShort',
  'validation.tooLarge',
  'validation.tooSmall',
  'validation.tooMany',
  'validation.tooFew',
  'validation.notInteger',
  'validation.invalidType',
  'validation.invalidChoice',
  'validation.unknownField',
  'validation.notNormalized',
  'validation.forbiddenCharacters',
  'validation.invalidDate',
  'validation.invalidRecordId',
  'validation.invalidDelegationId',
  'validation.duplicateReference',
  'validation.eurMismatch',
  'validation.currencyMismatch',
  'validation.allocationsExceedQuantity',
  'validation.allocationsExceedValue',
  'validation.scoreRequired',
  'validation.rankRequired',
  'validation.unknownKind',
  'validation.invalid',
] as const;
export type ValidationKey = (typeof VALIDATION_KEYS)[number];

const KNOWN = new Set<string>(VALIDATION_KEYS);

export interface FieldMessage {
  readonly key: ValidationKey;
  /** Interpolation values of the message, e.g. `{ max: 200 }` for validation.tooLong. */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Field path ('title', 'estimatedValue.currency', 'allocations.2.need'; '' for the whole record) → first message. */
export type FieldErrors = Readonly<Record<string, FieldMessage>>;

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function withParams(key: ValidationKey, params: Record<string, unknown> | undefined): FieldMessage {
  if (params === undefined) return { key };
  const clean: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') clean[name] = value;
  return Object.keys(clean).length === 0 ? { key } : { key, params: clean };
}

/** The message of one zod issue; `input` is what was parsed, to tell a missing field from a wrong one. */
export function messageOfIssue(issue: z.core.$ZodIssue, input: unknown): FieldMessage {
  if (KNOWN.has(issue.message)) {
    return withParams(issue.message as ValidationKey, issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined);
  }
  // A missing field fails as "wrong type" or "not one of the options": to the user it is missing.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') && valueAt(input, issue.path) === undefined) {
    return { key: 'validation.required' };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.expected === 'int' ? 'validation.notInteger' : 'validation.invalidType' };
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooMany', params: { max } };
      return { key: 'validation.tooLarge', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooFew', params: { min } };
      return { key: 'validation.tooSmall', params: { min } };
    }
    case 'invalid_value':
      return { key: 'validation.invalidChoice' };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField' };
    default:
      return { key: 'validation.invalid' };
  }
}

/** Every issue as `{path → first message}`; an unknown field is reported at its own path. */
export function fieldErrorsOf(error: z.ZodError, input: unknown): FieldErrors {
  const errors: Record<string, FieldMessage> = {};
  const add = (path: string, message: FieldMessage): void => {
    errors[path] ??= message;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(fieldPath([...issue.path, key]), { key: 'validation.unknownField' });
    } else {
      add(fieldPath(issue.path), messageOfIssue(issue, input));
    }
  }
  return errors;
}
