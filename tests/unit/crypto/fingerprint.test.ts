import { describe, expect, it } from 'vitest';
import { compareTypedFingerprint, fingerprintDigits, fingerprintGroups, formatFingerprint, fromBase64 } from '@shared/crypto';
import type { computeFingerprintVector } from '../../fixtures/crypto/golden-inputs';
import { loadFixture } from './helpers';

const golden = loadFixture('fingerprint.json') as ReturnType<typeof computeFingerprintVector>;

const input = {
  delegationId: golden.expected.delegationId,
  signingKey: fromBase64(golden.expected.signingKeyB64),
  encryptionKey: fromBase64(golden.expected.encryptionKeyB64),
};

describe('fingerprint', () => {
  it('is 40 digits in 8 groups of 5, matching the golden vector', () => {
    const digits = fingerprintDigits(input);
    expect(digits).toMatch(/^[0-9]{40}$/u);
    expect(digits).toBe(golden.expected.fingerprintDigits);
    expect(fingerprintGroups(digits)).toHaveLength(8);
    expect(formatFingerprint(digits)).toBe(golden.expected.fingerprintFormatted);
  });

  it('changes with the delegation id and with either key', () => {
    const base = fingerprintDigits(input);
    expect(fingerprintDigits({ ...input, delegationId: 'a'.repeat(26) })).not.toBe(base);
    expect(fingerprintDigits({ ...input, signingKey: input.encryptionKey })).not.toBe(base);
    expect(fingerprintDigits({ ...input, encryptionKey: input.signingKey })).not.toBe(base);
    expect(() => fingerprintDigits({ ...input, delegationId: 'X' })).toThrow(/delegation id/u);
    expect(() => fingerprintDigits({ ...input, signingKey: new Uint8Array(31) })).toThrow(/32-byte/u);
  });

  it('compares typed input ignoring spaces and dashes', () => {
    const expected = golden.expected.fingerprintFormatted;
    const digits = golden.expected.fingerprintDigits;
    expect(compareTypedFingerprint(digits, expected)).toEqual({ match: true });
    expect(compareTypedFingerprint(expected, digits)).toEqual({ match: true });
    expect(compareTypedFingerprint(fingerprintGroups(digits).join('-'), expected)).toEqual({ match: true });
    expect(compareTypedFingerprint(` ${fingerprintGroups(digits).join(' – ')}\n`, expected)).toEqual({ match: true });
    // Full-width digits (some IMEs) fold under NFKC.
    const fullWidth = Array.from(digits, (d) => String.fromCodePoint(0xff10 + Number(d))).join('');
    expect(compareTypedFingerprint(fullWidth, expected)).toEqual({ match: true });
  });

  it('reports a mismatch, a wrong length and stray characters distinctly', () => {
    const digits = golden.expected.fingerprintDigits;
    const oneOff = `${digits.slice(0, 39)}${(Number(digits[39]) + 1) % 10}`;
    expect(compareTypedFingerprint(oneOff, digits)).toEqual({ match: false, reason: 'mismatch', digitCount: 40 });
    expect(compareTypedFingerprint(digits.slice(0, 35), digits)).toEqual({ match: false, reason: 'wrong-length', digitCount: 35 });
    expect(compareTypedFingerprint(`${digits.slice(0, 39)}O`, digits)).toMatchObject({ match: false, reason: 'invalid-characters' });
    expect(compareTypedFingerprint('', digits)).toMatchObject({ match: false, reason: 'wrong-length' });
  });
});
