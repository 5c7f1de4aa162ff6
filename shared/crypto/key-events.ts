/**
 * The key event log (DESIGN.md §5): self-certifying, signed, hash-chained events in canonical encoding.
 *
 *   [0] inception            signed by its own signing key; its hash names the delegation (delegation id)
 *   [1..n] device-registration (later: rotation)  seq = index, prev = hash of the previous event,
 *                            signed by the current signing key
 *   [last] revocation (optional)  signed by the NEXT rotation key committed in the inception
 *
 * Encodings (docs/crypto.md §7): every event is a JSON object with `v: 1` and `type`; binary values are
 * base64; `canonical(event)` is its RFC 8785 form in UTF-8. A signed event is `{event, signature}` where
 * signature = Ed25519 over utf8("tallinn-desk/v1/key-event") ‖ 0x00 ‖ canonical(event), and the event's
 * hash (used for `prev` and `establishment`) is BLAKE2b-256(utf8("tallinn-desk/v1/key-event") ‖
 * canonical(event)). Hashes cover the event, not the envelope, so the chain does not depend on the exact
 * signature bytes.
 *
 * Pre-rotation: the inception publishes only nextKeyDigest = BLAKE2b-256("tallinn-desk/v1/next-key" ‖
 * next public key). The revocation reveals that public key and is signed by it, so it verifies only for
 * whoever holds the printed recovery sheet; the current signing key (the one a thief of the laptop holds)
 * can neither revoke nor, once rotation exists, rotate. A revocation carries no seq: it is minted at setup
 * (the recovery sheet's revocation certificate) and must stay valid however many devices register later,
 * so it names the establishment event (the inception, or later the latest rotation) whose commitment
 * authorises it, and it must be the last event of the log.
 *
 * Rotation is not implemented yet; the log is verified through an "establishment state" (current keys and
 * next-key commitment) so that a rotation event can later replace it.
 */
import { z } from 'zod';
import { DOMAINS, domainHash, domainSign, domainVerify } from './domains';
import { base64BytesSchema, bytesEqual, canonicalBytes, fromBase64, toBase32, toBase64 } from './encoding';
import { CryptoError } from './errors';
import { type DelegationKeys, type Device, DeviceSchema, nextKeyDigest, type SigningKeyPair } from './identity';

/** Verifying costs one Ed25519 check per event (~7 ms in tweetnacl); a hostile log stays bounded. */
export const MAX_KEY_EVENTS = 256;

import { DelegationIdSchema, ROLES, type Role } from './formats';
export { DelegationIdSchema, ROLES, type Role };

const KeySchema = base64BytesSchema(32);
const HashSchema = base64BytesSchema(32);
/** ISO 8601 UTC with a `Z` (no offsets), so one instant has one spelling in the signed bytes. */
const CreatedSchema = z.iso.datetime();
const NameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => name === name.normalize('NFC'), { error: 'name must be NFC-normalised' })
  .refine((name) => name === name.trim(), { error: 'name must not start or end with whitespace' });

export const InceptionEventSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('inception'),
  name: NameSchema,
  /** ISO 3166-1 alpha-2 (shape only; the domain layer may check the code list). */
  country: z.string().regex(/^[A-Z]{2}$/u, { error: 'country must be an ISO 3166-1 alpha-2 code' }),
  proposedRole: z.enum(ROLES),
  signingKey: KeySchema,
  encryptionKey: KeySchema,
  nextKeyDigest: HashSchema,
  device: DeviceSchema,
  created: CreatedSchema,
});
export type InceptionEvent = z.infer<typeof InceptionEventSchema>;

export const DeviceRegistrationEventSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('device-registration'),
  delegation: DelegationIdSchema,
  seq: z.number().int().min(1).max(MAX_KEY_EVENTS),
  prev: HashSchema,
  device: DeviceSchema,
  created: CreatedSchema,
});
export type DeviceRegistrationEvent = z.infer<typeof DeviceRegistrationEventSchema>;

