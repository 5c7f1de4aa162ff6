/**
 * The minisign file formats (https://jedisct1.github.io/minisign/), byte for byte as minisign 0.11 writes
 * and reads them, so that a security officer can check a bundle with the stock tool (DESIGN.md §5):
 *
 *   public key file   untrusted comment: <text>\n
 *                     base64( "Ed" ‖ key id (8 bytes) ‖ Ed25519 public key (32 bytes) )\n
 *
 *   signature file    untrusted comment: <text>\n
 *                     base64( "ED" ‖ key id (8 bytes) ‖ signature (64 bytes) )\n
 *                     trusted comment: <TEXT>\n
 *                     base64( global signature (64 bytes) )\n
 *
 *   signature        = Ed25519( BLAKE2b-512(file) )          ("ED" = prehashed; legacy "Ed" is refused)
 *   global signature = Ed25519( signature ‖ utf8(TEXT) )     (binds the trusted comment to the signature)
 *
 * Key ids are opaque 8-byte labels: minisign compares the one in the signature with the one in the
 * public key and nothing else. minisign displays them as the 16-digit upper-case hex of the key id read as
 * a little-endian 64-bit integer (`formatKeyId`).
 *
 * Limits come from minisign's own buffers (fgets): the untrusted comment line with its newline must fit in
 * 1,024 bytes, the trusted comment line in 8,192. A longer line would make stock minisign read the rest of
 * it as the next line, so the writer refuses it and the parser does too.
 *
 * Why the delegation's signing key may sign minisign messages as well as domain-separated ones (docs/
 * crypto.md §2): a minisign message is either a 64-byte BLAKE2b output or a 64-byte Ed25519 signature
 * followed by the trusted comment; a domain-separated message starts with `tallinn-desk/v1/…` and a NUL.
 * Neither can be made to equal the other without breaking BLAKE2b or Ed25519.
 *
 * Parsing never throws: it returns `{ ok: false, reason, message }` naming what is wrong.
 */
import { createBLAKE2b, type IHasher } from 'hash-wasm';
import nacl from 'tweetnacl';
import { concatBytes, fromBase64, toBase64, utf8Encode } from './encoding';
import { CryptoError } from './errors';

export const MINISIGN_KEY_ID_BYTES = 8;
const ALG_PUBLIC_KEY = 'Ed';
const ALG_PREHASHED = 'ED';
const ALG_LEGACY = 'Ed';
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';

export const MINISIGN_LIMITS = {
  /** minisign reads the untrusted comment line with fgets into 1,024 bytes: 1,023 with the newline. */
  untrustedCommentLineBytes: 1023,
  /** minisign reads the trusted comment line with fgets into 8,192 bytes: 8,191 with the newline. */
  trustedCommentLineBytes: 8191,
  /** The trusted comment text itself: 8,191 − newline − "trusted comment: " (17 bytes) = 8,173 bytes. */
  trustedCommentBytes: 8191 - 1 - TRUSTED_PREFIX.length,
  /** A whole signature file: the four lines at their maxima, with CRLF line ends, rounded up. */
  signatureFileBytes: 10_240,
  /** A whole public key file (comment line + key line). */
  publicKeyFileBytes: 2048,
} as const;

export interface MinisignPublicKey {
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

export interface MinisignSignature {
  readonly untrustedComment: string;
  readonly keyId: Uint8Array;
  /** Ed25519 over BLAKE2b-512 of the file. */
  readonly signature: Uint8Array;
  /** The trusted comment text, without prefix and line end. */
  readonly trustedComment: string;
  /** Ed25519 over signature ‖ utf8(trustedComment). */
  readonly globalSignature: Uint8Array;
}

export type MinisignParseFailure =
  | 'empty'
  | 'too-large'
  | 'not-utf8'
  | 'lines'
  | 'untrusted-comment'
  | 'trusted-comment'
  | 'base64'
  | 'legacy-algorithm'
  | 'algorithm'
  | 'length';

export type MinisignResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: MinisignParseFailure; readonly message: string };

function failure<T>(reason: MinisignParseFailure, message: string): MinisignResult<T> {
  return { ok: false, reason, message };
}

