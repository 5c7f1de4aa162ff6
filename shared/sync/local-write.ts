/**
 * Local writes (DESIGN.md §4): every edit the user makes becomes one change-set on this device's chain,
 * and the whole call (one local transaction) is sealed by one signed checkpoint over its last change-set.
 *
 * - One change-set per edit, at consecutive seqs; `prev` links each to the one before (the current head
 *   of the device's chain for the first). Several edits of the same record in one call are chained the
 *   same way: each sees the previous one's heads, so its default bases replace them (no self-conflict).
 * - One HLC tick per change-set, from the replica's clock: the local clock never goes backwards.
 * - Default base of an operation = the current heads of its field (`currentBase`); for the tombstone,
 *   the heads of every field (a delete names everything it saw, so an edit it did not see shows as a
 *   delete conflict elsewhere). An explicit base is used as given (conflict resolution).
 * - New records get a fresh id owned by the local delegation.
 *
 * Refusals throw SyncError before anything is changed (the state is read-only here; nothing is
 * returned): editing a record owned by another delegation (`not-owner`), an id the replica does not hold
 * (`unknown-record`), another kind than the record's (`kind-mismatch`), a kind rule (`kind-rule`), this
 * device's chain frozen by fork evidence (`chain-frozen`), or anything malformed or beyond a bound
 * (`invalid`; `details.reason` is `too-many-fields` or `too-many-heads` for the record bounds of
 * docs/sync.md §10, `too-many-base-heads` for a delete or restore of a record with more than
 * MAX_BASE_HEADS heads in total). These are
 * UI or programming errors, not hostile input, which is why they throw rather than report.
 */
import { bytesEqual, CryptoError, fromBase64, type RandomSource, systemRandom } from '../crypto';
import { ChangeSetError, createChangeSet, FieldNameSchema, MAX_BASE_HEADS, MAX_OPS_PER_CHANGESET, TOMBSTONE_FIELD } from './changeset';
import { type SignedCheckpoint, signCheckpoint } from './checkpoint';
import { advanceChain, highestHeld } from './chain';
import { type Hlc, tick } from './hlc';
import { newRecordId, ownerOfRecord } from './ids';
import type { Json } from './json';
import { type KindRules, writtenValues } from './kind-rules';
import { viewOf } from './merge';
import type { LoggedChangeSet, RecordView } from './model';
import type { ReplicaDelta, ReplicaState } from './replica';
import { emptyDelta } from './replica';
import { SyncError } from './errors';
import type { Tlp } from './tlp';
import { WorkingRecord } from './working-record';

export interface LocalOperation {
  readonly field: string;
  readonly value: Json;
  /** Heads replaced (change-set hashes); omitted: the current heads (see the module comment). */
  readonly base?: readonly string[];
}

export interface LocalEdit {
  /** Omitted: a new record owned by the local delegation. */
  readonly record?: string;
  readonly kind: string;
  readonly tlp: Tlp;
  readonly ops: readonly LocalOperation[];
}

export interface LocalWriteInput {
  readonly edits: readonly LocalEdit[];
  /** The delegation's Ed25519 secret key (tweetnacl's 64-byte form), to sign the checkpoint. */
  readonly signingSecretKey: Uint8Array;
  /** Physical clock, ms since the epoch. */
  readonly now: number;
  readonly random?: RandomSource;
  readonly kindRules?: KindRules;
}

export interface LocalWriteResult {
  readonly delta: ReplicaDelta;
  /** The new change-sets, in chain order. */
  readonly logged: readonly LoggedChangeSet[];
  /** Signed over the last change-set of the call. */
  readonly checkpoint: SignedCheckpoint;
  /** The touched records as the UI shows them, in the order first touched. */
  readonly views: readonly RecordView[];
}

function checkOps(ops: readonly LocalOperation[], index: number): void {
  if (ops.length === 0 || ops.length > MAX_OPS_PER_CHANGESET) {
    throw new SyncError('invalid', `Edit ${index} has ${ops.length} operations; 1 to ${MAX_OPS_PER_CHANGESET} are allowed.`, { edit: index });
  }
  const fields = new Set<string>();
  for (const op of ops) {
    if (!FieldNameSchema.safeParse(op.field).success) throw new SyncError('invalid', `Edit ${index}: "${op.field}" is not a field name.`, { edit: index, field: op.field });
    if (fields.has(op.field)) throw new SyncError('invalid', `Edit ${index} changes ${op.field} twice.`, { edit: index, field: op.field });
    fields.add(op.field);
    if (op.field === TOMBSTONE_FIELD && typeof op.value !== 'boolean') {
      throw new SyncError('invalid', `Edit ${index}: ${TOMBSTONE_FIELD} must be true (delete) or false (restore).`, { edit: index, field: op.field });
    }
  }
}

