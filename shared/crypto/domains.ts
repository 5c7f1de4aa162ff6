/**
 * Domain separation: every hash, signature and derived key in Tallinn Desk names what it is for, so a
 * value produced for one purpose can never be replayed as another (a key-event signature can never pass
 * as a checkpoint signature, the passphrase KEK can never equal the recovery KEK, and so on).
 *
 * Three rules, one each for hashing, signing and key derivation, used everywhere (docs/crypto.md §2):
 * - hash:      BLAKE2b-256( utf8(domain) ‖ bytes )                  — exactly DESIGN.md §5's delegation id rule
 * - signature: Ed25519( utf8(domain) ‖ 0x00 ‖ message )
 * - subkey:    BLAKE2b-256( key = parent key, message = utf8(domain) )   (BLAKE2b's keyed mode as a PRF)
 *
 * The hash rule has no separator because DESIGN.md fixes it that way; it is still unambiguous because the
 * set of domain strings is prefix-free (no domain is a prefix of another; a unit test enforces it), so
 * `domain ‖ bytes` parses one way only. Signatures add a 0x00 byte after the domain (domain strings never
 * contain NUL) so that the signed string is self-delimiting even if a future domain broke prefix-freeness.
 */
import { blake2b } from '@noble/hashes/blake2.js';
import nacl from 'tweetnacl';
import { utf8Encode, withUtf8 } from './encoding';
import { CryptoError } from './errors';
import { fastBlake2b256 } from './fast-hash';

export const DOMAINS = {
  /** Delegation id: first 16 bytes of the hash of the canonical inception event (DESIGN.md §5). */
  delegationId: 'tallinn-desk/v1/delegation-id',
  /** Key events: signatures over, and chain hashes of, canonical key events. */
  keyEvent: 'tallinn-desk/v1/key-event',
  /** Commitment to the next rotation public key (pre-rotation). */
  nextKey: 'tallinn-desk/v1/next-key',
  /** Fingerprint read aloud to verify a delegation. */
  fingerprint: 'tallinn-desk/v1/fingerprint',
  /** Unkeyed check value over stored Argon2id parameters. */
  kdfParams: 'tallinn-desk/v1/kdf-params',
  /** Key-encryption key derived from the Argon2id output. */
  kekPassphrase: 'tallinn-desk/v1/kek-passphrase',
  /** Key-encryption key derived from the recovery key. */
  kekRecovery: 'tallinn-desk/v1/kek-recovery',
  /** Public identifier of a recovery key (tells "old sheet" from "typo"). */
  recoveryKeyId: 'tallinn-desk/v1/recovery-key-id',
  /** Binding of a master-key wrap to its kind and parameters. */
  masterWrap: 'tallinn-desk/v1/master-wrap',
  /** Row-sealing key derived from the master key. */
  rowSeal: 'tallinn-desk/v1/row-seal',
  /** Local audit log chain (DESIGN.md §6). */
  audit: 'tallinn-desk/v1/audit',
  /** Change-set hashes: over the canonical header (DESIGN.md §4). */
  changeset: 'tallinn-desk/v1/changeset',
  /** Salted content digest of a change-set: over the canonical content (salt, record, kind, hlc, ops). */
  content: 'tallinn-desk/v1/content',
  /** Checkpoint signatures and hashes (DESIGN.md §4). */
  checkpoint: 'tallinn-desk/v1/checkpoint',
  /** Reserved: bundle payload and header hashes (DESIGN.md §5). */
  bundle: 'tallinn-desk/v1/bundle',
} as const;

export type Domain = (typeof DOMAINS)[keyof typeof DOMAINS];

/** Encoded once: these are used on every row and every event. */
const DOMAIN_BYTES = new Map<Domain, Uint8Array>(Object.values(DOMAINS).map((domain) => [domain, utf8Encode(domain)]));

function domainBytes(domain: Domain): Uint8Array {
  const bytes = DOMAIN_BYTES.get(domain);
  if (bytes === undefined) throw new CryptoError('encoding-invalid', `Unknown domain ${domain}.`);
  return bytes;
}

const SIGNATURE_SEPARATOR = new Uint8Array([0]);

/** BLAKE2b-256( utf8(domain) ‖ bytes ). */
export function domainHash(domain: Domain, bytes: Uint8Array): Uint8Array {
  const prefix = domainBytes(domain);
  return fastBlake2b256([prefix, bytes]) ?? blake2b.create({ dkLen: 32 }).update(prefix).update(bytes).digest();
}

/** domainHash of the UTF-8 of `text`, encoded in borrowed scratch space (nothing is kept). */
export function domainHashText(domain: Domain, text: string): Uint8Array {
  return withUtf8(text, (bytes) => domainHash(domain, bytes));
}

/** utf8(domain) ‖ 0x00 ‖ message: the exact byte string an Ed25519 signature covers. */
export function signedBytes(domain: Domain, message: Uint8Array): Uint8Array {
  const prefix = domainBytes(domain);
  const out = new Uint8Array(prefix.length + 1 + message.length);
  out.set(prefix, 0);
  out.set(SIGNATURE_SEPARATOR, prefix.length);
  out.set(message, prefix.length + 1);
  return out;
}

/** Ed25519 (tweetnacl, 64-byte secret key = seed ‖ public key) over utf8(domain) ‖ 0x00 ‖ message. */
export function domainSign(domain: Domain, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== nacl.sign.secretKeyLength) {
    throw new CryptoError('key-invalid', `An Ed25519 secret key has ${nacl.sign.secretKeyLength} bytes, not ${secretKey.length}.`);
  }
  return nacl.sign.detached(signedBytes(domain, message), secretKey);
}

/** Verifies a domain-separated Ed25519 signature; wrong-length inputs are a plain `false`, never a throw. */
export function domainVerify(domain: Domain, message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== nacl.sign.signatureLength || publicKey.length !== nacl.sign.publicKeyLength) return false;
  return nacl.sign.detached.verify(signedBytes(domain, message), signature, publicKey);
}

/**
 * A 32-byte subkey for one purpose: BLAKE2b-256 keyed with the parent key over utf8(domain). Keyed BLAKE2b
 * is a PRF (RFC 7693 §2.9 / BLAKE2 paper), so subkeys for different domains are independent, and the
 * master key itself is only ever a derivation root, never a cipher key.
 */
export function deriveSubkey(parentKey: Uint8Array, domain: Domain): Uint8Array {
  if (parentKey.length < 32 || parentKey.length > 64) {
    throw new CryptoError('key-invalid', `A parent key for derivation must have 32–64 bytes, not ${parentKey.length}.`);
  }
  return blake2b(domainBytes(domain), { key: parentKey, dkLen: 32 });
}
