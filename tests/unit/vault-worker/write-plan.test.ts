/**
 * Records are stored in bucket rows (record-codec.ts, write-plan.ts): what a plan writes decides how many
 * IndexedDB requests a command costs and whether the manifest still says exactly what each row holds.
 */
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from '@shared/crypto';
import { decodeManifest, encodeManifest, type Manifest } from '../../../renderer/vault-worker/manifest';
import { RECORD_BUCKET_SIZE } from '../../../renderer/vault-worker/record-codec';
import { type RecordStore, type RecordWrite, WritePlan } from '../../../renderer/vault-worker/write-plan';

/** A store that remembers kinds and encodes a bucket as the JSON list of its ids, so tests can read rows back. */
function store(kinds: Map<string, string>): RecordStore & { encoded: string[][] } {
  const encoded: string[][] = [];
  return {
    encoded,
    kindOf: (id) => kinds.get(id),
    encode: (ids) => {
      encoded.push([...ids]);
      return utf8Encode(JSON.stringify(ids));
    },
  };
}

function writes(kind: string, count: number, from = 0): RecordWrite[] {
  return Array.from({ length: count }, (_, index) => ({ id: `${kind}-${String(from + index).padStart(4, '0')}`, kind }));
}

/** Commits a plan's records (as the repository would) and returns the manifest and the rows by sid. */
function written(plan: WritePlan): { manifest: Manifest; rows: Map<string, { kind: string; version: number; ids: string[] }> } {
  const rows = new Map(plan.records.map((row) => [row.sid, { kind: row.kind, version: row.version, ids: JSON.parse(utf8Decode(row.payload)) as string[] }]));
  return { manifest: plan.manifest, rows };
}

