/**
 * The decrypted payload of a bundle (docs/bundle-format.md §5):
 *
 *   plaintext    = salt (32 random bytes) ‖ DEFLATE (RFC 1951, raw) of utf8(payload JSON)
 *   payload hash = BLAKE2b-256( utf8("tallinn-desk/v1/bundle") ‖ utf8("payload") ‖ 0x00 ‖ plaintext )
 *
 * The hash covers the plaintext exactly as age decrypts it (compressed, salt first), so it is checked
 * before anything is inflated; the salt makes the public hash useless for confirming a guessed payload.
 *
 * payload JSON = {
 *   header:         { format, bundle, sender, senderKeyId, recipients: [{delegation, keyId}], created, versionVector },
 *   keyEventLogs:   [ [signed key event, …], … ]      the sender's first
 *   checkpoints:    [ signed checkpoint, … ]
 *   changeSets:     [ {header, content?}, … ]         content absent = redacted
 *   contentMissing: [ change-set hash, … ]            contents the sender holds only redacted and asks for
 * }
 */
import { createBLAKE2b, type IHasher } from 'hash-wasm';
import { Inflate, deflateSync } from 'fflate';
import { z } from 'zod';
import { DelegationIdSchema, DOMAINS, randomBytes, systemRandom, toHex, utf8Encode, type RandomSource } from '../crypto';
import { DeviceIdSchema } from '../crypto/identity';
import { HashB64Schema, type ChangeSet } from '../sync/changeset';
import { SignedCheckpointSchema } from '../sync/checkpoint';
import { BUNDLE_FORMAT } from './comment';
import { BundleError } from './errors';
import { BUNDLE_LIMITS, type BundleLimits } from './limits';
import { parseSafeJson, type SafeJsonLimits } from './safe-json';
import { decodeUtf8Strict } from './text';

export const PAYLOAD_SALT_BYTES = 32;

const KeyIdTextSchema = z.string().regex(/^[0-9A-F]{16}$/u);
const BundleIdSchema = z.string().regex(/^[a-z2-7]{26}$/u);

export const PayloadHeaderSchema = z.strictObject({
  format: z.number().int(),
  bundle: BundleIdSchema,
  sender: DelegationIdSchema,
  senderKeyId: KeyIdTextSchema,
  recipients: z
    .array(z.strictObject({ delegation: DelegationIdSchema, keyId: KeyIdTextSchema }))
    .min(1)
    .max(BUNDLE_LIMITS.recipients),
  created: z.iso.datetime(),
  /** The sender's version vector: device → highest contiguous seq (DESIGN.md §4 acknowledgements). */
  versionVector: z
    .record(DeviceIdSchema, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .refine((vector) => Object.keys(vector).length <= BUNDLE_LIMITS.versionVectorEntries, { error: `at most ${BUNDLE_LIMITS.versionVectorEntries} devices` }),
});
export type PayloadHeader = z.infer<typeof PayloadHeaderSchema>;

/**
 * A change-set as the envelope schema sees it: a JSON object. Each change-set is parsed and checked one
 * by one by the sync engine (`parseChangeSet` in step 15: schema, content digest), which rejects a bad
 * one with its reason instead of refusing the whole bundle, and which must parse it anyway: validating
 * 10,000 change-sets twice would double the most expensive step of reading.
 */
export const RawChangeSetSchema = z.custom<Readonly<Record<string, unknown>>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: 'a change-set must be a JSON object',
});

export const PayloadSchema = z.strictObject({
  header: PayloadHeaderSchema,
  keyEventLogs: z
    .array(z.array(z.unknown()).min(1).max(256))
    .max(BUNDLE_LIMITS.keyEventLogs)
    .refine((logs) => logs.reduce((sum, log) => sum + log.length, 0) <= BUNDLE_LIMITS.keyEventsTotal, {
      error: `at most ${BUNDLE_LIMITS.keyEventsTotal} key events in all`,
    }),
  checkpoints: z.array(SignedCheckpointSchema).max(BUNDLE_LIMITS.checkpoints),
  changeSets: z.array(RawChangeSetSchema).max(BUNDLE_LIMITS.changeSets),
  contentMissing: z.array(HashB64Schema).max(BUNDLE_LIMITS.contentMissing),
});
export type BundlePayload = z.infer<typeof PayloadSchema>;

/** What goes into a payload besides its header (the writer fills the header). */
export interface PayloadParts {
  readonly keyEventLogs?: readonly (readonly unknown[])[];
  readonly checkpoints?: BundlePayload['checkpoints'];
  readonly changeSets?: readonly ChangeSet[];
  readonly contentMissing?: readonly string[];
  readonly versionVector?: Readonly<Record<string, number>>;
}

