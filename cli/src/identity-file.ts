/**
 * The CLI identity file `identity.tdesk-id` (docs/bundle-format.md §9): a delegation's public key event
 * log and its secrets (signing seed, X25519 secret, next-key seed), sealed with the vault's own
 * constructions (docs/crypto.md §5 and §7):
 *
 *   file key = 32 random bytes
 *   wrap     = passphrase wrap of the file key (Argon2id parameters stored and authenticated)
 *   secrets  = sealRow( K(file key, "tallinn-desk/v1/row-seal"),
 *                       {table: "cli-identity", id: delegation id, version: 1},
 *                       0x01 ‖ signing seed ‖ X25519 secret ‖ next seed )
 *
 *   { "format": "tallinn-desk-identity/1", "delegation": id, "keyEventLog": [...],
 *     "wrap": {kind: "passphrase", …}, "secrets": {"nonceB64", "boxB64"} }
 *
 * Unlocking verifies the log (its delegation id must be the file's), unwraps, opens the secrets and
 * checks that their public keys are the log's current keys. Each `seal` appends a device registration to
 * the log and rewrites the file atomically; the sealed parts never change.
 *
 * Argon2id cost: calibrated to about 0.5 s at keygen. TALLINN_DESK_TEST_KDF=floor uses the floor
 * (64 MiB, 3 passes) instead, so tests do not spend a calibration: for tests only.
 */
import { z } from 'zod';
import {
  calibrate,
  DelegationIdSchema,
  type DelegationKeys,
  decodeDelegationSecrets,
  deriveRowKey,
  encodeDelegationSecrets,
  fromBase64,
  isCryptoError,
  KDF_FLOOR,
  type KdfCost,
  type KeyState,
  newMasterKey,
  openRow,
  sealRow,
  toBase64,
  unwrapWithPassphrase,
  utf8Decode,
  verifyKeyEventLog,
  wrapWithPassphrase,
  zeroize,
  bytesEqual,
  base64BytesSchema,
} from '@shared/crypto';
import { parseSafeJson } from '@shared/bundle';
import { Failure } from './errors';

export const IDENTITY_FORMAT_VERSION = 1;
export const IDENTITY_FORMAT = `tallinn-desk-identity/${IDENTITY_FORMAT_VERSION}`;
export const IDENTITY_FILE_NAME = 'identity.tdesk-id';
export const IDENTITY_MAX_BYTES = 1024 * 1024;
export const TEST_KDF_ENV = 'TALLINN_DESK_TEST_KDF';

const ROW = (delegation: string) => ({ table: 'cli-identity', id: delegation, version: 1 });

const IdentityFileSchema = z.strictObject({
  format: z.literal(IDENTITY_FORMAT),
  delegation: DelegationIdSchema,
  keyEventLog: z.array(z.unknown()).min(1).max(256),
  wrap: z.unknown(),
  secrets: z.strictObject({ nonceB64: base64BytesSchema(24), boxB64: z.string().min(1).max(1024) }),
});
type IdentityFile = z.infer<typeof IdentityFileSchema>;

export interface UnlockedIdentity {
  readonly keys: DelegationKeys;
  readonly state: KeyState;
  readonly keyEventLog: readonly unknown[];
  /** The parsed file, to rewrite with a longer log. */
  readonly file: IdentityFile;
}

/** The Argon2id cost for a new identity: calibrated, or the floor under TALLINN_DESK_TEST_KDF=floor. */
export async function identityKdfCost(env: Readonly<Record<string, string | undefined>>): Promise<KdfCost> {
  if (env[TEST_KDF_ENV] === 'floor') return KDF_FLOOR;
  return (await calibrate({ targetMs: 500 })).cost;
}

