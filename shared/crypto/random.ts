/**
 * Randomness is injected everywhere as a `RandomSource` instead of being fetched from a global, so tests
 * and golden files can be deterministic and so shared/ assumes nothing about its runtime beyond
 * `globalThis.crypto.getRandomValues` (Web Crypto: present in browsers, workers and Node ≥ 19).
 */
import { CryptoError } from './errors';

/** Returns `n` fresh random bytes. Production code must use a CSPRNG; tests may pass a seeded stream. */
export type RandomSource = (n: number) => Uint8Array;

interface RandomValuesProvider {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

/** Web Crypto refuses more than 65,536 bytes per call (QuotaExceededError), so larger requests are chunked. */
const GET_RANDOM_VALUES_LIMIT = 65_536;

/** The platform CSPRNG. Throws instead of ever falling back to Math.random. */
export const systemRandom: RandomSource = (n) => {
  const provider = (globalThis as { crypto?: Partial<RandomValuesProvider> }).crypto;
  if (provider?.getRandomValues === undefined) {
    throw new CryptoError('random-invalid', 'No cryptographic random number generator (globalThis.crypto.getRandomValues) is available.');
  }
  const out = new Uint8Array(n);
  for (let offset = 0; offset < n; offset += GET_RANDOM_VALUES_LIMIT) {
    provider.getRandomValues(out.subarray(offset, Math.min(n, offset + GET_RANDOM_VALUES_LIMIT)));
  }
  return out;
};

/**
 * Draws `n` bytes and checks the source kept its contract: a wrong-length answer from an injected source
 * would otherwise silently become a short nonce or key.
 */
export function randomBytes(n: number, random: RandomSource = systemRandom): Uint8Array {
  const bytes = random(n);
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    throw new CryptoError('random-invalid', `The random source returned ${String((bytes as Uint8Array | undefined)?.length)} bytes instead of ${n}.`);
  }
  return bytes;
}