let hasher256: Promise<IHasher> | undefined;
const DOMAIN_BYTES = utf8Encode(DOMAINS.bundle);
const LABEL_BYTES = utf8Encode('payload\0');

/** Hex payload hash (see the module comment); hash-wasm because payloads reach 256 MiB. */
export async function payloadHash(plaintext: Uint8Array): Promise<string> {
  hasher256 ??= createBLAKE2b(256);
  const hasher = await hasher256;
  hasher.init();
  hasher.update(DOMAIN_BYTES);
  hasher.update(LABEL_BYTES);
  hasher.update(plaintext);
  return toHex(hasher.digest('binary'));
}

export function safeJsonLimits(limits: BundleLimits): SafeJsonLimits {
  return { maxBytes: limits.decompressedBytes, maxDepth: limits.jsonDepth, maxObjectKeys: limits.jsonObjectKeys, maxValues: limits.jsonValues };
}

/** salt ‖ deflate(utf8(json)). */
export function compressPayload(json: string | Uint8Array, random: RandomSource = systemRandom, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array {
  const compressed = deflateSync(typeof json === 'string' ? utf8Encode(json) : json, { level });
  const out = new Uint8Array(PAYLOAD_SALT_BYTES + compressed.length);
  out.set(randomBytes(PAYLOAD_SALT_BYTES, random), 0);
  out.set(compressed, PAYLOAD_SALT_BYTES);
  return out;
}

/**
 * Inflates the compressed part in steps of `inflateChunkBytes` of input, stopping as soon as the output
 * passes `decompressedBytes`: a compression bomb costs at most one step (~1032 × the step) beyond the cap.
 * `sink` receives each inflated chunk (and may keep it or not).
 */
function inflateSteps(plaintext: Uint8Array, limits: Pick<BundleLimits, 'decompressedBytes' | 'inflateChunkBytes'>, sink: (chunk: Uint8Array) => void): number {
  if (plaintext.length <= PAYLOAD_SALT_BYTES) throw new BundleError('payload-corrupt', 'The decrypted payload is empty.');
  const compressed = plaintext.subarray(PAYLOAD_SALT_BYTES);
  // One object, mutated by the inflater's callback (flow analysis does not follow callbacks).
  const progress = { total: 0, over: false, finished: false };
  const inflater = new Inflate((data, final) => {
    progress.total += data.length;
    if (progress.total > limits.decompressedBytes) progress.over = true;
    else sink(data);
    if (final) progress.finished = true;
  });
  try {
    for (let offset = 0; offset < compressed.length; offset += limits.inflateChunkBytes) {
      const end = Math.min(offset + limits.inflateChunkBytes, compressed.length);
      inflater.push(compressed.subarray(offset, end), end === compressed.length);
      if (progress.over) break;
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('payload-corrupt', 'The payload is not a valid compressed stream.');
  }
  if (progress.over) {
    throw new BundleError('payload-too-large', `The payload inflates to more than ${limits.decompressedBytes} bytes (a compression bomb, or a bundle beyond this reader's limits).`, {
      limit: limits.decompressedBytes,
    });
  }
  if (!progress.finished) throw new BundleError('payload-corrupt', 'The compressed payload is truncated.');
  return progress.total;
}

/**
 * The inflated bytes in one array, grown by doubling from 4 × the compressed size (never beyond the cap),
 * so memory peaks at about 1.5 × the output instead of holding every chunk and a joined copy.
 */
export function inflateCapped(plaintext: Uint8Array, limits: Pick<BundleLimits, 'decompressedBytes' | 'inflateChunkBytes'>): Uint8Array {
  const out = new InflatedBytes(plaintext.length, limits.decompressedBytes);
  inflateSteps(plaintext, limits, (chunk) => {
    out.append(chunk);
  });
  return out.bytes();
}

/** Inflated output in one array, grown by doubling from 4 × the compressed size, never beyond the cap. */
class InflatedBytes {
  #out: Uint8Array;
  #used = 0;
  constructor(
    compressedLength: number,
    private readonly cap: number,
  ) {
    this.#out = new Uint8Array(Math.min(cap, Math.max(64 * 1024, 4 * compressedLength)));
  }
  get length(): number {
    return this.#used;
  }
  append(chunk: Uint8Array): void {
    if (this.#used + chunk.length > this.#out.length) {
      const grown = new Uint8Array(Math.min(this.cap, Math.max(2 * this.#out.length, this.#used + chunk.length)));
      grown.set(this.#out.subarray(0, this.#used));
      this.#out = grown;
    }
    this.#out.set(chunk, this.#used);
    this.#used += chunk.length;
  }
  bytes(): Uint8Array {
    return this.#out.subarray(0, this.#used);
  }
}

/** The part of the Compression Streams API used here (browsers, workers and Node ≥ 20 have it; its types are DOM's). */
interface NativeDecompressor {
  readonly writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(reason?: unknown): Promise<void> } };
  readonly readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } };
}
type NativeDecompressorClass = new (format: 'deflate-raw') => NativeDecompressor;

function nativeDecompressor(): NativeDecompressorClass | null {
  const candidate = (globalThis as unknown as { DecompressionStream?: NativeDecompressorClass }).DecompressionStream;
  if (candidate === undefined) return null;
  try {
    new candidate('deflate-raw');
    return candidate;
  } catch {
    return null;
  }
}

/**
 * `inflateCapped` with the runtime's own inflater (Compression Streams, native code: ten times fflate's
 * speed on a 10,000-change-set bundle) where there is one, with the same rules: input fed in steps, output
 * counted as it comes and the stream cancelled as soon as it passes `decompressedBytes`, a truncated or
 * trailing-junk stream refused as corrupt. Without the API it is `inflateCapped`.
 */
export async function inflateCappedAsync(plaintext: Uint8Array, limits: Pick<BundleLimits, 'decompressedBytes' | 'inflateChunkBytes'>): Promise<Uint8Array> {
  const Decompressor = nativeDecompressor();
  if (Decompressor === null) return inflateCapped(plaintext, limits);
  if (plaintext.length <= PAYLOAD_SALT_BYTES) throw new BundleError('payload-corrupt', 'The decrypted payload is empty.');
  const compressed = plaintext.subarray(PAYLOAD_SALT_BYTES);
  const stream = new Decompressor('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Steps of 64 × the sync step: the native inflater is fast, and the cap is checked on its output anyway.
  const step = limits.inflateChunkBytes * 64;
  const writing = (async () => {
    for (let offset = 0; offset < compressed.length; offset += step) await writer.write(compressed.subarray(offset, Math.min(offset + step, compressed.length)));
    await writer.close();
  })();
  // The reader reports the failure; the writer's own rejection must not surface unhandled.
  writing.catch(() => undefined);
  const out = new InflatedBytes(plaintext.length, limits.decompressedBytes);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value === undefined) continue;
      if (out.length + value.length > limits.decompressedBytes) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        throw new BundleError('payload-too-large', `The payload inflates to more than ${limits.decompressedBytes} bytes (a compression bomb, or a bundle beyond this reader's limits).`, {
          limit: limits.decompressedBytes,
        });
      }
      out.append(value);
    }
    await writing;
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('payload-corrupt', 'The payload is not a valid compressed stream (corrupt, truncated, or followed by other data).');
  }
  return out.bytes();
}