/** Computes the change-sets, records and checkpoint of one local transaction. Throws SyncError. */
export function localWrite(state: ReplicaState, input: LocalWriteInput): LocalWriteResult {
  const random = input.random ?? systemRandom;
  const { localDelegation, localDevice } = state;
  if (input.edits.length === 0) throw new SyncError('invalid', 'Nothing to write.');

  const delegation = state.delegations.get(localDelegation);
  if (delegation === undefined || delegation.revoked) throw new SyncError('invalid', `The local delegation ${localDelegation} is unknown or revoked.`);
  if (!delegation.devices.includes(localDevice)) {
    throw new SyncError('invalid', `This device (${localDevice}) is not registered in the key event log: nobody could verify what it signs.`);
  }
  const publicKey = input.signingSecretKey.length === 64 ? input.signingSecretKey.subarray(32) : null;
  if (publicKey === null || !bytesEqual(publicKey, fromBase64(delegation.signingKey, 'signingKey'))) {
    throw new SyncError('invalid', 'The signing key is not the local delegation’s current signing key.');
  }

  const previous = state.chains.get(localDevice);
  if (previous?.fork) throw new SyncError('chain-frozen', `This device signed two histories (fork at seq ${previous.fork.seq}); it must not sign more.`);
  let seq = highestHeld(previous);
  let prev: string | null = null;
  if (seq > 0) {
    const head = state.log.hashAt(localDevice, seq);
    if (head === undefined) throw new SyncError('invalid', `The head of this device's chain (seq ${seq}) is not in the log.`);
    prev = head;
  }

  let hlc: Hlc = state.hlc.node === localDevice ? state.hlc : { ...state.hlc, node: localDevice };
  const working = new Map<string, WorkingRecord>();
  const logged: LoggedChangeSet[] = [];
  input.edits.forEach((edit, index) => {
    checkOps(edit.ops, index);
    let record: WorkingRecord;
    let recordId: string;
    if (edit.record === undefined) {
      recordId = newRecordId(localDelegation, random);
      record = WorkingRecord.empty(recordId, edit.kind, localDelegation);
    } else {
      recordId = edit.record;
      const owner = ownerOfRecord(recordId);
      if (owner === null) throw new SyncError('invalid', `${recordId} is not a record id.`, { edit: index });
      if (owner !== localDelegation) throw new SyncError('not-owner', `Record ${recordId} belongs to delegation ${owner}: only its owner may change it.`, { edit: index, owner });
      const stored = state.records.get(recordId);
      const existing = working.get(recordId) ?? (stored === undefined ? undefined : WorkingRecord.from(stored));
      if (existing === undefined) throw new SyncError('unknown-record', `Record ${recordId} is not held by this replica.`, { edit: index });
      if (existing.kind !== edit.kind) {
        throw new SyncError('kind-mismatch', `Record ${recordId} is a ${existing.kind}, not a ${edit.kind}.`, { edit: index, kind: existing.kind });
      }
      record = existing;
    }

    seq += 1;
    hlc = tick(hlc, input.now);
    const ops = edit.ops.map((op) => ({ field: op.field, value: op.value, base: op.base ?? record.currentBase(op.field) }));
    const tombstone = ops.find((op) => op.field === TOMBSTONE_FIELD);
    if (tombstone !== undefined && tombstone.base.length > MAX_BASE_HEADS) {
      throw new SyncError(
        'invalid',
        `Edit ${index}: record ${recordId} holds ${tombstone.base.length} current values over its fields (unresolved conflicts); deleting or restoring it names all of them, and at most ${MAX_BASE_HEADS} are allowed. Resolve its conflicts first.`,
        { edit: index, reason: 'too-many-base-heads' },
      );
    }
    let created;
    try {
      created = createChangeSet({ device: localDevice, seq, prev, tlp: edit.tlp, record: recordId, kind: edit.kind, hlc, ops }, random);
    } catch (error) {
      if (error instanceof ChangeSetError) throw new SyncError('invalid', `Edit ${index}: ${[error.message, ...error.issues].join(' ')}`, { edit: index });
      if (error instanceof CryptoError) throw new SyncError('invalid', `Edit ${index}: ${error.message}`, { edit: index });
      throw error;
    }
    const content = created.changeSet.content;
    if (content === undefined) throw new SyncError('invalid', 'A local change-set has no content.');
    const bound = record.capProblem(content, created.hash);
    if (bound !== null) throw new SyncError('invalid', `Edit ${index}: ${bound.message}`, { edit: index, reason: bound.reason });
    if (input.kindRules !== undefined) {
      const reason = input.kindRules.check({
        kind: edit.kind,
        recordId,
        owner: localDelegation,
        authorDelegation: localDelegation,
        values: writtenValues(content.ops),
        ops: content.ops,
      });
      if (reason !== null) throw new SyncError('kind-rule', reason, { edit: index, reason });
    }
    const entry: LoggedChangeSet = { hash: created.hash, delegation: localDelegation, changeSet: created.changeSet };
    record.apply(entry);
    working.set(recordId, record);
    logged.push(entry);
    prev = created.hash;
  });

  const last = logged.at(-1) as LoggedChangeSet;
  const checkpoint = signCheckpoint({ delegation: localDelegation, device: localDevice, seq, head: last.hash }, input.signingSecretKey);
  const chain = advanceChain(
    previous,
    localDevice,
    localDelegation,
    logged.map((entry) => entry.changeSet.header.seq),
    checkpoint,
    null,
  );
  const records = [...working.values()].map((record) => record.freeze());
  return {
    delta: { ...emptyDelta(state), records, logged, chains: [chain], hlc },
    logged,
    checkpoint,
    views: records.map(viewOf),
  };
}
