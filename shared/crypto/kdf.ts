/**
 * Argon2id (RFC 9106) through hash-wasm, which runs the reference C code as WebAssembly in the vault
 * worker and in Node alike.
 *
 * Stored parameters are attacker-controlled input: whoever can write the vault file can edit them. They
 * are therefore parsed against hard bounds BEFORE any derivation runs:
 * - the floor (64 MiB, 3 passes; DESIGN.md §6) stops a downgrade to parameters that make offline
 *   guessing cheap;
 * - the ceiling (1 GiB, 64 passes, 4 lanes) stops a tampered file from making unlock allocate absurd
 *   memory or spin for minutes. 1 GiB is also the calibration ceiling and the memory budget DESIGN.md §5
 *   sets for reading any input, and a WebAssembly heap much beyond it is not reliably available in a
 *   renderer worker.
 */
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { base64BytesSchema, fromBase64, toBase64, utf8Encode, zeroize } from './encoding';
import { CryptoError } from './errors';
import { normalizePassphrase } from './passphrase';
import { randomBytes, systemRandom, type RandomSource } from './random';

export const KDF_LIMITS = {
  memoryKiB: { min: 65_536, max: 1_048_576 },
  iterations: { min: 3, max: 64 },
  parallelism: { min: 1, max: 4 },
  saltBytes: { min: 16, max: 64 },
} as const;

/** Salt length used for new parameters (RFC 9106 §3.1 recommends 16 bytes). */
export const KDF_SALT_BYTES = 16;

/** Argon2id output length: one 256-bit key. */
const KDF_OUTPUT_BYTES = 32;

const boundedInt = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max);

export const KdfParamsSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  /** Argon2 version 0x13 (1.3), the only one hash-wasm and RFC 9106 define. */
  version: z.literal(19),
  memoryKiB: boundedInt(KDF_LIMITS.memoryKiB),
  iterations: boundedInt(KDF_LIMITS.iterations),
  parallelism: boundedInt(KDF_LIMITS.parallelism),
  saltB64: base64BytesSchema(KDF_LIMITS.saltBytes.min, KDF_LIMITS.saltBytes.max),
});
export type KdfParams = z.infer<typeof KdfParamsSchema>;

/** The cost part of the parameters: what calibration chooses and what a passphrase wrap is given. */
export type KdfCost = Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>;

/** DESIGN.md §6: never below 64 MiB and 3 passes. */
export const KDF_FLOOR: Readonly<KdfCost> = { memoryKiB: KDF_LIMITS.memoryKiB.min, iterations: KDF_LIMITS.iterations.min, parallelism: 1 };

const FIELD_RULES: Readonly<Record<keyof KdfParams, string>> = {
  algorithm: 'must be "argon2id"',
  version: 'must be 19 (Argon2 version 1.3)',
  memoryKiB: `must be an integer from ${KDF_LIMITS.memoryKiB.min} to ${KDF_LIMITS.memoryKiB.max} KiB (64 MiB to 1 GiB)`,
  iterations: `must be an integer from ${KDF_LIMITS.iterations.min} to ${KDF_LIMITS.iterations.max}`,
  parallelism: `must be an integer from ${KDF_LIMITS.parallelism.min} to ${KDF_LIMITS.parallelism.max}`,
  saltB64: `must be base64 of ${KDF_LIMITS.saltBytes.min} to ${KDF_LIMITS.saltBytes.max} bytes`,
};

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string | undefined;
  try {
    // JSON.stringify returns undefined for functions and symbols, despite its declared type.
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Parses stored parameters. On failure the error names every offending field (details.fields) and what
 * it must be, so "the vault file was edited" is diagnosable, and nothing has been derived yet.
 */
export function parseKdfParams(input: unknown): KdfParams {
  const result = KdfParamsSchema.safeParse(input);
  if (result.success) return result.data;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CryptoError('kdf-params-invalid', 'The stored key-derivation parameters are not an object.', { field: 'kdf', fields: ['kdf'] });
  }
  const record = input as Record<string, unknown>;
  const fields: string[] = [];
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push(key);
        problems.push(`"${key}" is not a known parameter`);
      }
      continue;
    }
    const field = String(issue.path[0] ?? 'kdf');
    if (fields.includes(field)) continue;
    fields.push(field);
    const rule = field in FIELD_RULES ? FIELD_RULES[field as keyof KdfParams] : 'is invalid';
    problems.push(`"${field}" ${rule} (stored: ${describeValue(record[field])})`);
  }
  throw new CryptoError('kdf-params-invalid', `The stored key-derivation parameters are out of bounds: ${problems.join('; ')}.`, {
    field: fields[0] ?? 'kdf',
    fields,
  });
}

/** Fresh parameters for a new wrap: the given cost (checked) and a new random salt. */
export function newKdfParams(cost: KdfCost, random: RandomSource = systemRandom): KdfParams {
  return parseKdfParams({
    algorithm: 'argon2id',
    version: 19,
    memoryKiB: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    saltB64: toBase64(randomBytes(KDF_SALT_BYTES, random)),
  });
}

export interface Argon2idInput {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly hashLength: number;
}

/** The raw Argon2id primitive, injectable so tests and calibration can run without spending seconds. */
export type Argon2idFunction = (input: Argon2idInput) => Promise<Uint8Array>;

