/**
 * Opening the records table (replica-store.ts decodeRecordRows): a row must hold exactly the records the
 * manifest lists under its storage id, all of the row's kind, whether it is a bucket or a bare record
 * written before buckets; the records come back in the manifest's order whichever rows they share.
 */
import { describe, expect, it } from 'vitest';
import type { RecordState } from '@shared/sync';
import { VaultFailure } from '../../../renderer/vault-worker/errors';
import { encodeJson } from '../../../renderer/vault-worker/json-payload';
import type { Manifest } from '../../../renderer/vault-worker/manifest';
import { encodeRecordBucket, encodeRecordState } from '../../../renderer/vault-worker/record-codec';
import { decodeRecordRows } from '../../../renderer/vault-worker/replica-store';
import type { OpenedRecordRow } from '../../../renderer/vault-worker/repository';

const OWNER = 'a'.repeat(26);
const HLC = '001767225600000.00000.node';

function record(suffix: string, kind = 'need'): RecordState {
  const id = `${OWNER}-${suffix.padEnd(26, 'q')}`;
  const head = { cs: 'c'.repeat(64), value: `title ${suffix}`, hlc: HLC, device: 'd'.repeat(26), delegation: OWNER };
  return { id, kind, owner: OWNER, fields: { title: { heads: [head], superseded: [] } }, created: HLC, updated: HLC, tlp: 'GREEN' };
}

function manifestOf(entries: [RecordState, string][]): Manifest {
  return {
    rows: new Map(),
    records: new Map(entries.map(([state, sid]) => [state.id, { sid, version: 0 }])),
    audit: { count: 0, head: null },
    keyring: { passphrase: 'p', recovery: 'r' },
    log: [],
  };
}

function bucketRow(sid: string, listed: RecordState[], held: RecordState[] = listed, kind = 'need'): OpenedRecordRow {
  return { sid, kind, recordIds: listed.map((state) => state.id), payload: encodeJson(encodeRecordBucket(held)) };
}

function refusal(call: () => unknown): VaultFailure {
  try {
    call();
  } catch (error) {
    if (error instanceof VaultFailure) return error;
    throw error;
  }
  throw new Error('expected vault-corrupt');
}

describe('opening record rows', () => {
  const [a, b, c] = [record('a'), record('b'), record('c')];

  it('returns the records of buckets and of bare rows from before buckets, in manifest order', () => {
    const legacy: OpenedRecordRow = { sid: 'legacy', kind: 'need', recordIds: [b.id], payload: encodeJson(encodeRecordState(b)) };
    const manifest = manifestOf([
      [a, 'bucket'],
      [b, 'legacy'],
      [c, 'bucket'],
    ]);
    const records = decodeRecordRows([bucketRow('bucket', [a, c]), legacy], manifest);
    expect(records.map((state) => state.id)).toEqual([a.id, b.id, c.id]);
    expect(records[1]).toEqual(b);
  });

  it.each([
    ['a record the manifest does not list there', () => bucketRow('bucket', [a], [a, b])],
    ['a record missing that the manifest lists there', () => bucketRow('bucket', [a, b], [a])],
    ['a record twice instead of two', () => bucketRow('bucket', [a, b], [a, a])],
    ['a record of another kind', () => bucketRow('bucket', [a, b], [a, record('b', 'offer')])],
  ])('refuses a row holding %s as vault-corrupt, naming the row', (_name, row) => {
    const manifest = manifestOf([
      [a, 'bucket'],
      [b, 'bucket'],
    ]);
    const error = refusal(() => decodeRecordRows([row()], manifest));
    expect(error.code).toBe('vault-corrupt');
    expect(error.details).toMatchObject({ table: 'records', id: 'bucket', reason: 'content-invalid', recordId: a.id });
    expect(error.message).toContain('records/bucket');
  });
});
