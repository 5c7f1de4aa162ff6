/**
 * The replica held by an unlocked session: the sync engine's in-memory state (shared/sync
 * MutableReplicaState) loaded from the sealed tables, and its stored forms.
 *
 * What is stored where (db.ts):
 * - `records`: one RecordState per record (the materialised view; rebuilt identically from the log), in
 *   bucket rows of up to 128 records of one kind (record-codec.ts);
 * - `log`: append-only segments, one per transaction, each a list of change-sets exactly as accepted;
 * - `rows/sync`: everything else the engine keeps — device chains (version vector, gaps, fork evidence,
 *   latest checkpoints), the delegations it knows (key event log, verification), the content-missing
 *   set, parked change-sets and checkpoints, and the HLC.
 *
 * Loading is in two steps because the log is the large part and most sessions only read: records and the
 * sync row are opened when the working set is first read; the log is opened the first time a command
 * needs it (a write needs the chain head, an import needs duplicates and links, history and rebuild read
 * it). Every change is computed in memory as a ReplicaDelta, written in one transaction through a
 * WritePlan (`planDelta`), and only then applied to the in-memory state (`commitDelta`), so a failed
 * write leaves memory and disk as they were.
 */
import { z } from 'zod';
import { ROLES, type Role, toBase64, verifyKeyEventLog } from '@shared/crypto';
import { type VerificationChannel, verificationChannelSchema } from '@shared/ipc/exchange-protocol';
import {
  commitDelta,
  createReplicaState,
  formatHlc,
  type KnownDelegation,
  type LoggedChangeSet,
  type MutableReplicaState,
  parseHlc,
  type RecordState,
  type ReplicaDelta,
  type SignedCheckpoint,
} from '@shared/sync';
import { corruptRow } from './errors';
import { decodeJsonOrNull, encodeJson } from './json-payload';
import type { Manifest } from './manifest';
import type { OpenedRecordRow, VaultRepository } from './repository';
import type { UnlockedVault } from './session';
import { decodeRecordBucket, encodeRecordBucket, rowRecordsLabel } from './record-codec';
import type { WritePlan } from './write-plan';

export type VerificationMethod = 'own' | 'fingerprint' | 'demo-data';

/** A delegation as the vault stores it: what sync needs, plus what the UI shows. */
export interface StoredDelegation {
  readonly known: KnownDelegation;
  readonly name: string;
  readonly country: string;
  /** Assigned by the verifying user (DESIGN.md §3), not taken from the card; the proposed role until then. */
  readonly role: Role;
  /** How, when and by whom the fingerprint was checked; null while unverified. */
  readonly verification: {
    readonly method: VerificationMethod;
    readonly at: string;
    readonly by: string;
    /** For `fingerprint`: how the other side read it out (absent in rows written before issue #7). */
    readonly channel?: VerificationChannel | undefined;
  } | null;
  readonly keyEventLog: readonly unknown[];
}

const StoredDelegationSchema = z.strictObject({
  known: z.strictObject({
    id: z.string(),
    signingKey: z.string(),
    devices: z.array(z.string()),
    verified: z.boolean(),
    revoked: z.boolean(),
  }),
  name: z.string(),
  country: z.string(),
  role: z.enum(ROLES),
  verification: z
    .strictObject({ method: z.enum(['own', 'fingerprint', 'demo-data']), at: z.string(), by: z.string(), channel: verificationChannelSchema.optional() })
    .nullable(),
  keyEventLog: z.array(z.unknown()),
});

/**
 * The sealed `rows/sync` row. Written by this worker only; the schema is a guard against bugs and
 * damaged rows (the box already proves the row is ours), so nested engine structures are checked by
 * shape, not field by field.
 */
const SyncRowSchema = z.strictObject({
  v: z.literal(1),
  hlc: z.string(),
  delegations: z.array(StoredDelegationSchema),
  chains: z.array(z.looseObject({ device: z.string(), delegation: z.string(), contiguous: z.number() })),
  contentMissing: z.array(z.string()),
  parked: z.array(z.unknown()),
  parkedCheckpoints: z.array(z.unknown()),
});

/** One log segment: change-sets of one transaction (up to LOG_SEGMENT_CHANGESETS), and in its last segment the checkpoint signed for it (local writes). */
const LogSegmentSchema = z.strictObject({
  v: z.literal(1),
  changeSets: z.array(z.looseObject({ hash: z.string(), delegation: z.string(), changeSet: z.looseObject({ header: z.looseObject({}) }) })),
  checkpoints: z.array(z.unknown()),
});

export interface LoadedReplica {
  readonly state: MutableReplicaState;
  /** Display names and logs of known delegations (the local one included). */
  readonly delegations: Map<string, StoredDelegation>;
  logLoaded: boolean;
}

