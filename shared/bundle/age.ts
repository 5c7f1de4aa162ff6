/**
 * The age layer (https://age-encryption.org/v1) through `age-encryption`, the reference TypeScript
 * implementation. Only native X25519 recipients: stock age 1.1.1 (Debian) decrypts them, and a bundle's
 * stanza count must equal its signed recipient list (DESIGN.md §5).
 *
 * Before any file reaches the library, `scanAgeHeader` reads the header itself with hard caps (header
 * size, line length, stanza count) and refuses every stanza that is not `-> X25519 <32-byte share>` with
 * a 32-byte body: hybrid post-quantum (`mlkem768x25519`), passphrase (`scrypt`), plugin and grease
 * stanzas alike. So the library only ever sees a small, well-formed header whose every stanza costs one
 * X25519 operation.
 */
import { Decrypter, Encrypter } from 'age-encryption';
import { fromBase64 } from '../crypto';
import { ageIdentityFromSecret, ageRecipientFromKey } from './keys';
import { BundleError } from './errors';
import { BUNDLE_LIMITS } from './limits';

const VERSION_LINE = 'age-encryption.org/v1';
const NEWLINE = 0x0a;
/** age's STREAM: 16-byte nonce, then at least one 16-byte-tag chunk. */
const MIN_BODY_BYTES = 16 + 16;

export interface AgeHeaderScan {
  /** Number of X25519 stanzas. */
  readonly stanzas: number;
  /** Bytes of the header, MAC line included. */
  readonly headerBytes: number;
}

function malformed(message: string): never {
  throw new BundleError('age-header-malformed', `The bundle is not a valid age file: ${message}`);
}

/** age's base64: standard alphabet, no padding, canonical (we re-pad and decode strictly). */
function decodeNoPad(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*$/u.test(text)) return null;
  const padded = text + '='.repeat((4 - (text.length % 4)) % 4);
  if (text.length % 4 === 1) return null;
  try {
    return fromBase64(padded, 'age');
  } catch {
    return null;
  }
}

function unsupported(type: string): never {
  const shown = type.replace(/[^\x21-\x7e]/gu, '?').slice(0, 40);
  throw new BundleError('age-stanza-unsupported', `The age file has a "${shown}" stanza; bundles use X25519 recipients only (no post-quantum hybrid, passphrase or plugin stanzas).`, {
    type: shown,
  });
}

/** A line too long for an X25519 stanza may still be a stanza of another type: say which. */
function refuseForeignStanza(file: Uint8Array, start: number, end: number): void {
  if (file[start] !== 0x2d || file[start + 1] !== 0x3e || file[start + 2] !== 0x20) return; // "-> "
  let type = '';
  for (let i = start + 3; i < Math.min(end, start + 64) && file[i] !== 0x20; i += 1) type += String.fromCharCode(file[i] as number);
  if (type !== 'X25519') unsupported(type);
}

export function scanAgeHeader(file: Uint8Array, limits: { readonly recipients: number; readonly ageHeaderBytes: number; readonly ageHeaderLineBytes: number } = BUNDLE_LIMITS): AgeHeaderScan {
  let offset = 0;
  const readLine = (): string => {
    const limit = Math.min(file.length, offset + limits.ageHeaderLineBytes + 1, limits.ageHeaderBytes);
    let end = offset;
    while (end < limit && file[end] !== NEWLINE) end += 1;
    if (end >= limit) {
      refuseForeignStanza(file, offset, end);
      if (limit === file.length) malformed('the header ends before its MAC line (the file is truncated or not an age file).');
      if (limit === limits.ageHeaderBytes) malformed(`the header is longer than ${limits.ageHeaderBytes} bytes.`);
      malformed(`a header line is longer than ${limits.ageHeaderLineBytes} bytes.`);
    }
    let line = '';
    for (let i = offset; i < end; i += 1) {
      const byte = file[i] as number;
      if (byte < 0x20 || byte > 0x7e) malformed('the header contains a byte that is not printable ASCII.');
      line += String.fromCharCode(byte);
    }
    offset = end + 1;
    return line;
  };

  if (file.length === 0) malformed('the file is empty.');
  const first = readLine();
  if (first !== VERSION_LINE) {
    if (first.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) malformed('it is ASCII-armored; bundles are binary age files.');
    if (first.startsWith('age-encryption.org/')) malformed(`it uses age format "${first}"; only ${VERSION_LINE} is read.`);
    malformed('it does not start with the age version line.');
  }
  let stanzas = 0;
  for (;;) {
    const line = readLine();
    if (line.startsWith('--- ')) {
      const mac = decodeNoPad(line.slice(4));
      if (mac?.length !== 32) malformed('the header MAC is not 32 bytes of base64.');
      break;
    }
    if (!line.startsWith('-> ')) malformed('a header line is neither a stanza nor the MAC line.');
    stanzas += 1;
    if (stanzas > limits.recipients) {
      throw new BundleError('age-header-malformed', `The age header has more than ${limits.recipients} stanzas; a bundle has at most ${limits.recipients} recipients.`, {
        limit: limits.recipients,
      });
    }
    const args = line.slice(3).split(' ');
    const type = args[0] ?? '';
    if (type !== 'X25519') unsupported(type);
    if (args.length !== 2 || decodeNoPad(args[1] as string)?.length !== 32) malformed('an X25519 stanza does not carry one 32-byte share.');
    const body = readLine();
    if (body.length !== 43 || decodeNoPad(body)?.length !== 32) malformed('an X25519 stanza body is not 32 bytes.');
  }
  if (file.length - offset < MIN_BODY_BYTES) malformed('the encrypted payload is missing or truncated.');
  return { stanzas, headerBytes: offset };
}

/** Encrypts to X25519 public keys, one stanza each, in the given order. */
export async function ageEncrypt(plaintext: Uint8Array, recipientKeys: readonly Uint8Array[]): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const key of recipientKeys) encrypter.addRecipient(ageRecipientFromKey(key));
  return encrypter.encrypt(plaintext);
}

/**
 * Decrypts with our X25519 secret. Call only after `scanAgeHeader` accepted the file. Every library
 * failure becomes `decrypt-failed` with a plain reason.
 */
export async function ageDecrypt(file: Uint8Array, secret: Uint8Array): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(ageIdentityFromSecret(secret));
  try {
    return await decrypter.decrypt(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no identity matched/iu.test(message)) {
      throw new BundleError('decrypt-failed', 'No stanza of the bundle opens with your key: it was not encrypted to you (or the header was altered).');
    }
    if (/header HMAC/iu.test(message)) throw new BundleError('decrypt-failed', 'The age header was altered: its MAC does not verify.');
    throw new BundleError('decrypt-failed', 'The encrypted payload is damaged or truncated: it does not decrypt.');
  }
}
