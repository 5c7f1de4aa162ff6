/**
 * Local writes (docs/sync.md §8): one change-set per edit on this device's chain, one signed checkpoint
 * per call, default bases, and refusals that change nothing.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, fromBase64 } from '@shared/crypto';
import {
  commitDelta,
  currentBase,
  isSyncError,
  localWrite,
  ownerOfRecord,
  parseHlc,
  type RecordState,
  type SyncErrorCode,
  TOMBSTONE_FIELD,
  verifyCheckpointSignature,
  viewOf,
} from '@shared/sync';
import { makeBundle, makeDelegation, T0, TestReplica } from './helpers';

const ua = makeDelegation('write-ua', 2);
const ee = makeDelegation('write-ee');
const everyone = [ua, ee];
const [device, secondDevice] = ua.devices as [string, string];

function replica(): TestReplica {
  return new TestReplica(ua, device, everyone);
}

function refusal(run: () => unknown): SyncErrorCode {
  try {
    run();
  } catch (error) {
    if (isSyncError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a SyncError');
}

describe('local writes', () => {
  it('chains one change-set per edit and signs one checkpoint over the last', () => {
    const desk = replica();
    const result = desk.write([
      { kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'Generators' }, { field: 'quantity', value: 12 }] },
      { kind: 'offer', tlp: 'AMBER', ops: [{ field: 'title', value: 'Diesel' }] },
    ]);
    expect(result.logged.map((l) => l.changeSet.header.seq)).toEqual([1, 2]);
    expect(result.logged[0]?.changeSet.header.prev).toBeNull();
    expect(result.logged[1]?.changeSet.header.prev).toBe(result.logged[0]?.hash);
    expect(result.checkpoint.checkpoint).toMatchObject({ delegation: ua.id, device, seq: 2, head: result.logged[1]?.hash });
    expect(verifyCheckpointSignature(result.checkpoint, fromBase64(ua.known.signingKey))).toBe(true);
    expect(result.views.map((view) => [view.kind, view.tlp, view.values])).toEqual([
      ['need', 'GREEN', { quantity: 12, title: 'Generators' }],
      ['offer', 'AMBER', { title: 'Diesel' }],
    ]);
    for (const view of result.views) expect(ownerOfRecord(view.id)).toBe(ua.id);
    expect(desk.state.chains.get(device)).toMatchObject({ contiguous: 2, beyond: [], checkpoint: result.checkpoint });
    const next = desk.write([{ kind: 'note', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    expect(next.logged[0]?.changeSet.header).toMatchObject({ seq: 3, prev: result.logged[1]?.hash });
  });

  it('default bases replace the current heads; edits of one record in one call chain without conflict', () => {
    const desk = replica();
    const created = desk.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'a' }] }]);
    const id = created.views[0]?.id as string;
    const result = desk.write([
      { record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'b' }] },
      { record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'c' }] },
    ]);
    expect(result.logged[0]?.changeSet.content?.ops[0]?.base).toEqual([created.logged[0]?.hash]);
    expect(result.logged[1]?.changeSet.content?.ops[0]?.base).toEqual([result.logged[0]?.hash]);
    expect(result.views).toHaveLength(1);
    expect(result.views[0]).toMatchObject({ values: { title: 'c' }, conflicts: [] });
  });

  it('a delete names every head it saw; an explicit base is used as given', () => {
    const desk = replica();
    const created = desk.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'a' }] }]);
    const id = created.views[0]?.id as string;
    const edited = desk.write([{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'quantity', value: 3 }] }]);
    const record = desk.state.records.get(id) as RecordState;
    const deleted = desk.write([{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: TOMBSTONE_FIELD, value: true }] }]);
    expect(deleted.logged[0]?.changeSet.content?.ops[0]?.base).toEqual([created.logged[0]?.hash, edited.logged[0]?.hash].sort());
    expect(deleted.views[0]).toMatchObject({ deleted: true, deleteConflict: false });
    expect(currentBase(record, TOMBSTONE_FIELD)).toEqual([created.logged[0]?.hash, edited.logged[0]?.hash].sort());
    const explicit = desk.write([{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'notes', value: 'n', base: [] }] }]);
    expect(explicit.logged[0]?.changeSet.content?.ops[0]?.base).toEqual([]);
  });

  it('refuses, changing nothing: not-owner, unknown-record, kind-mismatch, kind-rule, invalid', () => {
    const desk = replica();
    const created = desk.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'a' }] }]);
    const id = created.views[0]?.id as string;
    const before = canonicalJson({ records: [...desk.state.records], chains: [...desk.state.chains], log: desk.state.log.size, hlc: desk.state.hlc });
    const key = ua.keys.signing.secretKey;
    const write = (edits: Parameters<typeof localWrite>[1]['edits'], extra: Partial<Parameters<typeof localWrite>[1]> = {}) => () =>
      localWrite(desk.state, { edits, signingSecretKey: key, now: T0 + 99_000, ...extra });
    const foreign = `${ee.id}-${id.split('-')[1] as string}`;
    expect(refusal(write([{ record: foreign, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]))).toBe('not-owner');
    expect(refusal(write([{ record: `${ua.id}-${'a'.repeat(26)}`, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]))).toBe('unknown-record');
    expect(refusal(write([{ record: id, kind: 'offer', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]))).toBe('kind-mismatch');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }], { kindRules: { check: () => 'no new needs today' } }))).toBe('kind-rule');
    expect(refusal(write([]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'Title', value: 'x' }] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }, { field: 'title', value: 'y' }] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: TOMBSTONE_FIELD, value: 1 }] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x', base: ['not a hash'] }] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'Need!', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'amount', value: Number.NaN }] }]))).toBe('invalid');
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }], { signingSecretKey: ee.keys.signing.secretKey }))).toBe('invalid');
    // A valid edit before an invalid one: nothing of the call is kept either.
    expect(refusal(write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'ok' }] }, { record: foreign, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]))).toBe('not-owner');
    expect(canonicalJson({ records: [...desk.state.records], chains: [...desk.state.chains], log: desk.state.log.size, hlc: desk.state.hlc })).toBe(before);
  });

  it('an unregistered device, or a frozen chain, may not write', () => {
    const desk = new TestReplica(ua, device, everyone);
    desk.state.delegations.set(ua.id, { ...ua.known, devices: [secondDevice] });
    expect(refusal(() => desk.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]))).toBe('invalid');
    const frozen = new TestReplica(ua, device, everyone);
    frozen.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const chain = frozen.state.chains.get(device);
    if (chain === undefined) throw new Error('no chain');
    frozen.state.chains.set(device, { ...chain, fork: { device, seq: 1, hashes: ['a', 'b'], checkpoints: [], headers: [], detectedAt: new Date(T0).toISOString() } });
    expect(refusal(() => frozen.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'y' }] }]))).toBe('chain-frozen');
  });

  it('the local clock never goes backwards, even when the wall clock does; counters roll over', () => {
    const desk = replica();
    desk.clock = T0 + 10_000;
    const first = desk.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'a' }] }]);
    desk.clock = T0 - 86_400_000;
    const second = desk.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'b' }] }]);
    const a = parseHlc(first.logged[0]?.changeSet.content?.hlc as string);
    const b = parseHlc(second.logged[0]?.changeSet.content?.hlc as string);
    expect(b?.wall).toBe(a?.wall);
    expect(b?.counter).toBe((a?.counter ?? 0) + 1);
    desk.state.hlc = { wall: T0 + 20_000, counter: 99_999, node: device };
    const third = localWrite(desk.state, { edits: [{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'c' }] }], signingSecretKey: ua.keys.signing.secretKey, now: T0 });
    expect(parseHlc(third.logged[0]?.changeSet.content?.hlc as string)).toEqual({ wall: T0 + 20_001, counter: 0, node: device });
    expect(third.delta.hlc).toEqual({ wall: T0 + 20_001, counter: 0, node: device });
  });

  it('another device of the same delegation continues its own chain and may edit the records', () => {
    const first = replica();
    const created = first.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'a' }] }]);
    const second = new TestReplica(ua, secondDevice, everyone);
    second.receive(makeBundle(first.state, second.state));
    const edit = second.write([{ record: created.views[0]?.id as string, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'b' }] }]);
    expect(edit.logged[0]?.changeSet.header).toMatchObject({ device: secondDevice, seq: 1, prev: null });
    expect(edit.views[0]?.values).toEqual({ title: 'b' });
    const back = first.receive(makeBundle(second.state, first.state));
    expect(back.report.applied).toBe(1);
    expect(viewOf(first.state.records.get(created.views[0]?.id as string) as RecordState).values).toEqual({ title: 'b' });
  });

  it('the delta commits into exactly the state the views describe', () => {
    const desk = replica();
    const result = localWrite(desk.state, { edits: [{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'a' }] }], signingSecretKey: ua.keys.signing.secretKey, now: T0 });
    expect(desk.state.records.size).toBe(0);
    commitDelta(desk.state, result.delta);
    expect(viewOf(desk.state.records.get(result.views[0]?.id as string) as RecordState)).toEqual(result.views[0]);
    expect(desk.state.log.size).toBe(1);
  });
});
