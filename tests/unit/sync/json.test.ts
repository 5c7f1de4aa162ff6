/** The JSON-value check that replaced z.json() in change-sets and the vault protocol accepts what it did. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isJsonValue, JsonSchema, MAX_JSON_DEPTH } from '@shared/sync/json';

const zodJson = z.json();

describe('isJsonValue', () => {
  it('accepts every JSON value z.json() accepts (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(zodJson.safeParse(value).success).toBe(true);
        expect(isJsonValue(value)).toBe(true);
        expect(JsonSchema.safeParse(value).success).toBe(true);
      }),
    );
  });

  it('refuses what is not JSON, as z.json() does', () => {
    class Point {
      x = 1;
    }
    const refused: unknown[] = [undefined, Number.NaN, Number.POSITIVE_INFINITY, -Infinity, 1n, Symbol('s'), () => 1, [1, undefined], { a: Number.NaN }, { a: { b: [() => 1] } }];
    for (const value of refused) {
      expect(zodJson.safeParse(value).success, String(value)).toBe(false);
      expect(isJsonValue(value), String(value)).toBe(false);
    }
    // Stricter than z.json(): only plain objects (a class instance or a Date is not what JSON.parse makes).
    expect(isJsonValue(new Point())).toBe(false);
    expect(isJsonValue(new Date(0))).toBe(false);
    expect(isJsonValue(Object.create(null) as object)).toBe(true);
  });

  it('refuses nesting beyond the depth cap instead of exhausting the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i += 1) deep = [deep];
    expect(isJsonValue(deep)).toBe(true);
    expect(isJsonValue([deep])).toBe(false);
    let huge: unknown = null;
    for (let i = 0; i < 100_000; i += 1) huge = { a: huge };
    expect(isJsonValue(huge)).toBe(false);
  });
});
