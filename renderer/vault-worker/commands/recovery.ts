/**
 * The recovery sheet's two commands (DESIGN.md §6, docs/crypto.md §5.2–5.3).
 *
 * `unlock-with-recovery`: the 24 words → recovery key → master key, then a new passphrase wrap replaces
 * the old one (the forgotten passphrase stops working) and `recovery-used` is logged. Word mistakes are
 * `recovery-words-invalid` with a reason (`word-count`, `unknown-word` with positions, `checksum`); valid
 * words of another (e.g. replaced) sheet are `recovery-key-mismatch`. No delay applies: a recovery key has
 * 256 bits, so guessing it is hopeless anyway.
 *
 * `renew-recovery-sheet`: asks for the passphrase again (someone at an unlocked desk must not be able to
 * mint a sheet), mints a new recovery key, replaces the recovery wrap (old words then give
 * `recovery-key-mismatch`) and returns the new sheet once; logs `recovery-sheet-renewed`.
 */
import {
  buildRecoverySheet,
  bytesEqual,
  isCryptoError,
  newRecoveryKey,
  recoveryKeyFromWords,
  revocationCertificateFromBase64,
  unwrapWithRecoveryKey,
  wrapWithPassphrase,
  wrapWithRecoveryKey,
  zeroize,
} from '@shared/crypto';
import { corruptRow } from '../errors';
import { zeroizeVault } from '../session';
import { WritePlan } from '../write-plan';
import { commitForSession, recordPriorFailures } from './commit';
import type { CommandHandler } from './context';
import { openVault } from './open-vault';
import { checkPassphrase, passphraseTooShort } from './passphrase-check';
import { requireLockedVault } from './unlock';

export const unlockWithRecovery: CommandHandler<'unlock-with-recovery'> = async (ctx, request) => {
  await requireLockedVault(ctx);
  const recoveryKey = recoveryKeyFromWords(request.words);
  let masterKey: Uint8Array;
  const keyring = await ctx.repo.readKeyring();
  try {
    const tooShort = passphraseTooShort(request.newPassphrase);
    if (tooShort !== null) throw tooShort;
    if (keyring.recovery === undefined) throw corruptRow('keyring', 'recovery', 'missing', 'The recovery key wrap is missing from the vault.');
    try {
      masterKey = unwrapWithRecoveryKey(keyring.recovery, recoveryKey);
    } catch (error) {
      if (isCryptoError(error, 'wrap-invalid') || isCryptoError(error, 'wrap-corrupted')) {
        throw corruptRow('keyring', 'recovery', 'malformed', error.message);
      }
      throw error;
    }
  } finally {
    zeroize(recoveryKey);
  }

  let wrap;
  let failures;
  try {
    const cost = await ctx.kdf.chooseCost();
    wrap = await wrapWithPassphrase(masterKey, request.newPassphrase, cost);
    failures = await ctx.repo.readFailures();
  } catch (error) {
    zeroize(masterKey);
    throw error;
  }
  const vault = await openVault(ctx.repo, masterKey, keyring, { via: 'recovery', kdf: wrap.kdf });
  try {
    const at = ctx.now().toISOString();
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'unlock-with-recovery');
    recordPriorFailures(plan, failures, at);
    plan.setPassphraseWrap(wrap);
    plan.appendAudit('recovery-used', { passphraseReplaced: true, kdfMemoryKiB: wrap.kdf.memoryKiB, kdfIterations: wrap.kdf.iterations }, at);
    const manifest = await ctx.repo.commit(vault.rowKey, plan);
    ctx.session.open({ ...vault, manifest, manifestVersion: plan.manifestVersion });
    return vault.profile;
  } catch (error) {
    zeroizeVault(vault);
    throw error;
  }
};

export const renewRecoverySheet: CommandHandler<'renew-recovery-sheet'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const check = await checkPassphrase(ctx, request.passphrase);
  const same = bytesEqual(check.masterKey, vault.masterKey);
  zeroize(check.masterKey);
  if (!same) throw corruptRow('keyring', 'passphrase', 'changed-underneath', 'The stored passphrase wrap no longer holds this session’s key.');

  const recovery = newRecoveryKey();
  try {
    const wrap = wrapWithRecoveryKey(vault.masterKey, recovery.key);
    const at = ctx.now().toISOString();
    const recoverySheet = buildRecoverySheet({
      delegationName: vault.record.name,
      delegationId: vault.record.delegationId,
      fingerprintDigits: vault.profile.fingerprint.join(''),
      recoveryKey: recovery.key,
      nextKeySeed: vault.keys.next.seed,
      revocationCertificate: revocationCertificateFromBase64(vault.record.revocationCertificateB64),
      created: at,
    });
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'renew-recovery-sheet');
    recordPriorFailures(plan, check.failures, at);
    plan.setRecoveryWrap(wrap);
    plan.appendAudit('recovery-sheet-renewed', {}, at);
    await commitForSession(ctx, vault, plan);
    return { recoverySheet };
  } finally {
    zeroize(recovery.key);
  }
};
