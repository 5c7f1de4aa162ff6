/**
 * The reading pipeline (DESIGN.md §5; docs/bundle-format.md §7). It stops at the first failure, bounds
 * every step before running it, and works on ONE in-memory copy of each file (a USB device may serve
 * different bytes on a second read; callers read each file once and pass the bytes in):
 *
 *   1  size caps (bundle, signature)
 *   2  minisig parse (shape, lengths, prehashed algorithm)
 *   3  signer: the key id must be the CURRENT key id of a delegation we trust, verified and unrevoked
 *   4  signature and trusted-comment signature (BLAKE2b-512 prehash of the bundle bytes)
 *   5  signed comment: grammar, format version (newer → clear refusal), sender = signer
 *   6  the signed recipient list must name us
 *   7  age header caps, X25519 stanzas only, stanza count = signed recipient count
 *   8  age decrypt
 *   9  payload hash = the signed one
 *  10  inflate with the decompressed-size cap
 *  11  JSON caps (size, depth, keys, values), no prototype keys, no duplicate keys
 *  12  zod schema of the payload
 *  13  inner header = signed comment (format, bundle id, sender, key ids, recipients, time)
 *  14  key event logs (key-logs.ts): new devices of trusted delegations accepted for this bundle
 *  15  chain links, checkpoints, uncovered signatures, ownership, TLP rules, clock drift: the sync
 *      engine's `ingest` with `from` = the sender (supplied by the caller as `sync`)
 *
 * Steps 1–7 need no secret: `verifyBundle` runs them for the `verify` command and the checkpoint officer.
 * Every failure is a BundleError; nothing else escapes (`asBundleError`).
 */
import { formatKeyId, minisignPrehash, parseMinisignSignature, toBase64, verifyMinisignPrehash, type KeyState } from '../crypto';
import type { SignedCheckpoint } from '../sync/checkpoint';
import type { KnownDelegation } from '../sync/model';
import { ageDecrypt, scanAgeHeader } from './age';
import { parseComment, type BundleComment } from './comment';
import { asBundleError, BundleError } from './errors';
import { assessKeyLog, type KeyLogOutcome, type TrustedDelegation } from './key-logs';
import { peerFromKeyState, type Peer } from './keys';
import { BUNDLE_LIMITS, type BundleLimits } from './limits';
import { inflateCappedAsync, parsePayloadText, payloadHash, type BundlePayload } from './payload';
import { decodeUtf8Strict } from './text';

export type { TrustedDelegation } from './key-logs';

export interface BundleFiles {
  /** The `.tdesk.age` bytes, read once. */
  readonly age: Uint8Array;
  /** The `.minisig` bytes (or text), read once. */
  readonly minisig: Uint8Array | string;
}

/** Who we are, for steps 6 and 8. */
export interface ReaderIdentity {
  readonly state: KeyState;
  /** Our X25519 secret (the age identity). */
  readonly encryptionSecret: Uint8Array;
}

export interface VerifyOptions {
  /** Delegations we know, with their verification state. */
  readonly trust: readonly TrustedDelegation[];
  /** When given, step 6 (the recipient list names us) runs too. */
  readonly me?: ReaderIdentity;
  readonly limits?: Partial<BundleLimits>;
}

export interface VerifiedSignature {
  readonly comment: BundleComment;
  readonly sender: Peer;
  /** The user-assigned name of the sender, else its proposed name. */
  readonly senderName: string;
  /** Recipients as key ids, with the delegation when we know it. */
  readonly recipients: readonly { readonly keyId: string; readonly peer: Peer | null; readonly name: string | null }[];
  readonly stanzas: number;
}

/** What the sync step receives: exactly what `ingest` needs (docs/bundle-format.md §7.4). */
export interface SyncStepInput {
  readonly changeSets: BundlePayload['changeSets'];
  readonly checkpoints: readonly SignedCheckpoint[];
  /** The sending delegation (relays above GREEN from others are rejected, DESIGN.md §3). */
  readonly from: string;
  /** Trusted delegations with the devices accepted for this bundle (key-logs.ts). */
  readonly delegations: readonly KnownDelegation[];
  /** The bundle's sender version vector and content-missing requests (acknowledgements). */
  readonly versionVector: Readonly<Record<string, number>>;
  readonly contentMissing: readonly string[];
  readonly created: string;
}

export type SyncStep<R> = (input: SyncStepInput) => R | Promise<R>;

export interface OpenOptions<R> extends VerifyOptions {
  readonly me: ReaderIdentity;
  /** Step 15. Without it, the pipeline ends after step 14 (the app then ingests in its vault). */
  readonly sync?: SyncStep<R>;
}

export interface OpenedBundle<R> extends VerifiedSignature {
  readonly payload: BundlePayload;
  readonly keyLogs: readonly KeyLogOutcome[];
  /** Trusted delegations as the sync engine sees them for this bundle. */
  readonly delegations: readonly KnownDelegation[];
  /** The sync step's result (undefined without `sync`). */
  readonly sync: R | undefined;
}

