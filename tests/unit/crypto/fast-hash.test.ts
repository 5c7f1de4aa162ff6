/**
 * The WebAssembly BLAKE2b engine (shared/crypto fast-hash.ts) must give exactly the bytes of
 * @noble/hashes for every domain and input, or enabling it would change stored and signed values.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { disableFastHashing, DOMAINS, domainHash, enableFastHashing, fastBlake2b256, toHex } from '@shared/crypto';

afterEach(() => {
  disableFastHashing();
});

describe('fast BLAKE2b engine', () => {
  it('is off until enabled, then hashes', async () => {
    expect(fastBlake2b256([new Uint8Array([1])])).toBeNull();
    expect(await enableFastHashing()).toBe(true);
    expect(fastBlake2b256([new Uint8Array([1])])).toHaveLength(32);
  });

  it('gives the same domain hash as @noble/hashes for any domain and input', async () => {
    const domains = Object.values(DOMAINS);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...domains), fc.uint8Array({ maxLength: 4096 }), async (domain, bytes) => {
        disableFastHashing();
        const noble = toHex(domainHash(domain, bytes));
        await enableFastHashing();
        expect(toHex(domainHash(domain, bytes))).toBe(noble);
      }),
      { numRuns: 300 },
    );
  });

  it('matches the RFC 7693 BLAKE2b-256 of "abc"', async () => {
    await enableFastHashing();
    const digest = fastBlake2b256([new TextEncoder().encode('abc')]);
    expect(toHex(digest ?? new Uint8Array())).toBe('bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319');
  });
});
