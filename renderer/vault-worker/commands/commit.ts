/**
 * Small steps every writing command shares: committing a plan for the unlocked session, and copying the
 * failure counter into the audit log once the passphrase has been proven (DESIGN.md §6).
 */
import type { FailureCounter } from '../failure-delay';
import type { UnlockedVault } from '../session';
import type { WritePlan } from '../write-plan';
import type { VaultContext } from './context';

/** Seals and writes the plan in one transaction, then tells the session what is now on disk. */
export async function commitForSession(ctx: VaultContext, vault: UnlockedVault, plan: WritePlan): Promise<void> {
  const manifest = await ctx.repo.commit(vault.rowKey, plan);
  ctx.session.committed(manifest, plan.manifestVersion);
}

/**
 * After a successful passphrase (or recovery) check: earlier failures become an `unlock-failed` entry
 * with their count and the time of the last one, and the counter is reset in the same transaction, so the
 * count is neither lost nor copied twice.
 */
export function recordPriorFailures(plan: WritePlan, failures: FailureCounter, at: string): void {
  if (failures.count === 0) return;
  plan.appendAudit('unlock-failed', { count: failures.count, lastFailureAt: failures.lastFailureAt }, at);
  plan.resetFailures();
}