function limitsOf(partial: Partial<BundleLimits> | undefined): BundleLimits {
  return { ...BUNDLE_LIMITS, ...partial };
}

function checkSizes(files: BundleFiles, limits: BundleLimits): void {
  if (files.age.length === 0) throw new BundleError('file-empty', 'The bundle file is empty.');
  if (files.age.length > limits.fileBytes) {
    throw new BundleError('file-too-large', `The bundle has ${files.age.length} bytes; at most ${limits.fileBytes} are accepted.`, { limit: limits.fileBytes });
  }
  if (files.minisig.length === 0) throw new BundleError('file-empty', 'The signature (.minisig) file is empty.');
  if (files.minisig.length > limits.signatureFileBytes) {
    throw new BundleError('file-too-large', `The signature file has ${files.minisig.length} bytes; a minisign signature has at most ${limits.signatureFileBytes}.`);
  }
}

interface TrustIndex {
  readonly byKeyId: ReadonlyMap<string, { readonly entry: TrustedDelegation; readonly peer: Peer }>;
  readonly byDelegation: ReadonlyMap<string, TrustedDelegation>;
}

function indexTrust(trust: readonly TrustedDelegation[]): TrustIndex {
  const byKeyId = new Map<string, { entry: TrustedDelegation; peer: Peer }>();
  const byDelegation = new Map<string, TrustedDelegation>();
  for (const entry of trust) {
    const peer = peerFromKeyState(entry.state);
    byKeyId.set(peer.keyIdText, { entry, peer });
    byDelegation.set(entry.state.delegationId, entry);
  }
  return { byKeyId, byDelegation };
}

async function verifySteps(files: BundleFiles, options: VerifyOptions, limits: BundleLimits, trust: TrustIndex): Promise<VerifiedSignature> {
  // 1
  checkSizes(files, limits);
  // 2
  const parsed = parseMinisignSignature(files.minisig);
  if (!parsed.ok) {
    throw new BundleError(parsed.reason === 'legacy-algorithm' ? 'signature-legacy' : 'signature-malformed', `The signature file is not a valid minisign signature: ${parsed.message}`, {
      reason: parsed.reason,
    });
  }
  const signature = parsed.value;
  // 3
  const keyIdText = formatKeyId(signature.keyId);
  const signer = trust.byKeyId.get(keyIdText);
  if (signer === undefined) {
    throw new BundleError('signer-unknown', `The bundle is signed by key ${keyIdText}, which is not the current key of any delegation you know.`, { keyId: keyIdText });
  }
  const signerName = signer.entry.name ?? signer.peer.name;
  if (signer.peer.revoked) {
    throw new BundleError('signer-revoked', `The bundle claims to be signed by ${signerName} (${signer.peer.delegationId}), whose keys are revoked: it is not proven to come from it.`, { delegation: signer.peer.delegationId });
  }
  if (!signer.entry.verified) {
    throw new BundleError('signer-unverified', `The bundle claims to be signed by ${signerName} (${signer.peer.delegationId}), whose fingerprint you have not verified yet: it is not proven to come from it.`, {
      delegation: signer.peer.delegationId,
    });
  }
  // 4
  const prehash = await minisignPrehash(files.age);
  const check = verifyMinisignPrehash(signature, prehash, { keyId: signer.peer.keyId, publicKey: signer.peer.signingKey });
  if (!check.ok) {
    throw new BundleError('signature-invalid', `The signature claims to be by ${signerName} (key ${keyIdText}) but does not verify, so the bundle is not proven to come from it (anyone can write a key id): ${check.message}`, { reason: check.reason });
  }
  // 5
  const comment = parseComment(signature.trustedComment);
  if (comment.sender !== signer.peer.delegationId || comment.senderKeyId !== keyIdText) {
    throw new BundleError('comment-malformed', `The signed comment names sender ${comment.sender} (key ${comment.senderKeyId}), but the signature is by ${signer.peer.delegationId} (key ${keyIdText}).`);
  }
  // 6
  if (options.me !== undefined) {
    const mine = peerFromKeyState(options.me.state);
    if (!comment.recipients.includes(mine.keyIdText)) {
      throw new BundleError('not-for-us', `The bundle is addressed to ${comment.recipients.length} recipient(s), and you (key ${mine.keyIdText}) are not one of them.`, {
        recipients: comment.recipients.length,
      });
    }
  }
  // 7
  const scan = scanAgeHeader(files.age, limits);
  if (scan.stanzas !== comment.recipients.length) {
    throw new BundleError(
      'age-stanza-count',
      `The bundle has ${scan.stanzas} age stanza(s) but its signature names ${comment.recipients.length} recipient(s): it was encrypted to someone not in the signed list.`,
      { stanzas: scan.stanzas, recipients: comment.recipients.length },
    );
  }
  const recipients = comment.recipients.map((keyId) => {
    const known = trust.byKeyId.get(keyId);
    return { keyId, peer: known?.peer ?? null, name: known === undefined ? null : (known.entry.name ?? known.peer.name) };
  });
  return { comment, sender: signer.peer, senderName: signerName, recipients, stanzas: scan.stanzas };
}

