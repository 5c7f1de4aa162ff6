/**
 * `unlock`: passphrase → master key → unlocked session (DESIGN.md §6).
 *
 * The passphrase check (passphrase-check.ts) enforces the failure delay before Argon2id runs and counts
 * a wrong passphrase without touching sealed data. On success, earlier failures are copied into the
 * audit log (`unlock-failed` with the count), then `unlock` is logged, and the counter is reset, all in
 * one transaction; if that write fails, the session stays locked and the counter keeps its value.
 */
import { VaultFailure } from '../errors';
import { zeroizeVault } from '../session';
import { WritePlan } from '../write-plan';
import { recordPriorFailures } from './commit';
import type { CommandHandler, VaultContext } from './context';
import { openVault } from './open-vault';
import { checkPassphrase } from './passphrase-check';

export async function requireLockedVault(ctx: VaultContext): Promise<void> {
  if (ctx.session.unlocked) throw new VaultFailure('invalid-request', 'The vault is already unlocked.');
  if (!(await ctx.repo.vaultExists())) throw new VaultFailure('no-vault', 'There is no vault yet: create one first.');
}

export const unlock: CommandHandler<'unlock'> = async (ctx, request) => {
  await requireLockedVault(ctx);
  const { masterKey, kdf, keyring, failures } = await checkPassphrase(ctx, request.passphrase);
  const vault = await openVault(ctx.repo, masterKey, keyring, { via: 'passphrase', kdf });
  try {
    const at = ctx.now().toISOString();
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'unlock');
    recordPriorFailures(plan, failures, at);
    plan.appendAudit('unlock', {}, at);
    const manifest = await ctx.repo.commit(vault.rowKey, plan);
    ctx.session.open({ ...vault, manifest, manifestVersion: plan.manifestVersion });
    return vault.profile;
  } catch (error) {
    zeroizeVault(vault);
    throw error;
  }
};