export const RevocationEventSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('revocation'),
  delegation: DelegationIdSchema,
  /** Hash of the establishment event whose nextKeyDigest authorises this revocation. */
  establishment: HashSchema,
  /** The next rotation public key, revealed; its digest must equal the committed nextKeyDigest. */
  nextKey: KeySchema,
  created: CreatedSchema,
});
export type RevocationEvent = z.infer<typeof RevocationEventSchema>;

/** Reserved so that a log containing a rotation is refused as "not supported yet", not as "malformed". */
const RESERVED_TYPES = new Set(['rotation']);

export const KeyEventSchema = z.discriminatedUnion('type', [InceptionEventSchema, DeviceRegistrationEventSchema, RevocationEventSchema]);
export type KeyEvent = z.infer<typeof KeyEventSchema>;

export const SignedKeyEventSchema = z.strictObject({
  event: z.record(z.string(), z.unknown()),
  signature: base64BytesSchema(64),
});
export interface SignedKeyEvent<E extends KeyEvent = KeyEvent> {
  readonly event: E;
  readonly signature: string;
}

/** The hash that chains events: BLAKE2b-256(key-event domain ‖ canonical(event)). */
export function keyEventHash(event: unknown): Uint8Array {
  return domainHash(DOMAINS.keyEvent, canonicalBytes(event));
}

/** DESIGN.md §5: base32 (lowercase, unpadded) of the first 16 bytes of BLAKE2b-256(delegation-id ‖ canonical inception). */
export function delegationIdFromInception(inception: unknown): string {
  return toBase32(domainHash(DOMAINS.delegationId, canonicalBytes(inception)).subarray(0, 16));
}

export function signKeyEvent<E extends KeyEvent>(event: E, secretKey: Uint8Array): SignedKeyEvent<E> {
  return { event, signature: toBase64(domainSign(DOMAINS.keyEvent, canonicalBytes(event), secretKey)) };
}

function nowIso(): string {
  return new Date().toISOString();
}

export interface InceptionInput {
  readonly name: string;
  readonly country: string;
  readonly proposedRole: Role;
  readonly device: Device;
  readonly created?: string;
}

/** The first event of a new delegation, signed by its signing key, and the delegation id it defines. */
export function createInception(input: InceptionInput, keys: DelegationKeys): { signed: SignedKeyEvent<InceptionEvent>; delegationId: string } {
  const event = parseEvent(InceptionEventSchema, {
    v: 1,
    type: 'inception',
    name: input.name.normalize('NFC').trim(),
    country: input.country,
    proposedRole: input.proposedRole,
    signingKey: toBase64(keys.signing.publicKey),
    encryptionKey: toBase64(keys.encryption.publicKey),
    nextKeyDigest: toBase64(nextKeyDigest(keys.next.publicKey)),
    device: input.device,
    created: input.created ?? nowIso(),
  });
  return { signed: signKeyEvent(event, keys.signing.secretKey), delegationId: delegationIdFromInception(event) };
}

/** Registers another device (workstation, CLI identity, restored backup) at the head of a verified log. */
export function createDeviceRegistration(
  state: KeyState,
  signing: SigningKeyPair,
  device: Device,
  created: string = nowIso(),
): SignedKeyEvent<DeviceRegistrationEvent> {
  if (state.revoked !== null) throw new CryptoError('key-event-invalid', 'This delegation is revoked: no event can follow the revocation.');
  if (!bytesEqual(signing.publicKey, state.signingKey)) {
    throw new CryptoError('key-invalid', 'Device registrations must be signed by the delegation’s current signing key.');
  }
  const event = parseEvent(DeviceRegistrationEventSchema, {
    v: 1,
    type: 'device-registration',
    delegation: state.delegationId,
    seq: state.seq + 1,
    prev: state.head,
    device,
    created,
  });
  return signKeyEvent(event, signing.secretKey);
}

/**
 * The revocation certificate: signed by the next rotation key, valid at any later position of the log as
 * long as no rotation has superseded the establishment event it names.
 */
