/**
 * The bundle writer (DESIGN.md §5; docs/bundle-format.md §3): payload JSON → salt ‖ deflate → age (one
 * X25519 stanza per recipient) → minisign prehashed signature whose trusted comment names the format,
 * bundle id, sender, recipient key ids, creation time and payload hash.
 *
 * The writer checks what it writes against the reader's own rules (payload schema, JSON caps and key
 * rules, comment grammar, limits), so it can never produce a bundle the reader refuses. Which change-sets
 * go in full or redacted is the caller's decision (`payloadFor` in audience.ts).
 */
import { bytesEqual, formatKeyId, randomBytes, signMinisign, systemRandom, toBase32, utf8Encode, type KeyState, type RandomSource, type SigningKeyPair } from '../crypto';
import { ageEncrypt } from './age';
import { BUNDLE_FORMAT, formatComment, type BundleComment } from './comment';
import { BundleError } from './errors';
import { logDelegationId } from './key-logs';
import { delegationKeyId, type Peer } from './keys';
import { BUNDLE_LIMITS } from './limits';
import { bundleFileName, SIGNATURE_EXTENSION } from './names';
import { compressPayload, describeZodError, encodePayload, payloadHash, PayloadSchema, safeJsonLimits, type PayloadParts } from './payload';
import { checkJsonValue } from './safe-json';

export interface BundleSender {
  /** The sender's verified key state (its current keys and devices). */
  readonly state: KeyState;
  /** The sender's key event log, carried in every bundle so new devices are known to the recipient. */
  readonly keyEventLog: readonly unknown[];
  /** The current signing key pair. */
  readonly signing: SigningKeyPair;
}

export interface SealInput {
  readonly sender: BundleSender;
  readonly recipients: readonly Peer[];
  readonly parts: PayloadParts;
  /** ISO 8601 UTC with milliseconds; defaults to now. */
  readonly created?: string;
  /** Shown in the file name (the app's export counter; the CLI's key-log seq). */
  readonly sequence: number;
  readonly random?: RandomSource;
  readonly compressionLevel?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

export interface SealedBundle {
  /** `….tdesk.age` */
  readonly name: string;
  /** `….tdesk.age.minisig` */
  readonly signatureName: string;
  readonly age: Uint8Array;
  readonly minisig: string;
  readonly bundleId: string;
  readonly comment: BundleComment;
  readonly commentText: string;
}

const BUNDLE_ID_BYTES = 16;

function refuse(message: string): never {
  throw new BundleError('seal-invalid', message);
}

function canonicalIso(value: string | undefined): string {
  const text = value ?? new Date().toISOString();
  const time = Date.parse(text);
  if (Number.isNaN(time) || new Date(time).toISOString() !== text) refuse('The creation time must be ISO 8601 UTC with milliseconds (as Date.toISOString writes it).');
  return text;
}

export async function sealBundle(input: SealInput): Promise<SealedBundle> {
  const random = input.random ?? systemRandom;
  const { sender, recipients } = input;
  if (sender.state.revoked !== null) refuse('The sending delegation is revoked: it can no longer sign bundles.');
  if (!bytesEqual(sender.signing.publicKey, sender.state.signingKey)) refuse("The signing key is not the sender's current signing key.");
  if (recipients.length === 0) refuse('A bundle needs at least one recipient.');
  if (recipients.length > BUNDLE_LIMITS.recipients) refuse(`A bundle has at most ${BUNDLE_LIMITS.recipients} recipients, not ${recipients.length}.`);
  const seen = new Set<string>();
  for (const recipient of recipients) {
    if (recipient.revoked) refuse(`The recipient ${recipient.name} (${recipient.delegationId}) is revoked: nothing may be encrypted to it.`);
    if (seen.has(recipient.delegationId)) refuse(`The recipient ${recipient.delegationId} is named twice.`);
    seen.add(recipient.delegationId);
  }
  const senderKeyId = formatKeyId(delegationKeyId({ delegationId: sender.state.delegationId, signingKey: sender.state.signingKey, encryptionKey: sender.state.encryptionKey }));
  const created = canonicalIso(input.created);
  const bundleId = toBase32(randomBytes(BUNDLE_ID_BYTES, random));

  const ownLogId = sender.state.delegationId;
  const otherLogs = (input.parts.keyEventLogs ?? []).filter((log) => logDelegationId(log) !== ownLogId);
  const draft = {
    header: {
      format: BUNDLE_FORMAT,
      bundle: bundleId,
      sender: sender.state.delegationId,
      senderKeyId,
      recipients: recipients.map((r) => ({ delegation: r.delegationId, keyId: r.keyIdText })),
      created,
      versionVector: { ...(input.parts.versionVector ?? {}) },
    },
    keyEventLogs: [[...sender.keyEventLog], ...otherLogs.map((log) => [...log])],
    checkpoints: [...(input.parts.checkpoints ?? [])],
    changeSets: [...(input.parts.changeSets ?? [])],
    contentMissing: [...(input.parts.contentMissing ?? [])],
  };
  const checked = PayloadSchema.safeParse(draft);
  if (!checked.success) refuse(`The payload would not pass the reader's checks: ${describeZodError(checked.error)}.`);
  const shape = checkJsonValue(draft, safeJsonLimits(BUNDLE_LIMITS));
  if (shape !== null) refuse(`The payload would not pass the reader's JSON checks: ${shape.message}`);
  const json = utf8Encode(encodePayload(draft));
  if (json.length > BUNDLE_LIMITS.decompressedBytes) refuse(`The payload would have ${json.length} bytes; readers inflate at most ${BUNDLE_LIMITS.decompressedBytes}. Export in smaller parts.`);

  const plaintext = compressPayload(json, random, input.compressionLevel ?? 6);
  const comment: BundleComment = {
    format: BUNDLE_FORMAT,
    bundleId,
    sender: sender.state.delegationId,
    senderKeyId,
    recipients: recipients.map((r) => r.keyIdText),
    created,
    payloadHash: await payloadHash(plaintext),
  };
  const commentText = formatComment(comment);
  const age = await ageEncrypt(plaintext, recipients.map((r) => r.encryptionKey));
  if (age.length > BUNDLE_LIMITS.fileBytes) refuse(`The bundle would have ${age.length} bytes; readers accept at most ${BUNDLE_LIMITS.fileBytes}. Export in smaller parts.`);
  const keyId = delegationKeyId({ delegationId: sender.state.delegationId, signingKey: sender.state.signingKey, encryptionKey: sender.state.encryptionKey });
  const minisig = await signMinisign(age, {
    keyId,
    secretKey: sender.signing.secretKey,
    trustedComment: commentText,
    untrustedComment: `Tallinn Desk bundle ${bundleId}: verify with the sender's minisign public key`,
  });
  const name = bundleFileName({
    sender: { country: sender.state.inception.country, name: sender.state.inception.name },
    recipients: recipients.map((r) => ({ country: r.country, name: r.name })),
    created,
    sequence: input.sequence,
    bundleId,
  });
  return { name, signatureName: `${name}${SIGNATURE_EXTENSION}`, age, minisig, bundleId, comment, commentText };
}
