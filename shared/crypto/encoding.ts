/**
 * Byte encodings used by every other crypto module. Each has exactly one spelling, so the bytes that are
 * hashed or signed can be recomputed by anyone (DESIGN.md §4):
 * - canonical JSON: RFC 8785 (JCS) via `canonicalize`, then UTF-8;
 * - base64: RFC 4648 §4, standard alphabet, with padding; decoding is strict (non-zero pad bits refused),
 *   so one byte string has one textual form;
 * - base32: RFC 4648 §6 alphabet, lowercase, no padding (delegation ids, device ids);
 * - hex: lowercase (test vectors only).
 */
import canonicalize from 'canonicalize';
import { base32nopad, base64, utf8 } from '@scure/base';
import { bytesToHex, concatBytes as nobleConcat, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { CryptoError } from './errors';

/** RFC 8785 canonical JSON text. Throws on values JSON cannot represent exactly (NaN, lone surrogates, undefined). */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new CryptoError('encoding-invalid', `Value cannot be canonically encoded: ${(error as Error).message}`);
  }
  if (text === undefined) throw new CryptoError('encoding-invalid', 'Value cannot be canonically encoded (undefined).');
  return text;
}

/** The exact bytes that are hashed and signed: UTF-8 of the RFC 8785 canonical JSON. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8Encode(canonicalJson(value));
}

/**
 * One encoder for the module: noble's utf8ToBytes makes a TextEncoder per call and copies its output
 * (for a browser-extension realm issue that does not apply here), which was a tenth of a 10,000-record
 * write. TextEncoder exists in every runtime shared/ runs in (browsers, workers, Node); its type is DOM's.
 */
interface Utf8Encoder {
  encode(text: string): Uint8Array;
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
}
const encoder: Utf8Encoder | undefined = (globalThis as unknown as { TextEncoder?: new () => Utf8Encoder }).TextEncoder
  ? new (globalThis as unknown as { TextEncoder: new () => Utf8Encoder }).TextEncoder()
  : undefined;

export function utf8Encode(text: string): Uint8Array {
  if (encoder === undefined) return utf8ToBytes(text);
  return encoder.encode(text);
}

/**
 * Scratch space for `withUtf8`, grown as needed and reused: hashing 10,000 change-sets made as many
 * short-lived ArrayBuffers, each with its own allocation and bookkeeping, for bytes read once.
 * Private to this module, only lent out synchronously and zeroed after each use, so no caller can see
 * another's bytes and no plaintext stays behind.
 */
const scratch = { bytes: new Uint8Array(4096) };
const SCRATCH_LIMIT = 1 << 20;

/**
 * Calls `use` with the UTF-8 of `text` in a borrowed buffer, valid only during the call: for bytes that
 * are read once (hashed) and never kept. `use` must not keep the array or call withUtf8 itself.
 */
export function withUtf8<T>(text: string, use: (bytes: Uint8Array) => T): T {
  // At most three bytes per UTF-16 unit; counting exactly would cost as much as the encoding saves.
  const bound = text.length * 3;
  // A long text gets its own array rather than growing the scratch for good.
  if (encoder === undefined || bound > SCRATCH_LIMIT) return use(utf8Encode(text));
  if (scratch.bytes.length < bound) scratch.bytes = new Uint8Array(Math.min(SCRATCH_LIMIT, Math.max(bound, scratch.bytes.length * 2)));
  const { written } = encoder.encodeInto(text, scratch.bytes);
  try {
    return use(scratch.bytes.subarray(0, written));
  } finally {
    // The text may be record content: it does not stay in the worker's memory after the call.
    scratch.bytes.fill(0, 0, written);
  }
}

export function utf8Decode(bytes: Uint8Array): string {
  return utf8.encode(bytes);
}

export function toBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Strict RFC 4648 base64 (padded); `what` names the field in the error. */
export function fromBase64(text: string, what = 'value'): Uint8Array {
  try {
    return base64.decode(text);
  } catch {
    throw new CryptoError('encoding-invalid', `${what} is not valid base64.`, { field: what });
  }
}

/** Lowercase unpadded base32: readable aloud, case-insensitive file systems cannot fold it into a collision. */
export function toBase32(bytes: Uint8Array): string {
  return base32nopad.encode(bytes).toLowerCase();
}

/** Accepts only the canonical lowercase form, so one id has one spelling. */
export function fromBase32(text: string, what = 'value'): Uint8Array {
  if (!/^[a-z2-7]*$/u.test(text)) {
    throw new CryptoError('encoding-invalid', `${what} is not lowercase unpadded base32.`, { field: what });
  }
  try {
    return base32nopad.decode(text.toUpperCase());
  } catch {
    throw new CryptoError('encoding-invalid', `${what} is not valid base32.`, { field: what });
  }
}

export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

export function fromHex(text: string): Uint8Array {
  try {
    return hexToBytes(text);
  } catch {
    throw new CryptoError('encoding-invalid', 'Value is not valid hex.');
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return nobleConcat(...parts);
}

/**
 * Constant-time equality for equal-length inputs (tweetnacl's `verify`, which ORs the XOR of every byte).
 * Lengths are not secret here, so a length difference returns early. Two empty arrays are equal
 * (nacl.verify would say false).
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  return nacl.verify(a, b);
}

/**
 * Overwrites key material once it is no longer needed. JavaScript gives no guarantee that no copy
 * survives elsewhere (the engine may have moved the buffer), which is why locking also terminates the
 * worker (DESIGN.md §2); zeroizing still shortens the time a key sits in a heap snapshot or swap.
 */
export function zeroize(...arrays: (Uint8Array | undefined)[]): void {
  for (const bytes of arrays) bytes?.fill(0);
}

/**
 * zod schema for a base64 field that must decode to a byte length in [min, max]. Used for every binary
 * value stored in JSON, so malformed or wrong-length keys are refused at the parse boundary.
 */
export function base64BytesSchema(min: number, max: number = min): z.ZodString {
  return z.string().refine(
    (text) => {
      try {
        const length = base64.decode(text).length;
        return length >= min && length <= max;
      } catch {
        return false;
      }
    },
    { error: min === max ? `must be base64 of exactly ${min} bytes` : `must be base64 of ${min}–${max} bytes` },
  );
}
