/**
 * Contact cards (`NAME.tdesk-card`, DESIGN.md §5; docs/bundle-format.md §6): how a delegation hands its
 * keys to another, on paper-verified terms. A card is one JSON object:
 *
 *   { format: "tallinn-desk-card/1", name, country, proposedRole, keyEventLog: [signed key events…],
 *     minisignPublicKey: "RW…" (the key line of a minisign public key file),
 *     ageRecipient: "age1…", selfSignature: base64 }
 *
 *   selfSignature = Ed25519( "tallinn-desk/v1/bundle" ‖ 0x00 ‖ "card" ‖ 0x00 ‖ canonical(card without selfSignature) )
 *
 * made with the delegation's current signing key. Verification (`verifyCard`), in order: size cap, JSON
 * caps and key rules, format version (newer → `format-newer`), schema, the key event log
 * (`verifyKeyEventLog`), name/country/role equal to the inception's, the minisign key and the age
 * recipient equal to the log's current keys (with the key id of keys.ts), the self-signature. The
 * fingerprint is shared/crypto's over (delegation id, signing key, encryption key): the same digits the
 * app shows, read aloud to verify.
 *
 * A card carrying a revocation verifies (it is how a revocation travels) and says so (`peer.revoked`);
 * callers refuse to trust or encrypt to it.
 */
import { z } from 'zod';
import {
  bytesEqual,
  canonicalBytes,
  type DelegationKeys,
  fingerprintDigits,
  formatFingerprint,
  formatMinisignPublicKeyFile,
  fromBase64,
  isCryptoError,
  type KeyState,
  decodeMinisignPublicKey,
  encodeMinisignPublicKey,
  ROLES,
  toBase64,
  verifyKeyEventLog,
} from '../crypto';
import { BundleError } from './errors';
import { ageRecipientFromKey, ageRecipientToKey, bundleSign, bundleVerify, peerFromKeyState, type Peer } from './keys';
import { BUNDLE_LIMITS } from './limits';
import { slug } from './names';
import { describeZodError } from './payload';
import { parseSafeJson } from './safe-json';
import { decodeUtf8Strict } from './text';

export const CARD_FORMAT_VERSION = 1;
export const CARD_FORMAT = `tallinn-desk-card/${CARD_FORMAT_VERSION}`;
export const CARD_EXTENSION = '.tdesk-card';

export const CardSchema = z.strictObject({
  format: z.literal(CARD_FORMAT),
  name: z.string().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/u),
  proposedRole: z.enum(ROLES),
  keyEventLog: z.array(z.unknown()).min(1).max(256),
  minisignPublicKey: z.string().min(1).max(100),
  ageRecipient: z.string().min(1).max(100),
  selfSignature: z.string().min(1).max(100),
});
export type Card = z.infer<typeof CardSchema>;

export interface VerifiedCard {
  readonly card: Card;
  readonly state: KeyState;
  readonly peer: Peer;
  /** 40 digits. */
  readonly fingerprint: string;
  /** 8 groups of 5 digits, as read aloud. */
  readonly fingerprintText: string;
}

function unsignedCard(card: Omit<Card, 'selfSignature'> & { selfSignature?: string }): Omit<Card, 'selfSignature'> {
  return {
    format: card.format,
    name: card.name,
    country: card.country,
    proposedRole: card.proposedRole,
    keyEventLog: card.keyEventLog,
    minisignPublicKey: card.minisignPublicKey,
    ageRecipient: card.ageRecipient,
  };
}

/** Builds and self-signs the card of a delegation from its verified log and keys. */
export function createCard(keyEventLog: readonly unknown[], keys: Pick<DelegationKeys, 'signing'>): Card {
  const state = verifyKeyEventLog(keyEventLog);
  if (!bytesEqual(keys.signing.publicKey, state.signingKey)) throw new BundleError('card-invalid', 'The signing key is not the current key of this key event log.');
  const peer = peerFromKeyState(state);
  const body = {
    format: CARD_FORMAT,
    name: state.inception.name,
    country: state.inception.country,
    proposedRole: state.inception.proposedRole,
    keyEventLog: [...keyEventLog],
    minisignPublicKey: encodeMinisignPublicKey({ keyId: peer.keyId, publicKey: peer.signingKey }),
    ageRecipient: ageRecipientFromKey(peer.encryptionKey),
  } satisfies Omit<Card, 'selfSignature'>;
  return { ...body, selfSignature: toBase64(bundleSign('card', canonicalBytes(body), keys.signing.secretKey)) };
}

function invalid(message: string, details: Record<string, string | number> = {}): never {
  throw new BundleError('card-invalid', `The contact card is not valid: ${message}`, details);
}