export function createRevocation(
  state: Pick<KeyState, 'delegationId' | 'establishmentHash' | 'nextKeyDigest'>,
  next: SigningKeyPair,
  created: string = nowIso(),
): SignedKeyEvent<RevocationEvent> {
  if (!bytesEqual(nextKeyDigest(next.publicKey), state.nextKeyDigest)) {
    throw new CryptoError('key-invalid', 'This is not the next rotation key committed in the key event log.');
  }
  const event = parseEvent(RevocationEventSchema, {
    v: 1,
    type: 'revocation',
    delegation: state.delegationId,
    establishment: state.establishmentHash,
    nextKey: toBase64(next.publicKey),
    created,
  });
  return signKeyEvent(event, next.secretKey);
}

function parseEvent<T>(schema: z.ZodType<T>, value: unknown, index?: number): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const where = index === undefined ? 'Key event' : `Key event ${index}`;
    throw new CryptoError('key-event-invalid', `${where} is malformed (${field || 'event'}: ${issue?.message ?? 'invalid'}).`, {
      ...(index === undefined ? {} : { index }),
      reason: 'schema',
      field,
    });
  }
  return parsed.data;
}

/** What a verified log establishes. */
export interface KeyState {
  readonly delegationId: string;
  readonly inception: InceptionEvent;
  /** Current Ed25519 public key (signs events, checkpoints, bundles). */
  readonly signingKey: Uint8Array;
  /** Current X25519 public key (bundle recipient). */
  readonly encryptionKey: Uint8Array;
  /** Commitment to the next rotation key. */
  readonly nextKeyDigest: Uint8Array;
  /** base64 hash of the latest establishment event (the inception until rotation exists). */
  readonly establishmentHash: string;
  /** Registered devices in order, with the seq of the event that registered them (0 = inception). */
  readonly devices: readonly { readonly device: Device; readonly seq: number }[];
  /** seq of the last chained event (0 = only the inception). */
  readonly seq: number;
  /** base64 hash of the last chained event: the `prev` of the next one. */
  readonly head: string;
  /** The revocation, when the log ends with one: the delegation must no longer be trusted. */
  readonly revoked: RevocationEvent | null;
}

function fail(index: number, reason: string, message: string): never {
  throw new CryptoError('key-event-invalid', `Key event ${index}: ${message}`, { index, reason });
}

function parseEnvelope(raw: unknown, index: number): { event: Record<string, unknown>; signature: Uint8Array } {
  const parsed = SignedKeyEventSchema.safeParse(raw);
  if (!parsed.success) fail(index, 'schema', 'is not a signed key event {event, signature}.');
  return { event: parsed.data.event, signature: fromBase64(parsed.data.signature, 'signature') };
}

/**
 * Verifies a whole key event log and returns the key state it establishes, or throws a `key-event-invalid`
 * CryptoError whose details name the event index and the reason. Checks: shape (zod, strict), inception
 * self-signature, delegation id derivation (against `expectedDelegationId` when given), every later event
 * naming that delegation, seq/prev hash chain, signatures by the current signing key, unique device ids,
 * and that a revocation is last, names the current establishment event, reveals the committed next key and
 * is signed by it. Canonical bytes are computed from the events as received (the schemas are strict, so
 * nothing is silently dropped).
 */