const ASCII = (text: string): Uint8Array => utf8Encode(text);

/** minisign's display of a key id: the 8 bytes as a little-endian integer, 16 upper-case hex digits. */
export function formatKeyId(keyId: Uint8Array): string {
  if (keyId.length !== MINISIGN_KEY_ID_BYTES) throw new CryptoError('key-invalid', `A minisign key id has ${MINISIGN_KEY_ID_BYTES} bytes, not ${keyId.length}.`);
  let hex = '';
  for (let i = MINISIGN_KEY_ID_BYTES - 1; i >= 0; i -= 1) hex += (keyId[i] as number).toString(16).padStart(2, '0');
  return hex.toUpperCase();
}

/** Inverse of `formatKeyId`; null when the text is not 16 hex digits. */
export function parseKeyId(text: string): Uint8Array | null {
  if (!/^[0-9A-F]{16}$/u.test(text)) return null;
  const out = new Uint8Array(MINISIGN_KEY_ID_BYTES);
  for (let i = 0; i < MINISIGN_KEY_ID_BYTES; i += 1) out[MINISIGN_KEY_ID_BYTES - 1 - i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function checkKeyId(keyId: Uint8Array): void {
  if (keyId.length !== MINISIGN_KEY_ID_BYTES) throw new CryptoError('key-invalid', `A minisign key id has ${MINISIGN_KEY_ID_BYTES} bytes, not ${keyId.length}.`);
}

/** The base64 key line of a public key file: base64("Ed" ‖ key id ‖ public key). */
export function encodeMinisignPublicKey(key: MinisignPublicKey): string {
  checkKeyId(key.keyId);
  if (key.publicKey.length !== nacl.sign.publicKeyLength) throw new CryptoError('key-invalid', 'A minisign public key is a 32-byte Ed25519 key.');
  return toBase64(concatBytes(ASCII(ALG_PUBLIC_KEY), key.keyId, key.publicKey));
}

/** A public key file as `minisign -G` writes it; `minisign -V -p FILE` reads it. */
export function formatMinisignPublicKeyFile(key: MinisignPublicKey, comment = `minisign public key ${formatKeyId(key.keyId)}`): string {
  const line = `${UNTRUSTED_PREFIX}${comment}`;
  checkCommentLine(line, MINISIGN_LIMITS.untrustedCommentLineBytes, 'untrusted comment');
  return `${line}\n${encodeMinisignPublicKey(key)}\n`;
}

function decodeBase64(text: string): Uint8Array | null {
  try {
    return fromBase64(text, 'minisign');
  } catch {
    return null;
  }
}

/** Decodes a key line (`RW…`); accepts only the exact 42-byte "Ed" ‖ key id ‖ key form. */
export function decodeMinisignPublicKey(line: string): MinisignResult<MinisignPublicKey> {
  const bytes = decodeBase64(line.trim());
  if (bytes === null) return failure('base64', 'The public key is not valid base64.');
  if (bytes.length !== 2 + MINISIGN_KEY_ID_BYTES + nacl.sign.publicKeyLength) return failure('length', `A minisign public key has 42 bytes, not ${bytes.length}.`);
  if (bytes[0] !== 0x45 || bytes[1] !== 0x64) return failure('algorithm', 'The public key is not an Ed25519 minisign key ("Ed").');
  return { ok: true, value: { keyId: bytes.slice(2, 10), publicKey: bytes.slice(10) } };
}

/** A public key file (comment line + key line) or the key line alone. */
export function parseMinisignPublicKey(text: string): MinisignResult<MinisignPublicKey> {
  if (text.length > MINISIGN_LIMITS.publicKeyFileBytes) return failure('too-large', 'The public key file is too large.');
  const lines = text.split('\n').map((line) => line.replace(/\r$/u, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 1) return decodeMinisignPublicKey(lines[0] as string);
  if (lines.length !== 2) return failure('lines', 'A minisign public key file has two lines.');
  if (!(lines[0] as string).startsWith(UNTRUSTED_PREFIX)) return failure('untrusted-comment', `The first line must start with "${UNTRUSTED_PREFIX}".`);
  return decodeMinisignPublicKey(lines[1] as string);
}

function checkCommentLine(line: string, maxBytes: number, what: string): void {
  if (/[\r\n\0]/u.test(line)) throw new CryptoError('encoding-invalid', `A minisign ${what} must be one line without NUL.`);
  const bytes = ASCII(line).length + 1; // newline
  if (bytes > maxBytes) throw new CryptoError('encoding-invalid', `The minisign ${what} line has ${bytes} bytes; minisign reads at most ${maxBytes}.`);
}

let hasher512: Promise<IHasher> | undefined;

/**
 * BLAKE2b-512 of the whole file: what a prehashed ("ED") signature signs. hash-wasm (WebAssembly) rather
 * than @noble/hashes because files reach 256 MiB: ~750 MB/s here against ~32 MB/s in plain JavaScript.
 */
export async function minisignPrehash(file: Uint8Array): Promise<Uint8Array> {
  hasher512 ??= createBLAKE2b(512);
  const hasher = await hasher512;
  // init/update/digest run without an await in between, so concurrent callers cannot interleave.
  hasher.init();
  hasher.update(file);
  return hasher.digest('binary');
}

export interface MinisignSignInput {
  readonly keyId: Uint8Array;
  /** tweetnacl's 64-byte Ed25519 secret key (seed ‖ public key). */
  readonly secretKey: Uint8Array;
  readonly trustedComment: string;
  readonly untrustedComment?: string;
}

/** Signs a BLAKE2b-512 prehash; returns the signature file text. */
export function signMinisignPrehash(prehash: Uint8Array, input: MinisignSignInput): string {
  checkKeyId(input.keyId);
  if (prehash.length !== 64) throw new CryptoError('encoding-invalid', 'A minisign prehash is a 64-byte BLAKE2b-512 digest.');
  if (input.secretKey.length !== nacl.sign.secretKeyLength) throw new CryptoError('key-invalid', 'A minisign secret key is a 64-byte Ed25519 secret key.');
  const untrusted = `${UNTRUSTED_PREFIX}${input.untrustedComment ?? 'signature from minisign secret key'}`;
  const trusted = `${TRUSTED_PREFIX}${input.trustedComment}`;
  checkCommentLine(untrusted, MINISIGN_LIMITS.untrustedCommentLineBytes, 'untrusted comment');
  checkCommentLine(trusted, MINISIGN_LIMITS.trustedCommentLineBytes, 'trusted comment');
  const signature = nacl.sign.detached(prehash, input.secretKey);
  const globalSignature = nacl.sign.detached(concatBytes(signature, ASCII(input.trustedComment)), input.secretKey);
  return `${untrusted}\n${toBase64(concatBytes(ASCII(ALG_PREHASHED), input.keyId, signature))}\n${trusted}\n${toBase64(globalSignature)}\n`;
}

/** Signs a whole file (prehashed, as `minisign -S` does). */
export async function signMinisign(file: Uint8Array, input: MinisignSignInput): Promise<string> {
  return signMinisignPrehash(await minisignPrehash(file), input);
}

const utf8Strict = (() => {
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string } }).TextDecoder;
  return new Decoder('utf-8', { fatal: true });
})();