describe('record buckets in a write plan', () => {
  const kinds = new Map<string, string>();
  const needs = writes('need', 300);
  const notes = writes('note', 5);
  for (const { id, kind } of [...needs, ...notes]) kinds.set(id, kind);

  function firstVault() {
    const plan = WritePlan.forNewVault('test');
    plan.putRecords([...needs.slice(0, 150), ...notes, ...needs.slice(150)], store(kinds));
    return written(plan);
  }

  it('packs new records into rows of at most RECORD_BUCKET_SIZE of one kind, and lists them in the order written', () => {
    const { manifest, rows } = firstVault();
    expect([...rows.values()].map((row) => [row.kind, row.ids.length, row.version])).toEqual([
      ['need', RECORD_BUCKET_SIZE, 0],
      ['need', RECORD_BUCKET_SIZE, 0],
      ['need', 300 - 2 * RECORD_BUCKET_SIZE, 0],
      ['note', 5, 0],
    ]);
    expect([...manifest.records.keys()]).toEqual([...needs.slice(0, 150), ...notes, ...needs.slice(150)].map((write) => write.id));
    for (const [sid, row] of rows) for (const id of row.ids) expect(manifest.records.get(id)).toEqual({ sid, version: 0 });
  });

  it('re-seals a changed record with exactly the rest of its bucket, at the next version, and writes nothing else', () => {
    const first = firstVault();
    const plan = WritePlan.on(first.manifest, 0, 'edit');
    const target = needs[200] as RecordWrite;
    const recorder = store(kinds);
    plan.putRecords([target], recorder);
    const { manifest, rows } = written(plan);
    const before = first.manifest.records.get(target.id);
    expect([...rows.keys()]).toEqual([before?.sid]);
    const row = rows.get(before?.sid ?? '');
    expect(row?.version).toBe(1);
    expect(row?.ids).toEqual(first.rows.get(before?.sid ?? '')?.ids);
    for (const id of row?.ids ?? []) expect(manifest.records.get(id)).toEqual({ sid: before?.sid, version: 1 });
    expect(recorder.encoded).toHaveLength(1);
  });

  it('fills the fullest bucket of the kind that has room before starting a new one', () => {
    const first = firstVault();
    const more = writes('need', 100, 300);
    for (const { id, kind } of more) kinds.set(id, kind);
    const plan = WritePlan.on(first.manifest, 0, 'more');
    plan.putRecords(more, store(kinds));
    const { manifest, rows } = written(plan);
    const partial = [...first.rows].find(([, row]) => row.kind === 'need' && row.ids.length < RECORD_BUCKET_SIZE);
    const room = RECORD_BUCKET_SIZE - (partial?.[1].ids.length ?? 0);
    expect([...rows.values()].map((row) => [row.kind, row.ids.length, row.version])).toEqual([
      ['need', RECORD_BUCKET_SIZE, 1],
      ['need', 100 - room, 0],
    ]);
    expect(rows.get(partial?.[0] ?? '')?.ids.slice(0, partial?.[1].ids.length)).toEqual(partial?.[1].ids);
    expect([...manifest.records.keys()].slice(-100)).toEqual(more.map((write) => write.id));
  });

  it('re-seals a bucket once, at the next version, when one of its records changes and new ones join it', () => {
    const first = firstVault();
    const partial = [...first.rows].find(([, row]) => row.kind === 'need' && row.ids.length < RECORD_BUCKET_SIZE);
    const member = partial?.[1].ids[0] ?? '';
    const joining = writes('need', 3, 500);
    for (const { id, kind } of joining) kinds.set(id, kind);
    const plan = WritePlan.on(first.manifest, 0, 'both');
    plan.putRecords([{ id: member, kind: 'need' }, ...joining, { id: member, kind: 'need' }], store(kinds));
    const { manifest, rows } = written(plan);
    expect([...rows.keys()]).toEqual([partial?.[0]]);
    expect(rows.get(partial?.[0] ?? '')).toEqual({ kind: 'need', version: 1, ids: [...(partial?.[1].ids ?? []), ...joining.map((write) => write.id)] });
    expect(manifest.records.get(member)).toEqual({ sid: partial?.[0], version: 1 });
    expect([...manifest.records.values()].filter((entry) => entry.sid === '')).toEqual([]);
  });

  it('refuses a record that changes its kind, and a second putRecords on one plan', () => {
    const first = firstVault();
    const plan = WritePlan.on(first.manifest, 0, 'kind');
    expect(() => { plan.putRecords([{ id: needs[0]?.id ?? '', kind: 'note' }], store(kinds)); }).toThrow(/cannot change its kind/u);
    const twice = WritePlan.on(first.manifest, 0, 'twice');
    twice.putRecords([needs[1] as RecordWrite], store(kinds));
    expect(() => { twice.putRecords([needs[2] as RecordWrite], store(kinds)); }).toThrow(/once per plan/u);
  });

  it('places 20,000 new records of one kind in full buckets, each record once', () => {
    const many = writes('offer', 20_000);
    const manyKinds = new Map(many.map((write) => [write.id, write.kind]));
    const plan = WritePlan.forNewVault('many');
    plan.putRecords([...many, ...many.slice(0, 100)], { kindOf: (id) => manyKinds.get(id), encode: (ids) => utf8Encode(JSON.stringify(ids)) });
    const { manifest, rows } = written(plan);
    expect(rows.size).toBe(Math.ceil(20_000 / RECORD_BUCKET_SIZE));
    expect([...rows.values()].flatMap((row) => row.ids)).toEqual(many.map((write) => write.id));
    expect(manifest.records.size).toBe(20_000);
  });

  it('never puts a record of another kind into a bucket', () => {
    const first = firstVault();
    const offers = writes('offer', 3);
    for (const { id, kind } of offers) kinds.set(id, kind);
    const plan = WritePlan.on(first.manifest, 0, 'offers');
    plan.putRecords(offers, store(kinds));
    const { rows } = written(plan);
    expect([...rows.values()].map((row) => [row.kind, row.ids, row.version])).toEqual([['offer', offers.map((write) => write.id), 0]]);
  });
});

describe('the manifest with shared rows', () => {
  it('round-trips records that share a storage id, and refuses one listed at two versions', () => {
    const plan = WritePlan.forNewVault('test');
    const kinds = new Map<string, string>([
      ['a', 'need'],
      ['b', 'need'],
    ]);
    plan.putRecords(
      [
        { id: 'a', kind: 'need' },
        { id: 'b', kind: 'need' },
      ],
      store(kinds),
    );
    const manifest: Manifest = { ...plan.manifest, keyring: { passphrase: 'passphrase-wrap-id', recovery: 'recovery-wrap-id' } };
    const decoded = decodeManifest(encodeManifest(manifest));
    expect([...decoded.records]).toEqual([...manifest.records]);
    expect(new Set([...decoded.records.values()].map((entry) => entry.sid)).size).toBe(1);
    const stored = JSON.parse(utf8Decode(encodeManifest(manifest))) as { records: [string, string, number][] };
    (stored.records[1] as [string, string, number])[2] = 1;
    expect(() => decodeManifest(utf8Encode(JSON.stringify(stored)))).toThrow(/storage id .* at two versions/u);
  });
});