/** Steps 1–7 (no secret needed; step 6 only with `me`). */
export async function verifyBundle(files: BundleFiles, options: VerifyOptions): Promise<VerifiedSignature> {
  try {
    return await verifySteps(files, options, limitsOf(options.limits), indexTrust(options.trust));
  } catch (error) {
    throw asBundleError(error);
  }
}

function checkInnerHeader(payload: BundlePayload, comment: BundleComment): void {
  const header = payload.header;
  const mismatch = (what: string): never => {
    throw new BundleError('header-mismatch', `The encrypted header disagrees with the signed comment (${what}): the bundle was re-addressed or altered.`, { field: what });
  };
  if (header.format !== comment.format) mismatch('format version');
  if (header.bundle !== comment.bundleId) mismatch('bundle id');
  if (header.sender !== comment.sender) mismatch('sender');
  if (header.senderKeyId !== comment.senderKeyId) mismatch('sender key id');
  if (header.created !== comment.created) mismatch('creation time');
  if (header.recipients.length !== comment.recipients.length || header.recipients.some((r, i) => r.keyId !== comment.recipients[i])) mismatch('recipients');
  if (new Set(header.recipients.map((r) => r.delegation)).size !== header.recipients.length) mismatch('a recipient delegation is named twice');
}

function knownDelegations(trust: readonly TrustedDelegation[], outcomes: readonly KeyLogOutcome[]): KnownDelegation[] {
  const extra = new Map<string, string[]>();
  for (const outcome of outcomes) {
    if (outcome.delegationId !== null && (outcome.status === 'extends' || outcome.status === 'revocation')) {
      extra.set(outcome.delegationId, [...(extra.get(outcome.delegationId) ?? []), ...outcome.newDevices]);
    }
  }
  return trust.map((entry) => {
    const peer = peerFromKeyState(entry.state);
    const devices = [...entry.state.devices.map(({ device }) => device.id), ...(extra.get(entry.state.delegationId) ?? [])];
    return {
      id: entry.state.delegationId,
      signingKey: toBase64(peer.signingKey),
      devices: [...new Set(devices)],
      verified: entry.verified,
      revoked: entry.state.revoked !== null,
    };
  });
}

/**
 * Steps 8–11 up to the JSON text. Its own function so the plaintext is unreachable once the text exists
 * (memory: one large copy at a time beside the file).
 */
async function decryptToText(age: Uint8Array, secret: Uint8Array, comment: BundleComment, limits: BundleLimits): Promise<string> {
  // 8
  let plaintext: Uint8Array | null = await ageDecrypt(age, secret);
  // 9
  if ((await payloadHash(plaintext)) !== comment.payloadHash) {
    throw new BundleError('payload-hash-mismatch', 'The decrypted payload is not the one the signature names: the bundle was altered after signing.');
  }
  // 10
  const inflated = await inflateCappedAsync(plaintext, limits);
  plaintext = null; // unreachable from here: at most the file, the inflated bytes and the text at once
  // 11 (UTF-8; the JSON rules follow in parsePayloadText)
  return decodeUtf8Strict(inflated, 'payload-corrupt', 'The payload');
}

/** The whole pipeline, steps 1–15. */
export async function openBundle<R = undefined>(files: BundleFiles, options: OpenOptions<R>): Promise<OpenedBundle<R>> {
  try {
    const limits = limitsOf(options.limits);
    const trust = indexTrust(options.trust);
    const verified = await verifySteps(files, options, limits, trust);
    const { comment } = verified;
    // 8–12
    const payload = parsePayloadText(await decryptToText(files.age, options.me.encryptionSecret, comment, limits), limits);
    // 13
    checkInnerHeader(payload, comment);
    const me = peerFromKeyState(options.me.state);
    const myEntry = payload.header.recipients.find((r) => r.keyId === me.keyIdText);
    if (myEntry?.delegation !== me.delegationId) {
      throw new BundleError('header-mismatch', 'The encrypted header does not name your delegation beside your key id.');
    }
    // 14
    const outcomes = payload.keyEventLogs.map((log) => assessKeyLog(log, trust.byDelegation));
    const own = outcomes.find((o) => o.delegationId === comment.sender);
    if (own !== undefined && (own.status === 'invalid' || own.status === 'conflict')) {
      throw new BundleError('key-log-invalid', `The sender's key event log in the bundle is not acceptable: ${own.message}`, { status: own.status });
    }
    const delegations = knownDelegations(options.trust, outcomes);
    // 15
    const sync =
      options.sync === undefined
        ? undefined
        : await options.sync({
            changeSets: payload.changeSets,
            checkpoints: payload.checkpoints,
            from: comment.sender,
            delegations,
            versionVector: payload.header.versionVector,
            contentMissing: payload.contentMissing,
            created: comment.created,
          });
    return { ...verified, payload, keyLogs: outcomes, delegations, sync };
  } catch (error) {
    throw asBundleError(error);
  }
}
