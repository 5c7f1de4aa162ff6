/**
 * The compact stored form of a record's merge state must decode to exactly the RecordState that was
 * encoded, for states produced by the real merge (field conflicts, tombstones with bases, superseded
 * lists), or the tables would stop being a faithful view of the log.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/crypto';
import { applyChangeSet, type LoggedChangeSet, type RecordState } from '@shared/sync';
import { decodeRecordBucket, decodeRecordState, encodeRecordBucket, encodeRecordState, RECORD_BUCKET_SIZE } from '../../../renderer/vault-worker/record-codec';
import { foreignDelegation } from '../../support/foreign-delegation';

function history(): RecordState {
  const partner = foreignDelegation({ name: 'Partner', country: 'DE', role: 'partner', seed: 9, devices: 2 });
  const record = partner.newRecordId();
  const logged = (result: ReturnType<typeof partner.write>): LoggedChangeSet => ({ hash: result.hash, delegation: partner.id, changeSet: result.changeSet });
  const wall = Date.UTC(2026, 0, 1);
  const create = partner.write({ record, kind: 'offer', wallMs: wall, ops: [{ field: 'title', value: 'EDR' }, { field: 'quantity', value: 10 }, { field: 'notes', value: { a: [1, 'два'] } }] });
  const editA = partner.write({ device: 0, record, kind: 'offer', wallMs: wall + 1, ops: [{ field: 'quantity', value: 12, base: [create.hash] }] });
  const editB = partner.write({ device: 1, record, kind: 'offer', wallMs: wall + 2, ops: [{ field: 'quantity', value: 15, base: [create.hash] }] });
  const remove = partner.write({ device: 1, record, kind: 'offer', wallMs: wall + 3, ops: [{ field: '_deleted', value: true, base: [create.hash] }] });
  let state: RecordState | undefined;
  for (const result of [create, editA, editB, remove]) state = applyChangeSet(state, logged(result));
  if (state === undefined) throw new Error('no state');
  return state;
}

describe('record codec', () => {
  it('round-trips a merged state with conflicts, a tombstone base and superseded heads exactly', () => {
    const state = history();
    expect(Object.keys(state.fields)).toContain('_deleted');
    expect(state.fields['quantity']?.heads).toHaveLength(2);
    const stored = JSON.parse(JSON.stringify(encodeRecordState(state))) as unknown;
    expect(canonicalJson(decodeRecordState(stored))).toBe(canonicalJson(state));
  });

  it('stores each writer once, so the row is much smaller than the state', () => {
    const state = history();
    expect(JSON.stringify(encodeRecordState(state)).length).toBeLessThan(JSON.stringify(state).length * 0.8);
  });

  it('refuses rows that are not a stored record (a head naming a missing writer, a wrong shape)', () => {
    const stored = JSON.parse(JSON.stringify(encodeRecordState(history()))) as { f: [string, [number, unknown][], string[]][] };
    const broken = structuredClone(stored);
    (broken.f[0] as [string, [number, unknown][], string[]])[1][0] = [99, 'x'];
    expect(decodeRecordState(broken)).toBeNull();
    expect(decodeRecordState({ ...stored, v: 2 })).toBeNull();
    expect(decodeRecordState(null)).toBeNull();
  });

  it('round-trips a bucket of records, and still opens a row of one bare record written before buckets', () => {
    const state = history();
    const other: RecordState = { ...state, id: `${state.id.slice(0, 27)}${'b'.repeat(26)}` };
    const stored = JSON.parse(JSON.stringify(encodeRecordBucket([state, other]))) as unknown;
    expect(decodeRecordBucket(stored)?.map((record) => canonicalJson(record))).toEqual([canonicalJson(state), canonicalJson(other)]);
    const legacy = JSON.parse(JSON.stringify(encodeRecordState(state))) as unknown;
    expect(decodeRecordBucket(legacy)?.map((record) => canonicalJson(record))).toEqual([canonicalJson(state)]);
  });

  it('refuses a bucket that is empty, too large, of another version or holding anything but records', () => {
    const item = encodeRecordState(history());
    expect(decodeRecordBucket({ v: 1, bucket: [] })).toBeNull();
    expect(decodeRecordBucket({ v: 1, bucket: Array.from({ length: RECORD_BUCKET_SIZE + 1 }, () => item) })).toBeNull();
    expect(decodeRecordBucket({ v: 2, bucket: [item] })).toBeNull();
    expect(decodeRecordBucket({ v: 1, bucket: [item, { v: 1, id: 'x' }] })).toBeNull();
    expect(decodeRecordBucket({ v: 1, bucket: 'records' })).toBeNull();
    expect(decodeRecordBucket(null)).toBeNull();
  });
});
