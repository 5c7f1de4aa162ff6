/**
 * Test helpers: a seeded random stream (reproducible keys, nonces and salts) and a fast stand-in for
 * Argon2id that, like the real one, depends on every input, so "altered parameters" behave realistically
 * without spending 300 ms per derivation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blake2b } from '@noble/hashes/blake2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Argon2idFunction, RandomSource } from '@shared/crypto';

/** BLAKE2b-512(label ‖ counter) blocks, concatenated: deterministic, different per label. */
export function seededRandom(label: string): RandomSource {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    let offset = 0;
    while (offset < n) {
      const block = blake2b(utf8ToBytes(`${label}#${counter}`), { dkLen: 64 });
      counter += 1;
      out.set(block.subarray(0, Math.min(64, n - offset)), offset);
      offset += 64;
    }
    return out;
  };
}

/** Counts calls, so tests can assert that no KDF ran before a parameter error. */
export function fakeArgon2id(): Argon2idFunction & { calls: number } {
  const fn = (async (input) => {
    fn.calls += 1;
    await Promise.resolve();
    const params = utf8ToBytes(`${input.memoryKiB}/${input.iterations}/${input.parallelism}/${input.hashLength}`);
    return blake2b(new Uint8Array([...params, 0, ...input.salt, 0, ...input.password]), { dkLen: input.hashLength });
  }) as Argon2idFunction & { calls: number };
  fn.calls = 0;
  return fn;
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const index = Math.floor(bit / 8);
  copy[index] = (copy[index] ?? 0) ^ (1 << bit % 8);
  return copy;
}

/**
 * Reads a golden file of tests/fixtures/crypto. Read at run time rather than imported, because the tests'
 * TypeScript project does not list JSON files.
 */
export function loadFixture(name: 'argon2id.json' | 'fingerprint.json' | 'vault.json'): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/crypto', name), 'utf8'));
}

export interface Argon2idVector {
  readonly name: string;
  readonly password: string;
  readonly salt: string;
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly hashHex: string;
}
