/**
 * `change-passphrase` (DESIGN.md §6, docs/crypto.md §5.3): proves the current passphrase, calibrates,
 * wraps the *same* master key under the new passphrase and replaces the stored wrap, in one transaction
 * together with the audit entry and the manifest. No row is re-sealed.
 *
 * Interrupted at any point, the vault opens with exactly one of the two passphrases: before the commit
 * nothing was written (old works), after it the new wrap replaced the old one atomically (new works);
 * IndexedDB has no state in between. tests/browser/vault/interrupted-change.test.ts aborts it inside and
 * after the transaction.
 *
 * What it does not do: revoke a copy. Whoever copied the vault files and knew the old passphrase can
 * still open that copy, because the master key is unchanged; re-keying every row would be needed for that.
 */
import { bytesEqual, wrapWithPassphrase, zeroize } from '@shared/crypto';
import { corruptRow } from '../errors';
import { WritePlan } from '../write-plan';
import { commitForSession, recordPriorFailures } from './commit';
import type { CommandHandler } from './context';
import { checkPassphrase, passphraseTooShort } from './passphrase-check';

export const changePassphrase: CommandHandler<'change-passphrase'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const tooShort = passphraseTooShort(request.next);
  if (tooShort !== null) throw tooShort;

  const check = await checkPassphrase(ctx, request.current);
  const same = bytesEqual(check.masterKey, vault.masterKey);
  zeroize(check.masterKey);
  if (!same) throw corruptRow('keyring', 'passphrase', 'changed-underneath', 'The stored passphrase wrap no longer holds this session’s key.');

  const cost = await ctx.kdf.chooseCost();
  const wrap = await wrapWithPassphrase(vault.masterKey, request.next, cost);
  const at = ctx.now().toISOString();
  const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'change-passphrase');
  recordPriorFailures(plan, check.failures, at);
  plan.setPassphraseWrap(wrap);
  plan.appendAudit('passphrase-changed', { kdfMemoryKiB: cost.memoryKiB, kdfIterations: cost.iterations }, at);
  await commitForSession(ctx, vault, plan);
  ctx.session.kdfChanged(cost);
  return { changed: true };
};
