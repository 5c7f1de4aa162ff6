/**
 * `lock`: log `locked`, then zero every key (session.ts). The UI then terminates the worker and reloads
 * the renderer (DESIGN.md §2), the only way to drop every string that held plaintext.
 *
 * Locking must never fail: if the audit entry cannot be written (a damaged manifest, a full disk), the
 * keys are zeroed all the same and the answer is still `{locked: true}`.
 */
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler } from './context';

export const lock: CommandHandler<'lock'> = async (ctx) => {
  if (ctx.session.unlocked) {
    const vault = ctx.session.current();
    try {
      const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'lock');
      plan.appendAudit('locked', {}, ctx.now().toISOString());
      await commitForSession(ctx, vault, plan);
    } catch {
      // Deliberately ignored: see the file comment.
    } finally {
      ctx.session.lock();
    }
  }
  return { locked: true };
};