/** hash-wasm's Argon2id (version 1.3, no secret, no associated data). Does not check our bounds. */
export const hashWasmArgon2id: Argon2idFunction = (input) =>
  argon2id({
    password: input.password,
    salt: input.salt,
    memorySize: input.memoryKiB,
    iterations: input.iterations,
    parallelism: input.parallelism,
    hashLength: input.hashLength,
    outputType: 'binary',
  });

/**
 * Argon2id over the NFC-normalised UTF-8 passphrase with the stored parameters; returns 32 bytes. The
 * parameters are validated first, so an out-of-bounds file fails before any memory is allocated.
 */
export async function deriveFromPassphrase(passphrase: string, params: unknown, kdf: Argon2idFunction = hashWasmArgon2id): Promise<Uint8Array> {
  const checked = parseKdfParams(params);
  const password = utf8Encode(normalizePassphrase(passphrase));
  // The schema keeps saltB64 as text (the parsed object must stay exactly what is stored, because it is
  // hashed canonically), so the salt is decoded here.
  const salt = fromBase64(checked.saltB64, 'saltB64');
  try {
    const output = await kdf({
      password,
      salt,
      memoryKiB: checked.memoryKiB,
      iterations: checked.iterations,
      parallelism: checked.parallelism,
      hashLength: KDF_OUTPUT_BYTES,
    });
    if (output.length !== KDF_OUTPUT_BYTES) throw new CryptoError('key-invalid', `Argon2id returned ${output.length} bytes instead of ${KDF_OUTPUT_BYTES}.`);
    return output;
  } finally {
    zeroize(password);
  }
}

export interface CalibrateOptions {
  /** Wanted duration of one derivation, in ms (DESIGN.md §6: about 0.5 s). */
  readonly targetMs?: number;
  /** Monotonic clock in ms; injectable so tests run on a fake clock. */
  readonly now?: () => number;
  /** The Argon2id primitive; injectable so tests do not spend real seconds. */
  readonly kdf?: Argon2idFunction;
  /** Highest memory calibration may choose (≤ the stored-parameter ceiling). */
  readonly maxMemoryKiB?: number;
  /** Safety net on the number of trial derivations. */
  readonly maxTrials?: number;
}

export interface CalibrationTrial {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly ms: number;
}

export interface CalibrationResult {
  /** The chosen cost: never below KDF_FLOOR, never above the bounds. */
  readonly cost: KdfCost;
  /** Measured duration of one derivation at `cost`. */
  readonly measuredMs: number;
  readonly trials: readonly CalibrationTrial[];
}

function defaultNow(): number {
  const performance = (globalThis as { performance?: { now?: () => number } }).performance;
  return performance?.now !== undefined ? performance.now() : Date.now();
}

/**
 * Chooses Argon2id cost for this machine. Memory is raised first (doubling from the 64 MiB floor while
 * the next doubling is predicted to stay within the target), because memory is what makes guessing
 * expensive on GPUs and ASICs (RFC 9106 §4); then passes are raised until one derivation takes at least
 * ~85% of the target. Time is close to linear in memory × passes, which makes each prediction good enough
 * that calibration usually needs 3–6 trial derivations. Parallelism stays 1: hash-wasm runs one thread,
 * so more lanes would add no cost for us but would help an attacker's parallel hardware.
 */
export async function calibrate(options: CalibrateOptions = {}): Promise<CalibrationResult> {
  const targetMs = options.targetMs ?? 500;
  const now = options.now ?? defaultNow;
  const kdf = options.kdf ?? hashWasmArgon2id;
  const maxMemoryKiB = Math.min(options.maxMemoryKiB ?? KDF_LIMITS.memoryKiB.max, KDF_LIMITS.memoryKiB.max);
  const maxTrials = options.maxTrials ?? 12;
  const password = utf8Encode('tallinn-desk calibration');
  const salt = new Uint8Array(KDF_SALT_BYTES);
  const trials: CalibrationTrial[] = [];

  const measure = async (memoryKiB: number, iterations: number): Promise<number> => {
    const start = now();
    await kdf({ password, salt, memoryKiB, iterations, parallelism: 1, hashLength: KDF_OUTPUT_BYTES });
    const ms = Math.max(now() - start, 0.001);
    trials.push({ memoryKiB, iterations, ms });
    return ms;
  };

  let memoryKiB = KDF_FLOOR.memoryKiB;
  let iterations = KDF_FLOOR.iterations;
  let ms = await measure(memoryKiB, iterations);

  // Phase 1: memory.
  while (trials.length < maxTrials && memoryKiB * 2 <= maxMemoryKiB && ms * 2 <= targetMs) {
    memoryKiB *= 2;
    ms = await measure(memoryKiB, iterations);
  }
  // Phase 2: passes.
  const lowEnough = 0.85 * targetMs;
  while (trials.length < maxTrials && ms < lowEnough && iterations < KDF_LIMITS.iterations.max) {
    const predicted = Math.floor((iterations * targetMs) / ms);
    iterations = Math.min(KDF_LIMITS.iterations.max, Math.max(iterations + 1, predicted));
    ms = await measure(memoryKiB, iterations);
  }
  return { cost: { memoryKiB, iterations, parallelism: 1 }, measuredMs: ms, trials };
}
