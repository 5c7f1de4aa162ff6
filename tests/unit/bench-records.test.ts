/** The benchmark generator must be what the issue asks for, or the figures mean nothing. */
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../bench/records';

describe('seeded record generator', () => {
  const records = generateRecords(2000);

  it('gives the same records for the same seed and others for another', () => {
    expect(generateRecords(50)).toEqual(records.slice(0, 50));
    expect(generateRecords(50, 7)).not.toEqual(records.slice(0, 50));
  });

  it('makes records of about 1 KB', () => {
    const sizes = records.map((r) => new TextEncoder().encode(JSON.stringify(r)).length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(850);
    expect(mean).toBeLessThan(1250);
  });

  it('writes about 30% of its words in Cyrillic', () => {
    const words = records.flatMap((r) => `${r.data.title} ${r.data.description}`.split(' '));
    const cyrillic = words.filter((w) => /\p{Script=Cyrillic}/u.test(w)).length / words.length;
    expect(cyrillic).toBeGreaterThan(0.25);
    expect(cyrillic).toBeLessThan(0.35);
  });

  it('gives every record a distinct id', () => {
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });
});
