/**
 * Records through the change log (DESIGN.md §4): `records-write` turns local edits into signed
 * change-sets (one per record, one checkpoint per transaction) with shared/sync `localWrite`;
 * `records-list` returns the views of the materialised tables; `record-history` reads a record's
 * change-sets from the log.
 *
 * Every write is computed in memory first (the delta), written in one Dexie transaction (records, a log
 * segment, the sync row, the manifest), and only then applied to the in-memory replica.
 */
import { BUNDLE_LIMITS } from '@shared/bundle/limits';
import { checkJsonValue } from '@shared/bundle/safe-json';
import type { HistoryEntry, RecordView } from '@shared/ipc/vault-protocol';
import { localWrite, parseHlc, SyncError, viewOf } from '@shared/sync';
import { VaultFailure } from '../errors';
import { applyCommitted, planDelta } from '../replica-store';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler, VaultContext } from './context';
import { kindRulesFor } from './kind-rules';

/** ISO time of an HLC's wall clock (for display; HLCs order, they do not certify time). */
export function hlcInstant(hlcText: string): string {
  const hlc = parseHlc(hlcText);
  return new Date(hlc === null ? 0 : hlc.wall).toISOString();
}

function refused(error: SyncError): VaultFailure {
  return new VaultFailure('write-refused', error.message, { details: { reason: error.code } });
}

/** Writes local edits; `label` names the plan (and the transaction in test hooks). */
export async function writeEdits(ctx: VaultContext, edits: Parameters<typeof localWrite>[1]['edits'], label: string): Promise<RecordView[]> {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  let result: ReturnType<typeof localWrite>;
  try {
    result = localWrite(loaded.state, {
      edits,
      signingSecretKey: vault.keys.signing.secretKey,
      now: ctx.now().getTime(),
      kindRules: kindRulesFor(),
    });
  } catch (error) {
    if (error instanceof SyncError) throw refused(error);
    throw error;
  }
  const plan = WritePlan.on(vault.manifest, vault.manifestVersion, label);
  planDelta(plan, loaded, result.delta, { checkpoints: [result.checkpoint] });
  await commitForSession(ctx, vault, plan);
  applyCommitted(loaded, result.delta);
  return result.views.map((view) => ({ ...view, values: { ...view.values }, conflicts: [...view.conflicts] }));
}

/**
 * Values written locally obey the rules a bundle reader applies (shared/bundle safe-json): no
 * `__proto__`/`constructor`/`prototype` keys, bounded depth and size. Otherwise one such value would make
 * every later export that includes it unreadable to its recipients.
 */
function checkValues(edits: readonly { readonly ops: readonly { readonly field: string; readonly value: unknown }[] }[]): void {
  for (const edit of edits) {
    for (const op of edit.ops) {
      const problem = checkJsonValue(op.value, { maxDepth: VALUE_MAX_DEPTH, maxObjectKeys: BUNDLE_LIMITS.jsonObjectKeys, maxValues: VALUE_MAX_VALUES });
      if (problem !== null) {
        throw new VaultFailure('write-refused', `The value of ${op.field} cannot be shared: ${problem.message}`, { details: { reason: problem.reason, field: op.field } });
      }
    }
  }
}

/** A value sits about 6 levels deep inside a bundle's payload, whose limit is BUNDLE_LIMITS.jsonDepth. */
const VALUE_MAX_DEPTH = BUNDLE_LIMITS.jsonDepth - 8;
const VALUE_MAX_VALUES = 100_000;

export const recordsWrite: CommandHandler<'records-write'> = async (ctx, request) => {
  checkValues(request.edits);
  const records = await writeEdits(
    ctx,
    request.edits.map((edit) => ({
      ...(edit.record === undefined ? {} : { record: edit.record }),
      kind: edit.kind,
      tlp: edit.tlp,
      ops: edit.ops.map((op) => ({ field: op.field, value: op.value, ...(op.base === undefined ? {} : { base: op.base }) })),
    })),
    'records-write',
  );
  return { written: records.length, records };
};

export const recordsList: CommandHandler<'records-list'> = async (ctx) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const records: RecordView[] = [];
  for (const record of loaded.state.records.values()) records.push(viewOf(record) as RecordView);
  return { records };
};

export const recordHistory: CommandHandler<'record-history'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  if (!loaded.state.records.has(request.recordId)) throw new VaultFailure('not-found', `No record ${request.recordId} in this vault.`);
  const entries: HistoryEntry[] = [];
  for (const logged of loaded.state.log.values()) {
    const content = logged.changeSet.content;
    if (content?.record !== request.recordId) continue;
    entries.push({
      cs: logged.hash,
      seq: logged.changeSet.header.seq,
      device: logged.changeSet.header.device,
      delegation: logged.delegation,
      delegationName: loaded.delegations.get(logged.delegation)?.name ?? null,
      tlp: logged.changeSet.header.tlp,
      hlc: content.hlc,
      at: hlcInstant(content.hlc),
      ops: content.ops.map((op) => ({ field: op.field, value: op.value })),
    });
  }
  entries.sort((a, b) => ((a.hlc ?? '') < (b.hlc ?? '') ? -1 : (a.hlc ?? '') > (b.hlc ?? '') ? 1 : 0));
  return { entries };
};