export function verifyKeyEventLog(log: readonly unknown[], options: { readonly expectedDelegationId?: string } = {}): KeyState {
  if (log.length === 0) throw new CryptoError('key-event-invalid', 'The key event log is empty.', { index: 0, reason: 'empty' });
  if (log.length > MAX_KEY_EVENTS) {
    throw new CryptoError('key-event-invalid', `The key event log has ${log.length} events; at most ${MAX_KEY_EVENTS} are accepted.`, {
      index: MAX_KEY_EVENTS,
      reason: 'too-many',
    });
  }

  const first = parseEnvelope(log[0], 0);
  if (first.event['type'] !== 'inception') fail(0, 'not-inception', 'the first event of a key event log must be the inception.');
  const inception = parseEvent(InceptionEventSchema, first.event, 0);
  const signingKey = fromBase64(inception.signingKey, 'signingKey');
  if (!domainVerify(DOMAINS.keyEvent, canonicalBytes(first.event), first.signature, signingKey)) {
    fail(0, 'signature', 'the inception is not signed by the signing key it introduces.');
  }
  const delegationId = delegationIdFromInception(first.event);
  if (options.expectedDelegationId !== undefined && options.expectedDelegationId !== delegationId) {
    fail(0, 'delegation-id', `this log defines delegation ${delegationId}, not ${options.expectedDelegationId}.`);
  }

  const establishmentHash = toBase64(keyEventHash(first.event));
  const state = {
    delegationId,
    inception,
    signingKey,
    encryptionKey: fromBase64(inception.encryptionKey, 'encryptionKey'),
    nextKeyDigest: fromBase64(inception.nextKeyDigest, 'nextKeyDigest'),
    establishmentHash,
    devices: [{ device: inception.device, seq: 0 }] as { device: Device; seq: number }[],
    seq: 0,
    head: establishmentHash,
    revoked: null as RevocationEvent | null,
  };

  for (let index = 1; index < log.length; index += 1) {
    if (state.revoked !== null) fail(index, 'after-revocation', 'no event may follow a revocation.');
    const { event: raw, signature } = parseEnvelope(log[index], index);
    const type = raw['type'];
    if (typeof type === 'string' && RESERVED_TYPES.has(type)) {
      throw new CryptoError('key-event-unsupported', `Key event ${index} is a ${type}, which this version cannot verify yet.`, { index, reason: type });
    }
    if (type === 'inception') fail(index, 'second-inception', 'a key event log has exactly one inception, at the start.');
    const event = parseEvent(KeyEventSchema, raw, index);
    if (event.type === 'inception') fail(index, 'second-inception', 'a key event log has exactly one inception, at the start.');
    if (event.delegation !== delegationId) fail(index, 'delegation', `it belongs to delegation ${event.delegation}, not ${delegationId}.`);
    const message = canonicalBytes(raw);

    if (event.type === 'revocation') {
      if (index !== log.length - 1) fail(index, 'after-revocation', 'no event may follow a revocation.');
      if (event.establishment !== state.establishmentHash) {
        fail(index, 'revocation-establishment', 'the revocation refers to an establishment event that is not the current one (a superseded recovery sheet?).');
      }
      const nextKey = fromBase64(event.nextKey, 'nextKey');
      if (!bytesEqual(nextKeyDigest(nextKey), state.nextKeyDigest)) {
        fail(index, 'revocation-key-not-committed', 'the revocation is not made with the next rotation key committed in the log.');
      }
      if (!domainVerify(DOMAINS.keyEvent, message, signature, nextKey)) {
        if (domainVerify(DOMAINS.keyEvent, message, signature, state.signingKey)) {
          fail(index, 'revocation-signed-by-current-key', 'the revocation is signed by the current signing key, not the next rotation key: refused.');
        }
        fail(index, 'revocation-signature', 'the revocation signature does not verify with the next rotation key.');
      }
      state.revoked = event;
      continue;
    }

    // device-registration
    if (event.seq !== state.seq + 1) fail(index, 'sequence', `expected seq ${state.seq + 1}, found ${event.seq}.`);
    if (event.prev !== state.head) fail(index, 'prev', 'its prev hash does not match the previous event: the chain is broken.');
    if (!domainVerify(DOMAINS.keyEvent, message, signature, state.signingKey)) {
      fail(index, 'signature', 'the signature does not verify with the current signing key.');
    }
    if (state.devices.some(({ device }) => device.id === event.device.id)) fail(index, 'duplicate-device', `device ${event.device.id} is already registered.`);
    state.devices.push({ device: event.device, seq: event.seq });
    state.seq = event.seq;
    state.head = toBase64(keyEventHash(raw));
  }
  return state;
}
