/**
 * Free text in records: titles, descriptions, notes.
 *
 * Why NFC: the same visible word typed on two workstations (a Ukrainian "й" as one code point or as
 * "и" + combining breve) must compare, sort and search as equal on every replica, and the bytes hashed
 * into change-sets must not depend on the keyboard layout. Why trimmed: stray spaces make two titles
 * that look identical differ (and defeat duplicate detection).
 *
 * Schemas *refuse* text that is not already normalised instead of silently transforming it: a record's
 * values are what its owner signed, and a transform on read would make a replica display something
 * other than what was signed. Forms call `normalizeText` on input before validating.
 *
 * Control characters are refused (except line breaks and tabs in multi-line text), and so are the
 * bidirectional embedding/override/isolate controls: Ukrainian and English never need them, and they
 * let a record show a different text than it contains ("Trojan Source").
 */
import { z } from 'zod';

/** Lengths are counted in UTF-16 code units (String.length); Cyrillic and Latin are one unit per letter. */
export const TEXT_LIMITS = {
  /** Titles, names, institutions: one line. */
  short: 200,
  /** Descriptions and delivery / acceptance notes. */
  long: 10_000,
  /** Meeting notes and decision bodies. */
  body: 50_000,
  /** One action item. */
  item: 500,
} as const;

export interface TextOptions {
  /** Allows line breaks (LF only; CRLF and CR are normalised to LF by `normalizeText`). */
  readonly multiline?: boolean;
}

/**
 * NFC, line breaks unified to LF, surrounding whitespace trimmed; single-line text also has its line
 * breaks and tabs turned into spaces (a title pasted from a spreadsheet cell keeps its words).
 */
export function normalizeText(text: string, options: TextOptions = {}): string {
  let out = text.normalize('NFC').replace(/\r\n?/gu, '\n');
  if (options.multiline !== true) out = out.replace(/[\n\t]+/gu, ' ');
  return out.trim();
}

// C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides (U+202A–202E), bidi
// isolates (U+2066–2069), and the line/paragraph separators that some renderers treat as line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

export type TextCheck = 'forbiddenCharacters' | 'notNormalized' | null;

/** Why `text` is not acceptable as stored text, or null. Does not check length. */
export function checkText(text: string, options: TextOptions = {}): TextCheck {
  const multiline = options.multiline === true;
  if ((multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_SINGLE_LINE).test(text)) return 'forbiddenCharacters';
  if (text !== normalizeText(text, options)) return 'notNormalized';
  return null;
}

export interface TextSchemaOptions extends TextOptions {
  readonly max: number;
  /** An empty string is refused with `validation.required` (default true). */
  readonly required?: boolean;
}

/**
 * A zod schema of stored text. Messages are i18n keys (validation.ts); `max` is reported by zod's own
 * too_big issue and translated there.
 */
export function textSchema(options: TextSchemaOptions): z.ZodString {
  return z
    .string()
    .max(options.max)
    .superRefine((value, ctx) => {
      const problem = checkText(value, options);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: `validation.${problem}` });
      else if (options.required !== false && value.length === 0) ctx.addIssue({ code: 'custom', message: 'validation.required' });
    });
}
