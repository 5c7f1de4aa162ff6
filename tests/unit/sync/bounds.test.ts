/**
 * The bounds of docs/sync.md §10 that keep a hostile peer from making an import expensive, and the rule
 * that kind rules judge a change-set by what it writes (never by merge order, which differs between
 * replicas).
 */
import { describe, expect, it } from 'vitest';
import {
  commitDelta,
  contentDigest,
  localWrite,
  type IngestReport,
  isSyncError,
  type KindRules,
  MAX_BASE_HEADS,
  MAX_FIELDS_PER_RECORD,
  MAX_HEADS_PER_REGISTER,
  type SignedCheckpoint,
} from '@shared/sync';
import { checkpointFor, clone, craft, fingerprintOf, makeBundle, makeDelegation, recordOf, T0, TestReplica } from './helpers';

const ua = makeDelegation('bounds-ua', 2);
const ee = makeDelegation('bounds-ee');
const everyone = [ua, ee];
const [dev0, dev1] = ua.devices as [string, string];

const receiver = (): TestReplica => new TestReplica(ee, ee.devices[0] as string, everyone);
const reasons = (report: IngestReport): string[] => report.rejected.map((rejection) => rejection.reason);
const fieldName = (index: number): string => `f${index}`;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('kind rules see only what the change-set writes', () => {
  it('a bad value with an older clock than an existing head is rejected whatever the arrival order', () => {
    const record = recordOf(ua, 'older-clock');
    const create = craft({ delegation: ua, device: dev0, seq: 1, record, hlc: T0 + 1000, ops: [{ field: 'title', value: 'a' }] });
    const newer = craft({ delegation: ua, device: dev0, seq: 2, prev: create.hash, record, hlc: T0 + 5000, ops: [{ field: 'title', value: 'b', base: [create.hash] }] });
    // Causally after the creation but dated before it (a device with a slow clock, or a hostile one).
    const bad = craft({ delegation: ua, device: dev1, seq: 1, record, hlc: T0 + 500, ops: [{ field: 'title', value: '', base: [create.hash] }] });
    const seen: unknown[] = [];
    const kindRules: KindRules = {
      check: (input) => {
        seen.push(input.values);
        return input.values['title'] === '' ? 'a title is never empty' : null;
      },
    };
    const send = (target: TestReplica, changeSets: readonly { changeSet: unknown; hash: string }[], checkpoints: readonly SignedCheckpoint[]): IngestReport =>
      target.receive(clone({ changeSets: changeSets.map((item) => item.changeSet), checkpoints, from: ua.id }), { kindRules }).report;
    const cp0at1 = checkpointFor(ua, dev0, 1, create.hash);
    const cp0at2 = checkpointFor(ua, dev0, 2, newer.hash);
    const cp1 = checkpointFor(ua, dev1, 1, bad.hash);

    const a = receiver();
    expect(send(a, [create, newer], [cp0at2]).applied).toBe(2);
    expect(reasons(send(a, [bad], [cp1]))).toEqual(['kind-rule']);

    const b = receiver();
    expect(send(b, [create], [cp0at1]).applied).toBe(1);
    expect(reasons(send(b, [bad], [cp1]))).toEqual(['kind-rule']);
    expect(send(b, [newer], [cp0at2]).applied).toBe(1);

    expect(fingerprintOf(a.state)).toEqual(fingerprintOf(b.state));
    // `values` is exactly what each change-set writes, never the merged record.
    expect(seen).toEqual([{ title: 'a' }, { title: 'b' }, { title: '' }, { title: 'a' }, { title: '' }, { title: 'b' }]);
  });

  it('a tombstone-only change-set gives empty values (the tombstone is read from ops); local writes alike', () => {
    const source = new TestReplica(ua, dev0, everyone);
    const seen: unknown[] = [];
    const kindRules: KindRules = {
      check: (input) => {
        seen.push({ values: input.values, fields: input.ops.map((op) => op.field) });
        return null;
      },
    };
    const write = (edits: Parameters<TestReplica['write']>[0]): ReturnType<typeof localWrite> => {
      source.clock += 1000;
      const result = localWrite(source.state, { edits, signingSecretKey: ua.keys.signing.secretKey, now: source.clock, random: source.random, kindRules });
      commitDelta(source.state, result.delta);
      return result;
    };
    const id = write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }, { field: 'quantity', value: 2 }] }]).views[0]?.id as string;
    write([{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'quantity', value: 3 }] }]);
    write([{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: '_deleted', value: true }] }]);
    expect(seen).toEqual([
      { values: { quantity: 2, title: 'x' }, fields: ['quantity', 'title'] },
      { values: { quantity: 3 }, fields: ['quantity'] },
      { values: {}, fields: ['_deleted'] },
    ]);
    seen.length = 0;
    receiver().receive(makeBundle(source.state, null), { kindRules });
    expect(seen).toHaveLength(3);
    expect(seen[2]).toEqual({ values: {}, fields: ['_deleted'] });
  });
});