/** Verifies a parsed card object (see the module comment for the order). */
export function verifyCard(raw: unknown): VerifiedCard {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) invalid('it is not a JSON object.');
  const format = (raw as Record<string, unknown>)['format'];
  if (typeof format === 'string') {
    const match = /^tallinn-desk-card\/([0-9]{1,6})$/u.exec(format);
    if (match !== null && Number(match[1]) > CARD_FORMAT_VERSION) {
      throw new BundleError(
        'format-newer',
        `This contact card uses format version ${match[1] as string}; this version of Tallinn Desk reads version ${CARD_FORMAT_VERSION} only. Update Tallinn Desk to import it.`,
        { format: Number(match[1]) },
      );
    }
  }
  const parsed = CardSchema.safeParse(raw);
  if (!parsed.success) invalid(describeZodError(parsed.error));
  const card = parsed.data;
  let state: KeyState;
  try {
    state = verifyKeyEventLog(card.keyEventLog);
  } catch (error) {
    if (isCryptoError(error)) invalid(`its key event log does not verify (${error.message})`, { reason: 'key-event-log' });
    throw error;
  }
  const inception = state.inception;
  if (card.name !== inception.name || card.country !== inception.country || card.proposedRole !== inception.proposedRole) {
    invalid('its name, country or role differ from the ones its key event log was created with.');
  }
  const peer = peerFromKeyState(state);
  const minisign = decodeMinisignPublicKey(card.minisignPublicKey);
  if (!minisign.ok) invalid(`its minisign public key is malformed (${minisign.message})`);
  if (!bytesEqual(minisign.value.publicKey, state.signingKey)) invalid('its minisign public key is not the signing key of its key event log.');
  if (!bytesEqual(minisign.value.keyId, peer.keyId)) invalid('its minisign key id is not the key id of its keys.');
  const ageKey = ageRecipientToKey(card.ageRecipient);
  if (ageKey === null) invalid('its age recipient is not an age1… X25519 recipient.');
  if (!bytesEqual(ageKey, state.encryptionKey)) invalid('its age recipient is not the encryption key of its key event log.');
  let signature: Uint8Array;
  try {
    signature = fromBase64(card.selfSignature, 'selfSignature');
  } catch {
    invalid('its self-signature is not base64.');
  }
  if (!bundleVerify('card', canonicalBytes(unsignedCard(card)), signature, state.signingKey)) invalid('its self-signature does not verify: the card was altered.');
  const fingerprint = fingerprintDigits({ delegationId: state.delegationId, signingKey: state.signingKey, encryptionKey: state.encryptionKey });
  return { card, state, peer, fingerprint, fingerprintText: formatFingerprint(fingerprint) };
}

/** A card file's bytes → verified card (size cap, JSON caps, then `verifyCard`). */
export function readCardFile(bytes: Uint8Array): VerifiedCard {
  if (bytes.length === 0) throw new BundleError('file-empty', 'The contact card file is empty.');
  if (bytes.length > BUNDLE_LIMITS.cardFileBytes) {
    throw new BundleError('file-too-large', `The contact card file has ${bytes.length} bytes; a card has at most ${BUNDLE_LIMITS.cardFileBytes}.`);
  }
  const text = decodeUtf8Strict(bytes, 'card-invalid', 'The contact card');
  const parsed = parseSafeJson(text, { maxBytes: BUNDLE_LIMITS.cardFileBytes, maxDepth: 16, maxObjectKeys: 64, maxValues: 100_000 });
  if (!parsed.ok) invalid(parsed.message, { reason: parsed.reason });
  return verifyCard(parsed.value);
}

/** The card as a file: pretty JSON with a final newline. */
export function formatCardFile(card: Card): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}

/** The card's signing key as a minisign public key file (for `minisign -V -p`). */
export function cardMinisignPublicKeyFile(verified: VerifiedCard): string {
  return formatMinisignPublicKeyFile({ keyId: verified.peer.keyId, publicKey: verified.peer.signingKey }, `minisign public key ${verified.peer.keyIdText} of ${asciiLabel(verified.peer)}`);
}

/** minisign's comment line is best kept ASCII: the name transliterated (names.ts). */
function asciiLabel(peer: Peer): string {
  return `${peer.country} ${slug(peer.name, 80) || peer.delegationId}`;
}

/**
 * A name folded for confusable comparison: NFKC, lower case, Cyrillic and Greek look-alikes mapped to
 * Latin, everything but letters and digits dropped. "Міnistry оf Defence" (Cyrillic і, о) and "Ministry of
 * Defence" fold to the same skeleton.
 */
export function nameSkeleton(name: string): string {
  const map: Record<string, string> = {
    а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g',
    α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', '0': 'o', '1': 'l', l: 'l', '|': 'l',
  };
  return Array.from(name.normalize('NFKC').toLowerCase())
    .map((c) => map[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * DESIGN.md §5: a card whose key id or confusable name collides with a known delegation (other than the
 * same delegation) is refused.
 */
export function checkCardCollisions(card: VerifiedCard, known: readonly Peer[]): void {
  const skeleton = nameSkeleton(card.peer.name);
  for (const other of known) {
    if (other.delegationId === card.peer.delegationId) continue;
    if (bytesEqual(other.keyId, card.peer.keyId)) {
      throw new BundleError('card-collision', `The card's key id ${card.peer.keyIdText} is already used by another delegation (${other.delegationId}).`, { with: other.delegationId });
    }
    if (skeleton.length > 0 && nameSkeleton(other.name) === skeleton) {
      throw new BundleError('card-collision', `The card's name can be confused with a delegation you already know (${other.delegationId}); ask its sender to verify by phone.`, {
        with: other.delegationId,
      });
    }
  }
}
