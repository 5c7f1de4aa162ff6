/**
 * `create`: first run (DESIGN.md §6, issue 3). Everything is generated in memory, then written in one
 * transaction that refuses to run if a vault already exists; the vault is unlocked afterwards.
 *
 * 1. refuse early if a vault exists or the passphrase is too short (before spending a second on Argon2id);
 * 2. calibrate Argon2id (≈ 0.5 s, floor 64 MiB / 3 passes), a random master key, its passphrase wrap;
 * 3. a recovery key and its wrap of the same master key;
 * 4. the delegation's keys, this workstation's device id, the signed inception (key event log) and the
 *    revocation certificate signed by the next rotation key; the fingerprint; the recovery sheet, which
 *    is returned once and never stored (the recovery key exists only on paper afterwards);
 * 5. sealed rows: identity (binary secrets), profile, default settings; audit entry `vault-created`.
 */
import {
  buildRecoverySheet,
  canonicalBytes,
  createInception,
  createRevocation,
  deriveRowKey,
  encodeDelegationSecrets,
  fingerprintDigits,
  generateDelegationKeys,
  newDeviceId,
  newMasterKey,
  newRecoveryKey,
  type RowKey,
  toBase64,
  verifyKeyEventLog,
  wrapWithPassphrase,
  wrapWithRecoveryKey,
  zeroize,
  zeroizeDelegationKeys,
} from '@shared/crypto';
import { DEFAULT_SETTINGS } from '@shared/ipc/vault-protocol';
import { VaultFailure } from '../errors';
import { encodeJson } from '../json-payload';
import { type ProfileRecord, profileView } from '../profile-record';
import { WritePlan } from '../write-plan';
import type { CommandHandler } from './context';
import { passphraseTooShort } from './passphrase-check';

export const create: CommandHandler<'create'> = async (ctx, request) => {
  if (ctx.session.unlocked || (await ctx.repo.vaultExists())) {
    throw new VaultFailure('vault-exists', 'A vault already exists here; it must be unlocked, not created again.');
  }
  const tooShort = passphraseTooShort(request.passphrase);
  if (tooShort !== null) throw tooShort;

  const cost = await ctx.kdf.chooseCost();
  const masterKey = newMasterKey();
  const keys = generateDelegationKeys();
  const recovery = newRecoveryKey();
  let rowKey: RowKey | null = null;
  try {
    const passphraseWrap = await wrapWithPassphrase(masterKey, request.passphrase, cost);
    const recoveryWrap = wrapWithRecoveryKey(masterKey, recovery.key);

    const created = ctx.now().toISOString();
    const deviceId = newDeviceId();
    const { signed, delegationId } = createInception(
      { name: request.profile.name, country: request.profile.country, proposedRole: request.profile.role, device: { id: deviceId }, created },
      keys,
    );
    const keyState = verifyKeyEventLog([signed], { expectedDelegationId: delegationId });
    const revocation = createRevocation(keyState, keys.next, created);
    const record: ProfileRecord = {
      v: 1,
      delegationId,
      name: signed.event.name,
      country: signed.event.country,
      role: signed.event.proposedRole,
      deviceId,
      keyEventLog: [signed],
      revocationCertificateB64: toBase64(canonicalBytes(revocation)),
      created,
    };
    const profile = profileView(record, keyState, cost);
    const recoverySheet = buildRecoverySheet({
      delegationName: record.name,
      delegationId,
      fingerprintDigits: fingerprintDigits({ delegationId, signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey }),
      recoveryKey: recovery.key,
      nextKeySeed: keys.next.seed,
      revocationCertificate: revocation,
      created,
    });

    const plan = WritePlan.forNewVault('create');
    plan.setPassphraseWrap(passphraseWrap);
    plan.setRecoveryWrap(recoveryWrap);
    plan.putRow('identity', encodeDelegationSecrets(keys));
    plan.putRow('profile', encodeJson(record));
    plan.putRow('settings', encodeJson(DEFAULT_SETTINGS));
    plan.appendAudit('vault-created', { delegationId, kdfMemoryKiB: cost.memoryKiB, kdfIterations: cost.iterations }, created);
    // A counter left behind by a vault that was deleted must not delay the new one.
    plan.resetFailures();

    rowKey = deriveRowKey(masterKey);
    const manifest = await ctx.repo.commit(rowKey, plan);
    ctx.session.open({ masterKey, rowKey, keys, record, profile, manifest, manifestVersion: plan.manifestVersion });
    return { profile, recoverySheet };
  } catch (error) {
    zeroize(masterKey, rowKey ?? undefined);
    zeroizeDelegationKeys(keys);
    throw error;
  } finally {
    zeroize(recovery.key);
  }
};
