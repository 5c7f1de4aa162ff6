/**
 * How a delegation's keys appear in bundles and cards (docs/bundle-format.md §2):
 *
 * - key id (8 bytes, the minisign key id and the recipient id of the signed comment):
 *     first 8 bytes of H("tallinn-desk/v1/bundle", utf8("key-id") ‖ 0x00 ‖
 *                        canonical({"delegation", "encryptionKey", "signingKey"}))
 *   It names one key set (signing + encryption) of one delegation, so it changes with a rotation, and a
 *   card claiming another delegation's keys gets another id. Shown as minisign shows key ids
 *   (`formatKeyId`: 16 upper-case hex digits, little-endian).
 * - age recipient: `age1…` (bech32 of the X25519 public key); age identity: `AGE-SECRET-KEY-1…`.
 *
 * Sub-labels: everything this layer hashes or signs uses the one `tallinn-desk/v1/bundle` domain followed
 * by a label and a NUL (`key-id`, `payload`, `card`), so the labels are as separate as domains are.
 */
import { bech32 } from '@scure/base';
import {
  canonicalBytes,
  concatBytes,
  DOMAINS,
  domainHash,
  domainSign,
  domainVerify,
  formatKeyId,
  type KeyState,
  type Role,
  toBase64,
  utf8Encode,
} from '../crypto';

export const KEY_ID_BYTES = 8;

export type BundleLabel = 'key-id' | 'payload' | 'card';

/** utf8(label) ‖ 0x00 ‖ message: what the bundle domain hashes or signs. */
export function labelled(label: BundleLabel, message: Uint8Array): Uint8Array {
  return concatBytes(utf8Encode(label), new Uint8Array([0]), message);
}

export function bundleHash(label: BundleLabel, message: Uint8Array): Uint8Array {
  return domainHash(DOMAINS.bundle, labelled(label, message));
}

export function bundleSign(label: BundleLabel, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return domainSign(DOMAINS.bundle, labelled(label, message), secretKey);
}

export function bundleVerify(label: BundleLabel, message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return domainVerify(DOMAINS.bundle, labelled(label, message), signature, publicKey);
}

export interface DelegationKeySet {
  readonly delegationId: string;
  readonly signingKey: Uint8Array;
  readonly encryptionKey: Uint8Array;
}

export function delegationKeyId(keys: DelegationKeySet): Uint8Array {
  const body = canonicalBytes({ delegation: keys.delegationId, encryptionKey: toBase64(keys.encryptionKey), signingKey: toBase64(keys.signingKey) });
  return bundleHash('key-id', body).slice(0, KEY_ID_BYTES);
}

export function ageRecipientFromKey(publicKey: Uint8Array): string {
  return bech32.encodeFromBytes('age', publicKey);
}

/** The X25519 key of an `age1…` recipient, or null when the text is not one. */
export function ageRecipientToKey(recipient: string): Uint8Array | null {
  if (!recipient.startsWith('age1') || recipient.length > 100) return null;
  try {
    const decoded = bech32.decodeToBytes(recipient);
    return decoded.prefix === 'age' && decoded.bytes.length === 32 ? decoded.bytes : null;
  } catch {
    return null;
  }
}

/** `AGE-SECRET-KEY-1…` for an X25519 secret (what stock `age -d -i` reads). */
export function ageIdentityFromSecret(secret: Uint8Array): string {
  return bech32.encodeFromBytes('AGE-SECRET-KEY-', secret).toUpperCase();
}

/** A delegation as bundles name it: the current keys of a verified key event log. */
export interface Peer {
  readonly delegationId: string;
  /** Name, country and role as proposed in the inception (the app may show its own assigned ones). */
  readonly name: string;
  readonly country: string;
  readonly proposedRole: Role;
  readonly signingKey: Uint8Array;
  readonly encryptionKey: Uint8Array;
  readonly keyId: Uint8Array;
  /** `formatKeyId(keyId)`. */
  readonly keyIdText: string;
  readonly revoked: boolean;
}

export function peerFromKeyState(state: KeyState): Peer {
  const keyId = delegationKeyId({ delegationId: state.delegationId, signingKey: state.signingKey, encryptionKey: state.encryptionKey });
  return {
    delegationId: state.delegationId,
    name: state.inception.name,
    country: state.inception.country,
    proposedRole: state.inception.proposedRole,
    signingKey: state.signingKey,
    encryptionKey: state.encryptionKey,
    keyId,
    keyIdText: formatKeyId(keyId),
    revoked: state.revoked !== null,
  };
}
