/**
 * JSON values (what an operation's `value` may be) and their check.
 *
 * The check is a plain recursive walk instead of zod's `z.json()`: every change-set parsed or created and
 * every record view crossing the worker boundary holds a dozen values, and `z.json()` (a union of six
 * schemas, tried in turn at every node) was a tenth of a 10,000-record write. It accepts the same values
 * — null, booleans, strings, finite numbers, arrays and plain objects of JSON values — and refuses
 * nesting deeper than MAX_JSON_DEPTH (the bundle reader's JSON caps are stricter still), so a hostile value
 * cannot exhaust the stack.
 */
import { z } from 'zod';

export type Json = z.infer<ReturnType<typeof z.json>>;

/** Deeper values are refused (bundle-format.md's payload depth cap is lower; local values are shallow). */
export const MAX_JSON_DEPTH = 128;

export function isJsonValue(value: unknown): value is Json {
  return check(value, 0);
}

function check(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (!check(item, depth + 1)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) return false;
        if (!check((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** `z.json()`'s contract with the check above. */
export const JsonSchema = z.custom<Json>(isJsonValue, { error: 'must be a JSON value (null, boolean, string, finite number, array or plain object), nested at most 128 deep' });