/**
 * Parses a signature file (bytes or text). Checks the shape only; `verifyMinisignPrehash` checks the
 * signatures. Line ends may be LF or CRLF (minisign trims both); anything after the fourth line but empty
 * lines is refused.
 */
export function parseMinisignSignature(input: Uint8Array | string): MinisignResult<MinisignSignature> {
  const size = typeof input === 'string' ? input.length : input.length;
  if (size === 0) return failure('empty', 'The signature file is empty.');
  if (size > MINISIGN_LIMITS.signatureFileBytes) return failure('too-large', `The signature file has ${size} bytes; a minisign signature has at most ${MINISIGN_LIMITS.signatureFileBytes}.`);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = utf8Strict.decode(input);
    } catch {
      return failure('not-utf8', 'The signature file is not UTF-8 text.');
    }
  }
  if (text.includes('\0')) return failure('lines', 'The signature file contains a NUL byte.');
  const lines = text.split('\n').map((line) => line.replace(/\r$/u, ''));
  while (lines.length > 4 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== 4) return failure('lines', `A minisign signature file has 4 lines, not ${lines.length}.`);
  const [untrustedLine, signatureLine, trustedLine, globalLine] = lines as [string, string, string, string];

  if (!untrustedLine.startsWith(UNTRUSTED_PREFIX)) return failure('untrusted-comment', `The first line must start with "${UNTRUSTED_PREFIX}".`);
  if (ASCII(untrustedLine).length + 1 > MINISIGN_LIMITS.untrustedCommentLineBytes) return failure('untrusted-comment', 'The untrusted comment line is longer than minisign reads.');
  if (!trustedLine.startsWith(TRUSTED_PREFIX)) return failure('trusted-comment', `The third line must start with "${TRUSTED_PREFIX}".`);
  if (ASCII(trustedLine).length + 1 > MINISIGN_LIMITS.trustedCommentLineBytes) return failure('trusted-comment', 'The trusted comment line is longer than minisign reads.');

  const signatureBytes = decodeBase64(signatureLine);
  if (signatureBytes === null) return failure('base64', 'The signature line is not valid base64.');
  if (signatureBytes.length !== 2 + MINISIGN_KEY_ID_BYTES + nacl.sign.signatureLength) return failure('length', `The signature line holds ${signatureBytes.length} bytes, not 74.`);
  const algorithm = String.fromCharCode(signatureBytes[0] as number, signatureBytes[1] as number);
  if (algorithm === ALG_LEGACY) return failure('legacy-algorithm', 'The signature is a legacy (non-prehashed, "Ed") minisign signature; only prehashed ("ED") signatures are accepted.');
  if (algorithm !== ALG_PREHASHED) return failure('algorithm', 'The signature algorithm is not minisign Ed25519 ("ED").');
  const globalSignature = decodeBase64(globalLine);
  if (globalSignature === null) return failure('base64', 'The trusted comment signature line is not valid base64.');
  if (globalSignature.length !== nacl.sign.signatureLength) return failure('length', `The trusted comment signature holds ${globalSignature.length} bytes, not 64.`);

  return {
    ok: true,
    value: {
      untrustedComment: untrustedLine.slice(UNTRUSTED_PREFIX.length),
      keyId: signatureBytes.slice(2, 10),
      signature: signatureBytes.slice(10),
      trustedComment: trustedLine.slice(TRUSTED_PREFIX.length),
      globalSignature,
    },
  };
}

