/**
 * A JSON reader for hostile input: a linear pre-scan enforces the caps and the key rules, then the
 * engine's JSON.parse (fast, iterative, no reviver) builds the value.
 *
 * The pre-scan walks the text once with a stack of open containers (at most `maxDepth` deep) and:
 * - refuses nesting deeper than `maxDepth`, more than `maxValues` values, objects with more than
 *   `maxObjectKeys` keys;
 * - refuses the keys `__proto__`, `constructor` and `prototype` (after unescaping: `"\u005f_proto__"` is
 *   caught too), so no parsed object can ever be mistaken for, or merged into, a prototype;
 * - refuses duplicate keys in one object (JSON.parse would silently keep the last one, so two readers
 *   could see different values in the same bytes).
 * Every character is looked at a constant number of times; keys are unescaped only when they contain a
 * backslash, through JSON.parse of that one key. The per-object key sets hold at most `maxObjectKeys`
 * keys per open object, `maxDepth` objects at a time.
 *
 * The pre-scan is lenient about grammar (it only needs to find strings, keys and brackets); JSON.parse
 * then refuses anything that is not JSON. Where the pre-scan and JSON.parse could disagree is only on
 * invalid JSON, which JSON.parse refuses.
 */
export interface SafeJsonLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxObjectKeys: number;
  readonly maxValues: number;
}

export type SafeJsonFailure = 'too-large' | 'too-deep' | 'too-many-keys' | 'too-many-values' | 'forbidden-key' | 'duplicate-key' | 'syntax';

export type SafeJsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: SafeJsonFailure; readonly message: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function fail(reason: SafeJsonFailure, message: string): SafeJsonResult {
  return { ok: false, reason, message };
}

interface Frame {
  readonly object: boolean;
  /** Keys seen in this object (null for arrays). */
  readonly keys: Set<string> | null;
  /** In an object: the next string is a key (after `{` or `,`). */
  expectKey: boolean;
}

/** Shows a key safely in an error message (it is attacker text). */
function describeKey(key: string): string {
  const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  return shown.replace(/[^\x20-\x7e]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The same rules for a value about to be serialised (the writer): depth, keys per object, values,
 * forbidden keys. Iterative, linear in the size of the value. Returns null when the value passes.
 */
export function checkJsonValue(root: unknown, limits: Omit<SafeJsonLimits, 'maxBytes'>): { readonly reason: SafeJsonFailure; readonly message: string } | null {
  const stack: [unknown, number][] = [[root, 1]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    values += 1;
    if (values > limits.maxValues) return { reason: 'too-many-values', message: `The JSON has more than ${limits.maxValues} values.` };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxDepth) return { reason: 'too-deep', message: `The JSON is nested more than ${limits.maxDepth} levels deep.` };
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push([item, depth + 1]);
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxObjectKeys) return { reason: 'too-many-keys', message: `A JSON object has more than ${limits.maxObjectKeys} keys.` };
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return { reason: 'forbidden-key', message: `The JSON has a forbidden key ${describeKey(key)}.` };
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

export function parseSafeJson(text: string, limits: SafeJsonLimits): SafeJsonResult {
  if (text.length > limits.maxBytes) return fail('too-large', `The JSON text has ${text.length} characters; at most ${limits.maxBytes} are accepted.`);
  const stack: Frame[] = [];
  let values = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // The closing quote is the next quote not preceded by an odd run of backslashes. indexOf jumps
      // over the string natively; each backslash run is counted once, for the quote right after it.
      const start = i + 1;
      let j = start;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote === -1) return fail('syntax', 'The JSON text ends inside a string.');
        let backslashes = 0;
        while (quote - 1 - backslashes >= start && text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
        j = quote;
        if (backslashes % 2 === 0) break;
        j = quote + 1;
      }
      const top = stack[stack.length - 1];
      if (top?.object === true && top.expectKey) {
        let key = text.slice(start, j);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(`"${key}"`) as string;
          } catch {
            return fail('syntax', 'The JSON text has an invalid escape in a key.');
          }
        }
        if (FORBIDDEN_KEYS.has(key)) return fail('forbidden-key', `The JSON has a forbidden key ${describeKey(key)}.`);
        const keys = top.keys as Set<string>;
        if (keys.has(key)) return fail('duplicate-key', `The JSON has the key ${describeKey(key)} twice in one object.`);
        if (keys.size >= limits.maxObjectKeys) return fail('too-many-keys', `A JSON object has more than ${limits.maxObjectKeys} keys.`);
        keys.add(key);
        top.expectKey = false;
      } else {
        values += 1;
      }
      i = j + 1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      values += 1;
      if (stack.length >= limits.maxDepth) return fail('too-deep', `The JSON is nested more than ${limits.maxDepth} levels deep.`);
      const object = c === OPEN_BRACE;
      stack.push({ object, keys: object ? new Set() : null, expectKey: object });
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (stack.pop() === undefined) return fail('syntax', 'The JSON text closes a bracket it never opened.');
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.object === true) top.expectKey = true;
    } else if (c === COLON) {
      // value follows; nothing to track
    } else if (c > 0x20) {
      // Start of a number or literal: count it once, skip to its end.
      values += 1;
      let j = i + 1;
      while (j < length) {
        const d = text.charCodeAt(j);
        if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === QUOTE || d === COLON || d <= 0x20 || d === OPEN_BRACE || d === OPEN_BRACKET) break;
        j += 1;
      }
      i = j;
      if (values > limits.maxValues) return fail('too-many-values', `The JSON has more than ${limits.maxValues} values.`);
      continue;
    }
    if (values > limits.maxValues) return fail('too-many-values', `The JSON has more than ${limits.maxValues} values.`);
    i += 1;
  }
  if (values > limits.maxValues) return fail('too-many-values', `The JSON has more than ${limits.maxValues} values.`);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    return fail('syntax', `The JSON is invalid: ${message.length > 120 ? `${message.slice(0, 117)}...` : message}`);
  }
}
