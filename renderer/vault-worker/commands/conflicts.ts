/**
 * `conflicts-list` and `conflict-resolve` (DESIGN.md §4): every field whose register holds more than one
 * value, and every delete concurrent with edits, with who wrote each value and when; resolving is an
 * ordinary local write whose base names all the heads.
 */
import type { Conflict, ConflictHead } from '@shared/ipc/vault-protocol';
import { conflictsOf, type Head, type RecordState, TOMBSTONE_FIELD } from '@shared/sync';
import { VaultFailure } from '../errors';
import type { LoadedReplica } from '../replica-store';
import type { CommandHandler } from './context';
import { hlcInstant, writeEdits } from './records';

function headView(loaded: LoadedReplica, head: Head): ConflictHead {
  return {
    cs: head.cs,
    value: head.value,
    hlc: head.hlc,
    at: hlcInstant(head.hlc),
    device: head.device,
    delegation: head.delegation,
    delegationName: loaded.delegations.get(head.delegation)?.name ?? null,
  };
}

export const conflictsList: CommandHandler<'conflicts-list'> = async (ctx) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const conflicts: Conflict[] = [];
  for (const record of loaded.state.records.values()) {
    for (const conflict of conflictsOf(record)) {
      conflicts.push({
        recordId: conflict.recordId,
        kind: conflict.kind,
        field: conflict.field,
        heads: conflict.heads.map((head) => headView(loaded, head)),
        ...(conflict.unseenEdits === undefined
          ? {}
          : { unseenEdits: conflict.unseenEdits.map((edit) => ({ field: edit.field, head: headView(loaded, edit.head) })) }),
      });
    }
  }
  return { conflicts };
};

/**
 * The base a resolution is written with. For a field, exactly what the user saw (all heads of the card).
 * For "keep deleted", a new tombstone replaces the old one, so it must also name what the old tombstones
 * had already seen (their own bases), or those edits would turn "unseen" and the conflict would never
 * close. Only the bases of tombstones the user's base names are added: an edit that arrived after the
 * card was shown is still not covered, and stays a conflict.
 */
function resolutionBase(record: RecordState, request: { readonly field: string; readonly value: unknown; readonly base: readonly string[] }): string[] {
  if (request.field !== TOMBSTONE_FIELD || request.value !== true) return [...request.base];
  const named = new Set(request.base);
  const base = new Set(request.base);
  for (const head of record.fields[TOMBSTONE_FIELD]?.heads ?? []) {
    if (named.has(head.cs) && head.value === true) for (const seen of head.base ?? []) base.add(seen);
  }
  return [...base].sort();
}

export const conflictResolve: CommandHandler<'conflict-resolve'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const record = loaded.state.records.get(request.recordId);
  if (record === undefined) throw new VaultFailure('not-found', `No record ${request.recordId} in this vault.`);
  const [view] = await writeEdits(
    ctx,
    [{ record: record.id, kind: record.kind, tlp: record.tlp, ops: [{ field: request.field, value: request.value, base: resolutionBase(record, request) }] }],
    'conflict-resolve',
  );
  if (view === undefined) throw new VaultFailure('internal', 'The resolution was written but produced no record view.');
  return { record: view };
};