export type MinisignVerification = { readonly ok: true } | { readonly ok: false; readonly reason: 'key-id' | 'signature' | 'comment-signature'; readonly message: string };

/** Verifies both signatures of a parsed signature file against a prehash and a public key, as `minisign -V` does. */
export function verifyMinisignPrehash(signature: MinisignSignature, prehash: Uint8Array, key: MinisignPublicKey): MinisignVerification {
  if (key.keyId.length !== MINISIGN_KEY_ID_BYTES || !equalBytes(signature.keyId, key.keyId)) {
    return { ok: false, reason: 'key-id', message: `The signature names key id ${formatKeyId(signature.keyId)}, not ${safeKeyId(key.keyId)}.` };
  }
  if (key.publicKey.length !== nacl.sign.publicKeyLength || !nacl.sign.detached.verify(prehash, signature.signature, key.publicKey)) {
    return { ok: false, reason: 'signature', message: 'The signature does not match the file: the file was changed or signed by another key.' };
  }
  if (!nacl.sign.detached.verify(concatBytes(signature.signature, ASCII(signature.trustedComment)), signature.globalSignature, key.publicKey)) {
    return { ok: false, reason: 'comment-signature', message: 'The trusted comment was altered after signing.' };
  }
  return { ok: true };
}

/** Verifies a signature file against a whole file. */
export async function verifyMinisign(signature: MinisignSignature, file: Uint8Array, key: MinisignPublicKey): Promise<MinisignVerification> {
  return verifyMinisignPrehash(signature, await minisignPrehash(file), key);
}

function safeKeyId(keyId: Uint8Array): string {
  return keyId.length === MINISIGN_KEY_ID_BYTES ? formatKeyId(keyId) : '(invalid)';
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