export function formatIdentityFile(file: IdentityFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export async function createIdentityFile(keys: DelegationKeys, keyEventLog: readonly unknown[], passphrase: string, cost: KdfCost): Promise<string> {
  const state = verifyKeyEventLog(keyEventLog);
  const fileKey = newMasterKey();
  const secrets = encodeDelegationSecrets(keys);
  try {
    const wrap = await wrapWithPassphrase(fileKey, passphrase, cost);
    const sealed = sealRow(deriveRowKey(fileKey), ROW(state.delegationId), secrets);
    return formatIdentityFile({
      format: IDENTITY_FORMAT,
      delegation: state.delegationId,
      keyEventLog: [...keyEventLog],
      wrap,
      secrets: { nonceB64: toBase64(sealed.nonce), boxB64: toBase64(sealed.box) },
    });
  } catch (error) {
    if (isCryptoError(error, 'passphrase-too-short')) throw new Failure(error.message);
    throw error;
  } finally {
    zeroize(fileKey, secrets);
  }
}

/** Parses the file (no passphrase needed): the public log and the delegation. */
export function parseIdentityFile(bytes: Uint8Array, path: string): IdentityFile {
  const parsed = parseSafeJson(utf8Decode(bytes), { maxBytes: IDENTITY_MAX_BYTES, maxDepth: 16, maxObjectKeys: 64, maxValues: 100_000 });
  if (!parsed.ok) throw new Failure(`${path} is not an identity file: ${parsed.message}`);
  const format = (parsed.value as { format?: unknown } | null)?.format;
  if (typeof format === 'string') {
    const match = /^tallinn-desk-identity\/([0-9]{1,6})$/u.exec(format);
    if (match !== null && Number(match[1]) > IDENTITY_FORMAT_VERSION) {
      throw new Failure(`${path} uses identity format version ${match[1] as string}; this version of tallinn-desk reads version ${IDENTITY_FORMAT_VERSION} only`);
    }
  }
  const result = IdentityFileSchema.safeParse(parsed.value);
  if (!result.success) throw new Failure(`${path} is not a Tallinn Desk identity file (${result.error.issues[0]?.path.join('.') ?? ''}: ${result.error.issues[0]?.message ?? 'invalid'})`);
  return result.data;
}

function verifiedState(file: IdentityFile, path: string): KeyState {
  try {
    return verifyKeyEventLog(file.keyEventLog, { expectedDelegationId: file.delegation });
  } catch (error) {
    throw new Failure(`the key event log in ${path} does not verify: ${isCryptoError(error) ? error.message : 'invalid'}`);
  }
}

/** The identity's verified public state (no passphrase): its delegation, role, keys and devices. */
export function publicIdentityState(bytes: Uint8Array, path: string): KeyState {
  return verifiedState(parseIdentityFile(bytes, path), path);
}

export async function unlockIdentity(bytes: Uint8Array, path: string, passphrase: string): Promise<UnlockedIdentity> {
  const file = parseIdentityFile(bytes, path);
  const state = verifiedState(file, path);
  let fileKey: Uint8Array;
  try {
    fileKey = await unwrapWithPassphrase(file.wrap, passphrase);
  } catch (error) {
    if (isCryptoError(error, 'wrong-passphrase')) throw new Failure(`wrong passphrase for ${path}`);
    if (isCryptoError(error)) throw new Failure(`${path} cannot be unlocked: ${error.message}`);
    throw error;
  }
  let secrets: Uint8Array | undefined;
  try {
    secrets = openRow(deriveRowKey(fileKey), ROW(file.delegation), { nonce: fromBase64(file.secrets.nonceB64, 'nonceB64'), box: fromBase64(file.secrets.boxB64, 'boxB64') });
    const keys = decodeDelegationSecrets(secrets);
    if (!bytesEqual(keys.signing.publicKey, state.signingKey) || !bytesEqual(keys.encryption.publicKey, state.encryptionKey)) {
      throw new Failure(`the secrets in ${path} do not belong to its key event log`);
    }
    return { keys, state, keyEventLog: file.keyEventLog, file };
  } catch (error) {
    if (isCryptoError(error)) throw new Failure(`the secrets in ${path} cannot be opened: ${error.message}`);
    throw error;
  } finally {
    zeroize(fileKey, secrets);
  }
}