describe('record bounds (docs/sync.md §10)', () => {
  it('schema: a base of an ordinary field names at most MAX_HEADS_PER_REGISTER heads, a tombstone base at most MAX_BASE_HEADS', () => {
    const hashes = (n: number): string[] => Array.from({ length: n }, (_, i) => contentDigest({ i })).sort();
    const record = recordOf(ua, 'wide-base');
    expect(() => craft({ delegation: ua, record, hlc: T0, ops: [{ field: 'title', value: 'x', base: hashes(MAX_HEADS_PER_REGISTER) }] })).not.toThrow();
    expect(() => craft({ delegation: ua, record, hlc: T0, ops: [{ field: 'title', value: 'x', base: hashes(MAX_HEADS_PER_REGISTER + 1) }] })).toThrow();
    expect(() => craft({ delegation: ua, record, hlc: T0, ops: [{ field: '_deleted', value: true, base: hashes(MAX_BASE_HEADS) }] })).not.toThrow();
    expect(() => craft({ delegation: ua, record, hlc: T0, ops: [{ field: '_deleted', value: true, base: hashes(MAX_BASE_HEADS + 1) }] })).toThrow();
  });

  it('local writes: too many fields, too many concurrent heads, a delete naming too many heads', () => {
    const source = new TestReplica(ua, dev0, everyone);
    const all = Array.from({ length: MAX_FIELDS_PER_RECORD }, (_, i) => ({ field: fieldName(i), value: i }));
    const id = source.write([{ kind: 'note', tlp: 'GREEN', ops: all }]).views[0]?.id as string;
    const tooMany = thrown(() => source.write([{ record: id, kind: 'note', tlp: 'GREEN', ops: [{ field: 'extra', value: 1 }] }]));
    expect(isSyncError(tooMany, 'invalid')).toBe(true);
    expect((tooMany as { details: { reason: string } }).details.reason).toBe('too-many-fields');
    expect((tooMany as Error).message).toContain(String(MAX_FIELDS_PER_RECORD));

    // Explicit empty bases add concurrent heads: MAX_HEADS_PER_REGISTER − 1 more are fine, then refused.
    const concurrent = (n: number): Parameters<TestReplica['write']>[0] => Array.from({ length: n }, (_, i) => ({ record: id, kind: 'note', tlp: 'GREEN', ops: [{ field: 'f0', value: `c${i}`, base: [] }] }));
    source.write(concurrent(MAX_HEADS_PER_REGISTER - 1));
    expect(source.state.records.get(id)?.fields['f0']?.heads).toHaveLength(MAX_HEADS_PER_REGISTER);
    const heads = thrown(() => source.write(concurrent(1)));
    expect((heads as { details: { reason: string } }).details.reason).toBe('too-many-heads');
    // Resolving (default base = every head) is always possible.
    source.write([{ record: id, kind: 'note', tlp: 'GREEN', ops: [{ field: 'f0', value: 'resolved' }] }]);
    expect(source.state.records.get(id)?.fields['f0']?.heads).toHaveLength(1);

    // A delete's base names the change-sets of every head of every field: 17 fields × 63 concurrent
    // one-op edits each make 1,072 of them with the creation, more than MAX_BASE_HEADS.
    const edits = Array.from({ length: 17 * (MAX_HEADS_PER_REGISTER - 1) }, (_, n) => ({ record: id, kind: 'note', tlp: 'GREEN' as const, ops: [{ field: fieldName(1 + (n % 17)), value: n, base: [] }] }));
    source.write(edits);
    const wide = thrown(() => source.write([{ record: id, kind: 'note', tlp: 'GREEN', ops: [{ field: '_deleted', value: true }] }]));
    expect((wide as { details: { reason: string } }).details.reason).toBe('too-many-base-heads');
    expect((wide as Error).message).toMatch(/Resolve its conflicts first/u);
  });

  it('a hostile history ingests in time linear in its size; the caps reject what exceeds them', () => {
    const record = recordOf(ua, 'hostile');
    const WIDE = 200;
    const NARROW = 20_000;
    const CONCURRENT = MAX_HEADS_PER_REGISTER + 6;
    const changeSets: unknown[] = [];
    const heads = new Map<string, string>();
    const expected = new Map<string, number | string>();
    let prev: string | null = null;
    let seq = 0;
    const push = (ops: { field: string; value: unknown; base?: string[] }[]): string => {
      seq += 1;
      const made = craft({ delegation: ua, device: dev0, seq, prev, record, kind: 'note', hlc: T0 + seq, ops });
      changeSets.push(made.changeSet);
      prev = made.hash;
      return made.hash;
    };
    const started = performance.now();
    for (let round = 0; round < WIDE; round += 1) {
      const ops = Array.from({ length: MAX_FIELDS_PER_RECORD }, (_, i) => ({ field: fieldName(i), value: round, base: heads.has(fieldName(i)) ? [heads.get(fieldName(i)) as string] : [] }));
      const hash = push(ops);
      for (const op of ops) {
        heads.set(op.field, hash);
        expected.set(op.field, round);
      }
    }
    for (let n = 0; n < NARROW; n += 1) {
      const field = fieldName(n % MAX_FIELDS_PER_RECORD);
      const hash = push([{ field, value: `n${n}`, base: [heads.get(field) as string] }]);
      heads.set(field, hash);
      expected.set(field, `n${n}`);
    }
    // f1 gets concurrent heads (empty bases) up to the bound and beyond; then a 257th field.
    for (let n = 0; n < CONCURRENT; n += 1) push([{ field: 'f1', value: `c${n}`, base: [] }]);
    push([{ field: 'extra', value: 1 }]);
    const built = performance.now();
    const target = receiver();
    const kindRules: KindRules = { check: () => null };
    const input = { changeSets, checkpoints: [checkpointFor(ua, dev0, seq, prev as unknown as string)], from: ua.id };
    const ingestStart = performance.now();
    const outcome = target.receive(input, { kindRules, now: T0 + seq + 1000 });
    const done = performance.now();
    console.info(
      `hostile history: ${changeSets.length} change-sets (${WIDE} × ${MAX_FIELDS_PER_RECORD} fields + ${NARROW} one-op + ${CONCURRENT + 1} over the caps); ` +
        `built in ${(built - started).toFixed(0)} ms, ingested in ${(done - ingestStart).toFixed(0)} ms`,
    );

    const accepted = MAX_HEADS_PER_REGISTER - 1;
    expect(outcome.report.refused).toBeNull();
    expect(outcome.report.applied).toBe(WIDE + NARROW + accepted);
    expect(reasons(outcome.report)).toEqual([...Array.from({ length: CONCURRENT - accepted }, () => 'too-many-heads'), 'too-many-fields']);
    const state = target.state.records.get(record);
    expect(Object.keys(state?.fields ?? {})).toHaveLength(MAX_FIELDS_PER_RECORD);
    expect(state?.fields['f1']?.heads).toHaveLength(MAX_HEADS_PER_REGISTER);
    for (const [field, value] of expected) {
      if (field === 'f1') continue;
      expect(state?.fields[field]?.heads.map((head) => head.value)).toEqual([value]);
    }
  });
});