/** Holds the replica of one unlocked session; dropped (with the keys) on lock. */
export class ReplicaHolder {
  private loaded: LoadedReplica | null = null;

  /** Records and the sync row (enough to list records and conflicts). */
  async open(repo: VaultRepository, vault: UnlockedVault): Promise<LoadedReplica> {
    if (this.loaded !== null) return this.loaded;
    this.loaded = await loadReplica(repo, vault);
    return this.loaded;
  }

  /** Everything, the log included. */
  async openWithLog(repo: VaultRepository, vault: UnlockedVault): Promise<LoadedReplica> {
    const loaded = await this.open(repo, vault);
    if (!loaded.logLoaded) {
      const segments = await repo.openLog(vault.rowKey, vault.manifest);
      segments.forEach((payload, index) => {
        const parsed = LogSegmentSchema.safeParse(decodeJsonOrNull(payload));
        const sid = vault.manifest.log[index] ?? String(index);
        if (!parsed.success) throw corruptRow('log', sid, 'content-invalid', `Change-log segment log/${sid} opened but is malformed.`);
        for (const logged of parsed.data.changeSets) loaded.state.log.add(logged as unknown as LoggedChangeSet);
      });
      loaded.logLoaded = true;
    }
    return loaded;
  }

  drop(): void {
    this.loaded = null;
  }
}

function localDelegation(vault: UnlockedVault): StoredDelegation {
  const keyState = verifyKeyEventLog(vault.record.keyEventLog, { expectedDelegationId: vault.record.delegationId });
  return {
    known: {
      id: keyState.delegationId,
      signingKey: toBase64(keyState.signingKey),
      devices: keyState.devices.map(({ device }) => device.id),
      verified: true,
      revoked: keyState.revoked !== null,
    },
    name: vault.record.name,
    country: vault.record.country,
    role: vault.record.role,
    verification: { method: 'own', at: vault.record.created, by: keyState.delegationId },
    keyEventLog: vault.record.keyEventLog,
  };
}

async function loadReplica(repo: VaultRepository, vault: UnlockedVault): Promise<LoadedReplica> {
  const local = localDelegation(vault);
  const delegations = new Map<string, StoredDelegation>([[local.known.id, local]]);
  let row: z.infer<typeof SyncRowSchema> | null = null;
  if (vault.manifest.rows.has('sync')) {
    const parsed = SyncRowSchema.safeParse(decodeJsonOrNull(await repo.openRow(vault.rowKey, vault.manifest, 'sync')));
    if (!parsed.success) throw corruptRow('rows', 'sync', 'content-invalid', 'The sync state opened but is malformed.');
    row = parsed.data;
    for (const stored of row.delegations) if (stored.known.id !== local.known.id) delegations.set(stored.known.id, stored);
  }
  const state = createReplicaState({
    localDelegation: local.known.id,
    localDevice: vault.record.deviceId,
    delegations: [...delegations.values()].map((stored) => stored.known),
  });
  if (row !== null) {
    const hlc = parseHlc(row.hlc);
    if (hlc === null) throw corruptRow('rows', 'sync', 'content-invalid', 'The sync state holds an invalid clock.');
    state.hlc = hlc;
    for (const chain of row.chains as unknown as MutableReplicaState['chains'] extends Map<string, infer C> ? C[] : never) state.chains.set(chain.device, chain);
    for (const hash of row.contentMissing) state.contentMissing.add(hash);
    state.parked.push(...(row.parked as MutableReplicaState['parked']));
    state.parkedCheckpoints.push(...(row.parkedCheckpoints as MutableReplicaState['parkedCheckpoints']));
  }
  for (const record of decodeRecordRows(await repo.openRecords(vault.rowKey, vault.manifest), vault.manifest)) state.records.set(record.id, record);
  return { state, delegations, logLoaded: vault.manifest.log.length === 0 };
}

/**
 * The records of opened rows, in manifest order, each row checked against the manifest: exactly the
 * records it lists there, of the row's kind (a row swapped for another sealed at the same id and version
 * cannot pass the box, so this catches our own bugs and damaged data).
 */
export function decodeRecordRows(rows: readonly OpenedRecordRow[], manifest: Manifest): RecordState[] {
  const byId = new Map<string, RecordState>();
  for (const { sid, kind, recordIds, payload } of rows) {
    const records = decodeRecordBucket(decodeJsonOrNull(payload));
    const expected = new Set(recordIds);
    const fits = records !== null && records.length === expected.size && records.every((record) => record.kind === kind && expected.delete(record.id));
    if (!fits) {
      throw corruptRow('records', sid, 'content-invalid', `${rowRecordsLabel(recordIds)} (row records/${sid}) opened but the row does not hold what the vault lists there.`, {
        recordId: recordIds[0] ?? '',
        records: recordIds.length,
      });
    }
    for (const record of records) byId.set(record.id, record);
  }
  // In the manifest's order (the order records were first written), whichever rows they share.
  const out: RecordState[] = [];
  for (const id of manifest.records.keys()) {
    const record = byId.get(id);
    if (record !== undefined) out.push(record);
  }
  return out;
}

