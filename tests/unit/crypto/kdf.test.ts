import { describe, expect, it } from 'vitest';
import {
  type Argon2idFunction,
  calibrate,
  CryptoError,
  deriveFromPassphrase,
  hashWasmArgon2id,
  KDF_FLOOR,
  KDF_LIMITS,
  type KdfParams,
  newKdfParams,
  parseKdfParams,
  passphraseRules,
  toBase64,
  toHex,
  utf8Encode,
} from '@shared/crypto';
import { type Argon2idVector, fakeArgon2id, loadFixture, seededRandom } from './helpers';

const vectors = loadFixture('argon2id.json') as { vectors: Argon2idVector[] };

const valid: KdfParams = {
  algorithm: 'argon2id',
  version: 19,
  memoryKiB: 65_536,
  iterations: 3,
  parallelism: 1,
  saltB64: toBase64(new Uint8Array(16).fill(1)),
};

function paramsError(input: unknown): CryptoError {
  try {
    parseKdfParams(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error('expected parseKdfParams to throw');
}

describe('KDF parameter bounds', () => {
  it('accepts the floor and the ceiling', () => {
    expect(parseKdfParams(valid)).toEqual(valid);
    const ceiling = { ...valid, memoryKiB: KDF_LIMITS.memoryKiB.max, iterations: 64, parallelism: 4, saltB64: toBase64(new Uint8Array(64)) };
    expect(parseKdfParams(ceiling)).toEqual(ceiling);
  });

  const cases: [string, Record<string, unknown>][] = [
    ['memoryKiB', { memoryKiB: 65_535 }], // one below the 64 MiB floor
    ['memoryKiB', { memoryKiB: 1024 }],
    ['memoryKiB', { memoryKiB: KDF_LIMITS.memoryKiB.max + 1 }], // a tampered file asking for more than 1 GiB
    ['memoryKiB', { memoryKiB: 4 * 1024 * 1024 }],
    ['memoryKiB', { memoryKiB: 65_536.5 }],
    ['memoryKiB', { memoryKiB: '65536' }],
    ['iterations', { iterations: 2 }],
    ['iterations', { iterations: 65 }],
    ['iterations', { iterations: 1e9 }],
    ['parallelism', { parallelism: 0 }],
    ['parallelism', { parallelism: 5 }],
    ['saltB64', { saltB64: toBase64(new Uint8Array(15)) }],
    ['saltB64', { saltB64: toBase64(new Uint8Array(65)) }],
    ['saltB64', { saltB64: 'not base64!' }],
    ['algorithm', { algorithm: 'argon2i' }],
    ['version', { version: 16 }],
    ['extra', { extra: 1 }],
  ];
  it.each(cases)('refuses an out-of-bounds %s and names it', (field, change) => {
    const error = paramsError({ ...valid, ...change });
    expect(error.code).toBe('kdf-params-invalid');
    expect(error.details['field']).toBe(field);
    expect(error.message).toContain(`"${field}"`);
  });

  it('names a missing field and a non-object', () => {
    const { iterations: _omit, ...missing } = valid;
    const error = paramsError(missing);
    expect(error.details['field']).toBe('iterations');
    expect(error.message).toContain('missing');
    expect(paramsError(null).details['field']).toBe('kdf');
    expect(paramsError([]).code).toBe('kdf-params-invalid');
  });

  it('names every offending field at once', () => {
    const error = paramsError({ ...valid, memoryKiB: 8, iterations: 1 });
    expect(error.details['fields']).toEqual(['memoryKiB', 'iterations']);
  });

  it('refuses before any derivation runs', async () => {
    const kdf = fakeArgon2id();
    await expect(deriveFromPassphrase('a long enough passphrase', { ...valid, memoryKiB: 8 * 1024 * 1024 }, kdf)).rejects.toMatchObject({
      code: 'kdf-params-invalid',
      details: { field: 'memoryKiB' },
    });
    expect(kdf.calls).toBe(0);
  });

  it('enforces the floor for new parameters too', () => {
    expect(() => newKdfParams({ memoryKiB: 32_768, iterations: 3, parallelism: 1 })).toThrow(/memoryKiB/u);
    expect(() => newKdfParams({ memoryKiB: 65_536, iterations: 2, parallelism: 1 })).toThrow(/iterations/u);
    const params = newKdfParams(KDF_FLOOR, seededRandom('salt'));
    expect(params).toMatchObject({ algorithm: 'argon2id', version: 19, ...KDF_FLOOR });
    expect(params.saltB64).toHaveLength(24); // 16 bytes
  });
});

describe('Argon2id (hash-wasm) against independent golden values', () => {
  it('matches the argon2 reference CLI at the floor (64 MiB, 3 passes), through the bounded API', async () => {
    const [floor] = vectors.vectors;
    if (floor === undefined) throw new Error('fixture missing');
    const params = { ...valid, saltB64: toBase64(utf8Encode(floor.salt)) };
    const start = performance.now();
    const out = await deriveFromPassphrase(floor.password, params);
    const ms = performance.now() - start;
    console.info(`[crypto] one Argon2id derivation at 64 MiB / 3 passes / 1 lane: ${ms.toFixed(0)} ms`);
    expect(toHex(out)).toBe(floor.hashHex);
  });

  it.each(vectors.vectors.slice(1))('matches the reference CLI: $name', async (vector) => {
    const out = await hashWasmArgon2id({
      password: utf8Encode(vector.password),
      salt: utf8Encode(vector.salt),
      memoryKiB: vector.memoryKiB,
      iterations: vector.iterations,
      parallelism: vector.parallelism,
      hashLength: 32,
    });
    expect(toHex(out)).toBe(vector.hashHex);
  });

  it('normalises the passphrase to NFC before deriving', async () => {
    const kdf = fakeArgon2id();
    const composed = await deriveFromPassphrase('caf\u00e9 au lait, s\u2019il vous pla\u00eet', valid, kdf);
    const decomposed = await deriveFromPassphrase('cafe\u0301 au lait, s\u2019il vous plai\u0302t', valid, kdf);
    expect(decomposed).toEqual(composed);
  });
});

describe('calibrate', () => {
  /** A fake machine: a derivation costs `msPerMiBPass` per MiB per pass on a fake clock. */
  function fakeMachine(msPerMiBPass: number): { now: () => number; kdf: Argon2idFunction; calls: { memoryKiB: number; iterations: number }[] } {
    let clock = 0;
    const calls: { memoryKiB: number; iterations: number }[] = [];
    return {
      now: () => clock,
      calls,
      kdf: (input) => {
        calls.push({ memoryKiB: input.memoryKiB, iterations: input.iterations });
        clock += (input.memoryKiB / 1024) * input.iterations * msPerMiBPass;
        return Promise.resolve(new Uint8Array(input.hashLength));
      },
    };
  }

  it('raises memory first, then passes, to about the target', async () => {
    const machine = fakeMachine(0.5); // floor = 64 × 3 × 0.5 = 96 ms
    const result = await calibrate({ targetMs: 500, now: machine.now, kdf: machine.kdf });
    expect(result.cost.memoryKiB).toBe(262_144); // 256 MiB: 384 ms; 512 MiB would be 768 ms
    expect(result.cost.iterations).toBe(4); // 512 ms
    expect(result.measuredMs).toBeGreaterThanOrEqual(0.85 * 500);
    expect(result.measuredMs).toBeLessThanOrEqual(1.35 * 500);
    expect(machine.calls.map((c) => c.memoryKiB)).toEqual([65_536, 131_072, 262_144, 262_144]);
  });

  it('never goes below the floor on a slow machine', async () => {
    const machine = fakeMachine(10); // floor takes 1,920 ms
    const result = await calibrate({ targetMs: 500, now: machine.now, kdf: machine.kdf });
    expect(result.cost).toEqual(KDF_FLOOR);
    expect(result.trials).toHaveLength(1);
  });

  it('stops raising memory at the cap and then raises passes on a fast machine', async () => {
    const machine = fakeMachine(0.01); // 1 GiB × 3 passes = 31 ms
    const result = await calibrate({ targetMs: 500, now: machine.now, kdf: machine.kdf });
    expect(result.cost.memoryKiB).toBe(KDF_LIMITS.memoryKiB.max);
    expect(result.cost.iterations).toBeGreaterThan(3);
    expect(result.cost.iterations).toBeLessThanOrEqual(KDF_LIMITS.iterations.max);
    expect(result.trials.length).toBeLessThanOrEqual(12);
    expect(() => parseKdfParams({ ...valid, ...result.cost })).not.toThrow();
  });

  it('respects a lower memory cap', async () => {
    const machine = fakeMachine(0.1);
    const result = await calibrate({ targetMs: 500, now: machine.now, kdf: machine.kdf, maxMemoryKiB: 131_072 });
    expect(result.cost.memoryKiB).toBe(131_072);
    expect(result.measuredMs).toBeGreaterThanOrEqual(425);
  });
});

describe('passphrase rules', () => {
  it('counts code points after NFC and requires 12', () => {
    expect(passphraseRules('short').ok).toBe(false);
    expect(passphraseRules('short').hints).toContain('too-short');
    // 11 "é" typed decomposed are 22 UTF-16 units but 11 characters after NFC.
    expect(passphraseRules('e\u0301'.repeat(11)).length).toBe(11);
    expect(passphraseRules('e\u0301'.repeat(11)).ok).toBe(false);
    expect(passphraseRules('twelve chars').ok).toBe(true);
    expect(passphraseRules('їжак'.repeat(3)).length).toBe(12);
  });

  it('rates repetition and sequences low and long mixed passphrases high', () => {
    expect(passphraseRules('aaaaaaaaaaaaaaaa').strength).toBe(0);
    expect(passphraseRules('abcdefghijklmnop').strength).toBe(0);
    expect(passphraseRules('1234567890123').strength).toBeLessThanOrEqual(1);
    expect(passphraseRules('passwordpasswordpassword').hints).toContain('repetitive');
    expect(passphraseRules('correct horse battery staple').strength).toBe(4);
    expect(passphraseRules('Київ-Таллінн: 2023, грудень!').strength).toBe(4);
    const weak = passphraseRules('mypassword12');
    expect(weak.strength).toBeGreaterThanOrEqual(2);
    expect(weak.strength).toBeLessThanOrEqual(3);
  });
});