/**
 * Inflates, then decodes strict UTF-8 in one call (a one-call decode gives a compact string; decoding
 * chunk by chunk would give two-byte external parts plus a joined copy, several times the memory).
 */
export function inflateText(plaintext: Uint8Array, limits: Pick<BundleLimits, 'decompressedBytes' | 'inflateChunkBytes'>): string {
  return decodeUtf8Strict(inflateCapped(plaintext, limits), 'payload-corrupt', 'The payload');
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Decompressed bytes → checked JSON → schema. */
export function decodePayload(decompressed: Uint8Array, limits: BundleLimits = BUNDLE_LIMITS): BundlePayload {
  return parsePayloadText(decodeUtf8Strict(decompressed, 'payload-corrupt', 'The payload'), limits);
}

/** Payload JSON text → checked JSON → schema. */
export function parsePayloadText(text: string, limits: BundleLimits = BUNDLE_LIMITS): BundlePayload {
  const parsed = parseSafeJson(text, safeJsonLimits(limits));
  if (!parsed.ok) throw new BundleError('json-invalid', parsed.message, { reason: parsed.reason });
  const root = parsed.value;
  // The format version is read first so that a newer payload gets the clear message, not a schema error.
  if (typeof root === 'object' && root !== null && !Array.isArray(root)) {
    const header = (root as Record<string, unknown>)['header'];
    const format = typeof header === 'object' && header !== null ? (header as Record<string, unknown>)['format'] : undefined;
    if (typeof format === 'number' && format > BUNDLE_FORMAT) {
      throw new BundleError('format-newer', `This bundle's payload uses format version ${format}; this version of Tallinn Desk reads format ${BUNDLE_FORMAT} only. Update Tallinn Desk to open it.`, {
        format,
      });
    }
  }
  const result = PayloadSchema.safeParse(root);
  if (!result.success) throw new BundleError('payload-schema', `The payload does not match the bundle format: ${describeZodError(result.error)}.`);
  return result.data;
}

/** The payload JSON text the writer seals (plain JSON.stringify; the hash is over the compressed bytes). */
export function encodePayload(payload: BundlePayload | (Omit<BundlePayload, 'changeSets'> & { changeSets: readonly ChangeSet[] })): string {
  return JSON.stringify(payload);
}