/** The sync row as it will be once `delta` is committed (the in-memory state is not touched). */
function syncRowAfter(loaded: LoadedReplica, delta: ReplicaDelta, delegations: ReadonlyMap<string, StoredDelegation>): Uint8Array {
  const { state } = loaded;
  const chains = new Map(state.chains);
  for (const chain of delta.chains) chains.set(chain.device, chain);
  const contentMissing = new Set(state.contentMissing);
  for (const hash of delta.contentMissingRemoved) contentMissing.delete(hash);
  for (const hash of delta.contentMissingAdded) contentMissing.add(hash);
  const after = parkedAfter(state, delta);
  return encodeJson({
    v: 1,
    hlc: formatHlc(delta.hlc),
    delegations: [...delegations.values()],
    chains: [...chains.values()],
    contentMissing: [...contentMissing].sort(),
    parked: after.parked,
    parkedCheckpoints: after.parkedCheckpoints,
  });
}

/** Parked entries after the delta: released ones removed (the engine says which), new ones appended. */
function parkedAfter(state: MutableReplicaState, delta: ReplicaDelta): { parked: unknown[]; parkedCheckpoints: unknown[] } {
  const shadow = createShadow(state);
  commitDelta(shadow, { ...delta, records: [], logged: [], chains: [], contentMissingAdded: [], contentMissingRemoved: [] });
  return { parked: [...shadow.parked], parkedCheckpoints: [...shadow.parkedCheckpoints] };
}

/** A state sharing nothing mutable with `state` except what parkedAfter needs to copy (parked lists). */
function createShadow(state: MutableReplicaState): MutableReplicaState {
  const shadow = createReplicaState({ localDelegation: state.localDelegation, localDevice: state.localDevice, delegations: [] });
  shadow.parked.push(...state.parked);
  shadow.parkedCheckpoints.push(...state.parkedCheckpoints);
  shadow.hlc = state.hlc;
  return shadow;
}

/** Change-sets per log segment (planDelta says why). */
export const LOG_SEGMENT_CHANGESETS = 256;

/**
 * Puts a delta into a write plan: every touched record, the new change-sets in log segments (the last
 * with the checkpoint of a local transaction), and the sync row. `delegations` replaces the stored list when
 * the command changed it (test injection, later card import).
 */
export function planDelta(
  plan: WritePlan,
  loaded: LoadedReplica,
  delta: ReplicaDelta,
  options: { readonly checkpoints?: readonly SignedCheckpoint[]; readonly delegations?: ReadonlyMap<string, StoredDelegation> } = {},
): void {
  const changed = new Map(delta.records.map((record) => [record.id, record]));
  plan.putRecords(delta.records, {
    kindOf: (id) => loaded.state.records.get(id)?.kind,
    encode: (ids) =>
      encodeJson(
        encodeRecordBucket(
          ids.map((id) => {
            const record = changed.get(id) ?? loaded.state.records.get(id);
            // Every record is in memory once the replica is loaded; a bucket is never written without a member.
            if (record === undefined) throw new Error(`record ${id} is not loaded`);
            return record;
          }),
        ),
      ),
  });
  const checkpoints = options.checkpoints ?? [];
  if (delta.logged.length > 0 || checkpoints.length > 0) {
    // In segments of a few hundred change-sets (the last one with the checkpoints): a bundle of 10,000
    // made one 13 MB text, encoded and sealed whole, and each fresh megabyte costs page faults; pieces
    // of a few hundred kilobytes reuse the memory the previous one freed. Read back in order, as one.
    for (let start = 0; start < delta.logged.length || start === 0; start += LOG_SEGMENT_CHANGESETS) {
      const end = start + LOG_SEGMENT_CHANGESETS;
      const last = end >= delta.logged.length;
      plan.appendLogSegment(encodeJson({ v: 1, changeSets: delta.logged.slice(start, end), checkpoints: last ? checkpoints : [] }));
    }
  }
  plan.putRow('sync', syncRowAfter(loaded, delta, options.delegations ?? loaded.delegations));
}

/** After the transaction committed: memory follows disk. */
export function applyCommitted(loaded: LoadedReplica, delta: ReplicaDelta, delegations?: ReadonlyMap<string, StoredDelegation>): void {
  commitDelta(loaded.state, delta);
  if (delegations !== undefined && delegations !== loaded.delegations) {
    loaded.delegations.clear();
    for (const [id, stored] of delegations) loaded.delegations.set(id, stored);
    loaded.state.delegations.clear();
    for (const [id, stored] of delegations) loaded.state.delegations.set(id, stored.known);
  }
}

export type { Manifest };
