/**
 * From an unwrapped master key to an unlocked vault, shared by unlock and unlock-with-recovery.
 *
 * Opens only what every session needs: the manifest, the delegation secrets and the profile. Records,
 * settings and the audit log are opened by the commands that read them, so one damaged record or setting
 * is reported by name (`vault-corrupt`) without locking the user out of everything else.
 *
 * Checks, each failure naming its row:
 * - the manifest opens (it is the root of rollback detection, manifest.ts) and is not older than the
 *   audit log (a manifest put back on its own);
 * - the keyring wraps are the ones the manifest lists: an older wrap put back (say, one that still opens
 *   with a former passphrase, or a replaced recovery sheet's) is refused. For recovery, only the recovery
 *   wrap is checked: replacing a damaged or rolled-back passphrase wrap is what recovery is for;
 * - the key event log verifies and defines the stored delegation id, and the stored secrets produce the
 *   log's public keys (defence in depth: sealing already prevents silent edits).
 *
 * Takes ownership of `masterKey`: on failure it is zeroized with everything derived from it.
 */
import {
  bytesEqual,
  CryptoError,
  decodeDelegationSecrets,
  type DelegationKeys,
  deriveRowKey,
  type KdfCost,
  verifyKeyEventLog,
  zeroize,
  zeroizeDelegationKeys,
} from '@shared/crypto';
import type { KeyringKind } from '../db';
import { corruptRow } from '../errors';
import { decodeJsonOrNull } from '../json-payload';
import { ProfileRecordSchema, profileView } from '../profile-record';
import type { VaultRepository } from '../repository';
import type { UnlockedVault } from '../session';

function wrapNonce(wrap: unknown): unknown {
  return typeof wrap === 'object' && wrap !== null ? (wrap as { nonceB64?: unknown }).nonceB64 : undefined;
}

export async function openVault(
  repo: VaultRepository,
  masterKey: Uint8Array,
  keyring: Partial<Record<KeyringKind, unknown>>,
  options: { readonly via: KeyringKind; readonly kdf: KdfCost },
): Promise<UnlockedVault> {
  const rowKey = deriveRowKey(masterKey);
  let keys: DelegationKeys | null = null;
  try {
    const { manifest, version } = await repo.openManifest(rowKey);

    const checked: KeyringKind[] = options.via === 'passphrase' ? ['passphrase', 'recovery'] : ['recovery'];
    for (const kind of checked) {
      if (wrapNonce(keyring[kind]) !== manifest.keyring[kind]) {
        throw corruptRow(
          'keyring',
          kind,
          'rolled-back',
          `The ${kind} key wrap is not the one this vault last wrote: an older wrap was put back or the keyring was edited.`,
        );
      }
    }

    // Audit entries beyond the manifest's count mean the manifest is older than the rows around it (it
    // was put back on its own). Appending at its count would collide with those entries.
    if ((await repo.lastAuditSeq()) >= manifest.audit.count) {
      throw corruptRow('manifest', 'current', 'behind-rows', 'The vault manifest is older than the audit log stored beside it: it was rolled back.');
    }

    const secrets = await repo.openRow(rowKey, manifest, 'identity');
    try {
      keys = decodeDelegationSecrets(secrets);
    } catch (error) {
      throw corruptRow('rows', 'identity', 'content-invalid', `The delegation secrets opened but are unusable: ${(error as Error).message}`);
    } finally {
      zeroize(secrets);
    }

    const parsed = ProfileRecordSchema.safeParse(decodeJsonOrNull(await repo.openRow(rowKey, manifest, 'profile')));
    if (!parsed.success) throw corruptRow('rows', 'profile', 'content-invalid', 'The delegation profile opened but is malformed.');
    const record = parsed.data;
    let keyState;
    try {
      keyState = verifyKeyEventLog(record.keyEventLog, { expectedDelegationId: record.delegationId });
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      throw corruptRow('rows', 'profile', 'key-event-log-invalid', `The stored key event log does not verify: ${error.message}`);
    }
    if (!bytesEqual(keyState.signingKey, keys.signing.publicKey) || !bytesEqual(keyState.encryptionKey, keys.encryption.publicKey)) {
      throw corruptRow('rows', 'identity', 'keys-mismatch', 'The stored delegation secrets do not belong to the stored key event log.');
    }

    return { masterKey, rowKey, keys, record, profile: profileView(record, keyState, options.kdf), manifest, manifestVersion: version };
  } catch (error) {
    zeroize(masterKey, rowKey);
    if (keys !== null) zeroizeDelegationKeys(keys);
    throw error;
  }
}

