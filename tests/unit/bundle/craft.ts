/**
 * Builds bundles the honest writer never would: every layer can be overridden (payload JSON or text,
 * compressed bytes, signed comment, age recipients, signer), while the rest stays valid, so each test
 * exercises exactly one step of the reading pipeline.
 */
import { Encrypter } from 'age-encryption';
import { signMinisign } from '@shared/crypto';
import {
  ageRecipientFromKey,
  BUNDLE_FORMAT,
  compressPayload,
  formatComment,
  payloadHash,
  type BundleComment,
  type BundleFiles,
  type BundlePayload,
} from '@shared/bundle';
import type { BundleRecipient, TestDelegation } from './helpers';

export interface CraftOptions {
  readonly sender: TestDelegation;
  readonly recipients: readonly BundleRecipient[];
  /** Changes the (valid, matching) payload object before it is serialised. */
  readonly payload?: (payload: BundlePayload & Record<string, unknown>) => unknown;
  /** Replaces the serialised payload JSON. */
  readonly payloadText?: string;
  /** Replaces the decrypted plaintext (salt ‖ deflate) entirely. */
  readonly plaintext?: Uint8Array;
  /** Changes the signed comment fields (the payload hash is computed unless given). */
  readonly comment?: Partial<BundleComment>;
  /** Replaces the signed comment text entirely. */
  readonly commentText?: string;
  /** age recipients (`age1…` strings); default: the recipients' keys. */
  readonly ageRecipients?: readonly string[];
  /** Who signs; default the sender's signing key under the sender's key id. */
  readonly signer?: { readonly keyId: Uint8Array; readonly secretKey: Uint8Array };
  readonly created?: string;
  readonly bundleId?: string;
}

export async function craft(options: CraftOptions): Promise<BundleFiles & { commentText: string }> {
  const { sender, recipients } = options;
  const created = options.created ?? '2026-02-01T12:00:00.000Z';
  const bundleId = options.bundleId ?? 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
  const senderPeer = sender.peer();
  const payload: BundlePayload = {
    header: {
      format: BUNDLE_FORMAT,
      bundle: bundleId,
      sender: sender.id,
      senderKeyId: senderPeer.keyIdText,
      recipients: recipients.map((r) => ({ delegation: r.id, keyId: r.peer().keyIdText })),
      created,
      versionVector: {},
    },
    keyEventLogs: [sender.log],
    checkpoints: [],
    changeSets: [],
    contentMissing: [],
  };
  const object = options.payload === undefined ? payload : (options.payload(payload) ?? payload);
  const text = options.payloadText ?? JSON.stringify(object);
  const plaintext = options.plaintext ?? compressPayload(text, sender.random);
  const comment: BundleComment = {
    format: BUNDLE_FORMAT,
    bundleId,
    sender: sender.id,
    senderKeyId: senderPeer.keyIdText,
    recipients: recipients.map((r) => r.peer().keyIdText),
    created,
    payloadHash: await payloadHash(plaintext),
    ...options.comment,
  };
  const commentText = options.commentText ?? formatComment(comment);
  const encrypter = new Encrypter();
  for (const recipient of options.ageRecipients ?? recipients.map((r) => ageRecipientFromKey(r.peer().encryptionKey))) encrypter.addRecipient(recipient);
  const age = await encrypter.encrypt(plaintext);
  const signer = options.signer ?? { keyId: senderPeer.keyId, secretKey: sender.keys.signing.secretKey };
  const minisig = await signMinisign(age, { keyId: signer.keyId, secretKey: signer.secretKey, trustedComment: commentText });
  return { age, minisig, commentText };
}
