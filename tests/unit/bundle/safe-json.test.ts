/** The bounded JSON reader: caps, forbidden and duplicate keys, and linear cost on hostile shapes. */
import { describe, expect, it } from 'vitest';
import { parseSafeJson, type SafeJsonLimits } from '@shared/bundle';

const LIMITS: SafeJsonLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 64, maxObjectKeys: 4096, maxValues: 8_000_000 };

function reason(text: string, limits: Partial<SafeJsonLimits> = {}): string {
  const result = parseSafeJson(text, { ...LIMITS, ...limits });
  return result.ok ? 'ok' : result.reason;
}

describe('parseSafeJson', () => {
  it('parses ordinary JSON exactly as JSON.parse does', () => {
    const text = JSON.stringify({ a: [1, 'two', { b: null, c: true, d: -1.5e3 }], 'é"\\\n': 'x', e: {} });
    const result = parseSafeJson(text, LIMITS);
    expect(result).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });

  it('refuses prototype keys, also when spelled with escapes, and at any depth', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', '\\u005f_proto__', 'c\\u006fnstructor']) {
      expect(reason(`{"a":[{"${key}":1}]}`), key).toBe('forbidden-key');
    }
    expect(reason('{"a":"__proto__"}')).toBe('ok');
    expect(reason('["__proto__"]')).toBe('ok');
  });

  it('refuses duplicate keys in one object, also when spelled differently', () => {
    expect(reason('{"a":1,"a":2}')).toBe('duplicate-key');
    expect(reason('{"a":1,"\\u0061":2}')).toBe('duplicate-key');
    expect(reason('{"a":{"a":1},"b":{"a":2}}')).toBe('ok');
  });

  it('caps depth, keys per object, values and size', () => {
    expect(reason(`${'['.repeat(65)}${']'.repeat(65)}`)).toBe('too-deep');
    expect(reason(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe('ok');
    expect(reason(JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))), { maxObjectKeys: 10 })).toBe('too-many-keys');
    expect(reason(JSON.stringify(Array.from({ length: 101 }, () => 0)), { maxValues: 100 })).toBe('too-many-values');
    expect(reason('"xxxxxxxxxx"', { maxBytes: 5 })).toBe('too-large');
  });

  it('refuses what is not JSON', () => {
    for (const text of ['', '{', '{"a":1', '[1,]', "{'a':1}", '"\\x"', '{"a" 1}', 'NaN', '}', '"unterminated']) {
      expect(reason(text), text).toBe('syntax');
    }
  });

  it('costs linear time on hostile shapes (a million brackets, a long string, many keys)', () => {
    const started = performance.now();
    expect(reason('['.repeat(1_000_000))).toBe('too-deep');
    expect(reason(`"${'\\"'.repeat(1_000_000)}"`)).toBe('ok');
    expect(reason(`{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":0`).join(',')}}`, { maxObjectKeys: 200_000 })).toBe('ok');
    console.info(`hostile JSON shapes: ${(performance.now() - started).toFixed(0)} ms`);
  });
});
