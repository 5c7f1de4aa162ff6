/**
 * Test-only commands (issue #4: "until imports exist, tests reach [the conflicts screen] by injecting
 * signed change-sets through a test-only worker command"). Refused unless the worker was started with
 * test commands enabled (worker-options.ts), which a production build never allows.
 *
 * `test-inject` registers delegations from their key event logs (verified or not) and ingests
 * change-sets and checkpoints exactly as an import will; `test-verify-delegation` marks a delegation
 * verified and releases what was parked for it.
 */
import { ingest, releaseParked } from '@shared/sync';
import { VaultFailure } from '../errors';
import type { CommandHandler, VaultContext } from './context';
import { commitReplicaDelta, delegationFromLog } from './delegation-registry';
import { kindRulesFor } from './kind-rules';

function requireTestCommands(ctx: VaultContext): void {
  if (!ctx.testCommands) throw new VaultFailure('invalid-request', 'Test commands are not available in this build.');
}

export const testInject: CommandHandler<'test-inject'> = async (ctx, request) => {
  requireTestCommands(ctx);
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const delegations = new Map(loaded.delegations);
  for (const { keyEventLog, verified } of request.delegations) {
    const stored = delegationFromLog(keyEventLog, verified ? { method: 'fingerprint', at: ctx.now().toISOString(), by: loaded.state.localDelegation } : null);
    if (stored.known.id === loaded.state.localDelegation) continue;
    delegations.set(stored.known.id, stored);
  }
  // The engine sees the new delegations for this ingest; memory is only updated after the commit.
  const state = { ...loaded.state, delegations: new Map([...delegations].map(([id, stored]) => [id, stored.known])) };
  const { delta, report } = ingest(state, { changeSets: request.changeSets, checkpoints: request.checkpoints, from: request.from }, {
    now: ctx.now().getTime(),
    kindRules: kindRulesFor(),
  });
  if (report.refused === null) await commitReplicaDelta(ctx, loaded, delta, delegations, 'test-inject');
  return { report: report };
};

export const testVerifyDelegation: CommandHandler<'test-verify-delegation'> = async (ctx, request) => {
  requireTestCommands(ctx);
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const existing = loaded.delegations.get(request.delegationId);
  if (existing === undefined) throw new VaultFailure('not-found', `No delegation ${request.delegationId} is known.`);
  const delegations = new Map(loaded.delegations);
  delegations.set(request.delegationId, {
    ...existing,
    known: { ...existing.known, verified: true },
    verification: { method: 'fingerprint', at: ctx.now().toISOString(), by: loaded.state.localDelegation },
  });
  const state = { ...loaded.state, delegations: new Map([...delegations].map(([id, stored]) => [id, stored.known])) };
  const { delta, report } = releaseParked(state, request.delegationId, { now: ctx.now().getTime(), kindRules: kindRulesFor() });
  await commitReplicaDelta(ctx, loaded, delta, delegations, 'test-verify-delegation');
  return { report: report };
};
