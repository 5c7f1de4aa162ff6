/**
 * `sync-status` (version vector, chains, gaps, forks, content missing, parked) and `log-rebuild`, which
 * replays the whole change log into fresh tables and compares them with the stored ones: the check that
 * record tables are a pure view of the log (issue #4).
 */
import { canonicalJson } from '@shared/crypto';
import { conflictsOf, rebuildRecords, type RecordState } from '@shared/sync';
import { decodeRecordRows } from '../replica-store';
import type { CommandHandler } from './context';

export const syncStatus: CommandHandler<'sync-status'> = async (ctx) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const { state } = loaded;
  const versionVector: Record<string, number> = {};
  const chains = [...state.chains.values()].map((chain) => {
    versionVector[chain.device] = chain.contiguous;
    return { device: chain.device, delegation: chain.delegation, contiguous: chain.contiguous, beyond: [...chain.beyond], frozen: chain.fork !== null };
  });
  let conflicts = 0;
  for (const record of state.records.values()) conflicts += conflictsOf(record).length;
  let logSize = 0;
  for (const chain of state.chains.values()) logSize += chain.contiguous + chain.beyond.length;
  return { versionVector, chains, contentMissing: state.contentMissing.size, parked: state.parked.length, conflicts, logSize };
};

function canonicalRecords(records: Iterable<RecordState>): Map<string, string> {
  const out = new Map<string, string>();
  for (const record of records) out.set(record.id, canonicalJson(record));
  return out;
}

function sameRecords(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, text] of a) if (b.get(id) !== text) return false;
  return true;
}

export const logRebuild: CommandHandler<'log-rebuild'> = async (ctx) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const rebuilt = rebuildRecords(loaded.state.log.values());
  const fromLog = canonicalRecords(rebuilt.values());
  // Compare with what is on disk, not only with memory: the tables themselves must be the view.
  const stored = await ctx.repo.openRecords(vault.rowKey, vault.manifest);
  const onDisk = canonicalRecords(decodeRecordRows(stored, vault.manifest));
  const inMemory = canonicalRecords(loaded.state.records.values());
  return { identical: sameRecords(fromLog, onDisk) && sameRecords(fromLog, inMemory), records: rebuilt.size, changeSets: loaded.state.log.size };
};
