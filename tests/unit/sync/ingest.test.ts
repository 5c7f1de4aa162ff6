/**
 * `ingest` and `releaseParked` (docs/sync.md §7–§9): the order of checks, every rejection reason, content
 * filling, parking, clock drift, and the promise never to throw.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/crypto';
import { type IngestReport as ProtocolIngestReport, ingestReportSchema } from '@shared/ipc/vault-protocol';
import {
  changeSetHash,
  commitDelta,
  contentDigest,
  DEFAULT_MAX_DRIFT_MS,
  ingest,
  type IngestInput,
  type IngestReport,
  type KindRules,
  type LoggedChangeSet,
  redact,
  releaseParked,
  type SignedCheckpoint,
  versionVector,
} from '@shared/sync';
import { checkpointFor, clone, craft, fingerprintOf, makeBundle, makeDelegation, recordOf, T0, TestReplica } from './helpers';

const ua = makeDelegation('ingest-ua', 2);
const ee = makeDelegation('ingest-ee');
const fr = makeDelegation('ingest-fr');
const everyone = [ua, ee, fr];
const uaDevice = ua.devices[0] as string;

function writer(): TestReplica {
  return new TestReplica(ua, uaDevice, everyone);
}

function receiver(options: { verified?: boolean } = {}): TestReplica {
  return new TestReplica(ee, ee.devices[0] as string, everyone, options);
}

// The engine's report is what the worker protocol carries (checked by type here, by schema in helpers.ts).
export const asProtocolReport = (report: IngestReport): ProtocolIngestReport => report;

const reasons = (report: IngestReport): string[] => report.rejected.map((rejection) => rejection.reason);

describe('parsing', () => {
  it('a bit-flipped content fails its digest; a malformed change-set fails its schema; the rest applies', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'Generators' }] }]);
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'Fuel' }] }]);
    const bundle = makeBundle(source.state, null);
    const flipped = clone(bundle.changeSets[0]) as { content: { ops: { value: string }[] } };
    (flipped.content.ops[0] as { value: string }).value = 'Generatorz';
    const outcome = receiver().receive({ ...bundle, changeSets: [flipped, bundle.changeSets[1], { header: 'nope' }, null, 'x'] });
    expect(reasons(outcome.report)).toEqual(['content-digest', 'schema', 'schema', 'schema']);
    expect(outcome.report.rejected[0]).toMatchObject({ device: uaDevice, seq: 1, hash: null, reason: 'content-digest' });
    expect(outcome.report.applied).toBe(1);
  });

  it('unknown fields from a newer version are kept, hashed and relayed verbatim', () => {
    // A newer writer adds fields; we make one by hand, with its own checkpoint.
    const record = recordOf(ua, 'future');
    const future = clone(craft({ delegation: ua, device: ua.devices[1] as string, record, hlc: T0, ops: [{ field: 'title', value: 'future' }] }).changeSet) as { header: Record<string, unknown>; content: Record<string, unknown> };
    future.content['lang'] = 'uk';
    future.header['contentDigest'] = contentDigest(future.content);
    future.header['priority'] = 3;
    const hash = changeSetHash(future.header);
    const target = receiver();
    const outcome = target.receive(clone({ changeSets: [future], checkpoints: [checkpointFor(ua, ua.devices[1] as string, 1, hash)], from: null }));
    expect(outcome.report.applied).toBe(1);
    const relayed = makeBundle(target.state, null).changeSets[0] as { header: Record<string, unknown>; content: Record<string, unknown> };
    expect(relayed.header['priority']).toBe(3);
    expect(relayed.content['lang']).toBe('uk');
  });
});

describe('duplicates and redaction', () => {
  it('the same input twice is a no-op the second time; repeats inside one input count once', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const bundle = makeBundle(source.state, null);
    const target = receiver();
    const first = target.receive({ ...bundle, changeSets: [...bundle.changeSets, ...bundle.changeSets] });
    expect(first.report).toMatchObject({ applied: 1, duplicates: 1 });
    const snapshot = canonicalJson(fingerprintOf(target.state));
    const second = target.receive(bundle);
    expect(second.report).toMatchObject({ applied: 0, duplicates: 1, rejected: [] });
    expect(second.delta.records).toEqual([]);
    expect(second.delta.chains).toEqual([]);
    expect(canonicalJson(fingerprintOf(target.state))).toBe(snapshot);
  });

  it('a redacted header advances the chain and marks content missing; the content fills it later', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'Secret generators' }] }]);
    const full = makeBundle(source.state, null);
    const headerOnly = { ...full, changeSets: full.changeSets.map((cs) => redact(cs as never)) };
    const target = receiver();
    const first = target.receive(headerOnly);
    expect(first.report).toMatchObject({ applied: 0, redacted: 1, flagged: [] });
    expect(target.state.records.size).toBe(0);
    expect(versionVector(target.state.chains)).toEqual({ [uaDevice]: 1 });
    expect(target.state.contentMissing.size).toBe(1);
    expect(target.receive(headerOnly).report).toMatchObject({ redacted: 0, duplicates: 1 });
    const fill = target.receive(full);
    expect(fill.report).toMatchObject({ applied: 0, contentFilled: 1, duplicates: 0 });
    expect(fill.delta.contentMissingRemoved).toHaveLength(1);
    expect(target.state.contentMissing.size).toBe(0);
    expect(target.state.records.size).toBe(1);
    expect(target.state.log.get(fill.delta.logged[0]?.hash as string)?.changeSet.content).toBeDefined();
    expect(target.receive(headerOnly).report).toMatchObject({ duplicates: 1, redacted: 0 });
  });

  it('a GREEN change-set a relayer sent without content is flagged as wrongly redacted', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const full = makeBundle(source.state, null);
    const outcome = receiver().receive({ ...full, changeSets: full.changeSets.map((cs) => redact(cs as never)), from: fr.id });
    expect(outcome.report.flagged).toEqual([expect.objectContaining({ reason: 'wrongly-redacted' })]);
    expect(outcome.report.flagged[0]?.message).toContain(fr.id);
    expect(outcome.report.redacted).toBe(1);
  });

  it('an author withholding its own GREEN content (or an unnamed sender) is not flagged', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const full = makeBundle(source.state, null);
    const headers = full.changeSets.map((cs) => redact(cs as never));
    expect(full.from).toBe(ua.id);
    const fromAuthor = receiver().receive({ ...full, changeSets: headers });
    expect(fromAuthor.report).toMatchObject({ redacted: 1, flagged: [] });
    const unnamed = receiver().receive({ ...full, changeSets: headers, from: null });
    expect(unnamed.report).toMatchObject({ redacted: 1, flagged: [] });
  });
});

describe('ownership, kinds and TLP', () => {
  it('a change-set for a record owned by another delegation is rejected (wrong-owner) and leaves a gap', () => {
    const record = recordOf(ee, 'not-yours');
    const forged = craft({ delegation: ua, device: uaDevice, seq: 1, record, hlc: T0, ops: [{ field: 'title', value: 'mine now' }] });
    const target = receiver();
    const outcome = target.receive(clone({ changeSets: [forged.changeSet], checkpoints: [checkpointFor(ua, uaDevice, 1, forged.hash)], from: null }));
    expect(outcome.report.rejected).toEqual([expect.objectContaining({ device: uaDevice, seq: 1, hash: forged.hash, reason: 'wrong-owner' })]);
    expect(target.state.records.size).toBe(0);
    expect(target.state.log.size).toBe(0);
  });

  it('a change-set with another kind than its record is rejected (kind-mismatch)', () => {
    const source = writer();
    const created = source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const record = created.views[0]?.id as string;
    const head = source.state.log.hashAt(uaDevice, 1) as string;
    const offer = craft({ delegation: ua, device: uaDevice, seq: 2, prev: head, record, kind: 'offer', hlc: T0 + 5000, ops: [{ field: 'title', value: 'y', base: [head] }] });
    const target = receiver();
    const outcome = target.receive(clone({ changeSets: [...makeBundle(source.state, null).changeSets, offer.changeSet], checkpoints: [checkpointFor(ua, uaDevice, 2, offer.hash)], from: null }));
    expect(outcome.report.applied).toBe(1);
    expect(reasons(outcome.report)).toEqual(['kind-mismatch']);
    expect(target.state.chains.get(uaDevice)).toMatchObject({ contiguous: 1, beyond: [] });
  });

  it('kind rules see the values the change-set writes and can refuse it (kind-rule)', () => {
    const source = writer();
    source.write([{ kind: 'delivery', tlp: 'GREEN', ops: [{ field: 'quantity', value: 5 }] }]);
    source.write([{ kind: 'delivery', tlp: 'GREEN', ops: [{ field: 'quantity', value: -1 }] }]);
    const seen: unknown[] = [];
    const kindRules: KindRules = {
      check: (input) => {
        seen.push({ kind: input.kind, owner: input.owner, author: input.authorDelegation, values: input.values });
        return typeof input.values['quantity'] === 'number' && input.values['quantity'] < 0 ? 'a delivered quantity is never negative' : null;
      },
    };
    const outcome = receiver().receive(makeBundle(source.state, null), { kindRules });
    expect(outcome.report.applied).toBe(1);
    expect(outcome.report.rejected).toEqual([expect.objectContaining({ reason: 'kind-rule', message: 'a delivered quantity is never negative' })]);
    expect(seen).toEqual([
      { kind: 'delivery', owner: ua.id, author: ua.id, values: { quantity: 5 } },
      { kind: 'delivery', owner: ua.id, author: ua.id, values: { quantity: -1 } },
    ]);
  });

  it('content above GREEN relayed by another delegation is rejected (tlp-relay); its header would have been fine', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'x' }] }]);
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'y' }] }]);
    const relayer = new TestReplica(fr, fr.devices[0] as string, everyone);
    relayer.receive(makeBundle(source.state, relayer.state));
    const honest = makeBundle(relayer.state, null);
    const target = receiver();
    const relayedInFull = { ...honest, changeSets: makeBundle(source.state, null).changeSets };
    const outcome = target.receive(relayedInFull);
    expect(reasons(outcome.report)).toEqual(['tlp-relay']);
    expect(outcome.report.applied).toBe(1);
    // The honest relay sends the AMBER one as a header: accepted, content missing.
    const again = receiver().receive(honest);
    expect(again.report).toMatchObject({ applied: 1, redacted: 1, rejected: [] });
    // From the author itself the AMBER content is accepted.
    expect(receiver().receive({ ...makeBundle(source.state, null), from: ua.id }).report).toMatchObject({ applied: 2, rejected: [] });
  });

  it('a tombstone that is not a boolean is rejected', () => {
    const record = recordOf(ua, 'tomb');
    const bad = craft({ delegation: ua, device: uaDevice, record, hlc: T0, ops: [{ field: '_deleted', value: 'yes' }] });
    const outcome = receiver().receive(clone({ changeSets: [bad.changeSet], checkpoints: [checkpointFor(ua, uaDevice, 1, bad.hash)], from: null }));
    expect(reasons(outcome.report)).toEqual(['schema']);
  });

  it('an HLC of another device is rejected: no device dates its changes as another’s', () => {
    const record = recordOf(ua, 'impostor');
    const impostor = craft({ delegation: ua, device: uaDevice, record, hlc: { wall: T0, counter: 0, node: ua.devices[1] as string }, ops: [{ field: 'title', value: 'x' }] });
    const outcome = receiver().receive(clone({ changeSets: [impostor.changeSet], checkpoints: [checkpointFor(ua, uaDevice, 1, impostor.hash)], from: null }));
    expect(reasons(outcome.report)).toEqual(['schema']);
    expect(outcome.report.rejected[0]?.message).toMatch(/not one of device/u);
  });

  it('a device registered by two delegations belongs to neither', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const target = receiver();
    target.state.delegations.set(fr.id, { ...fr.known, devices: [...fr.known.devices, uaDevice] });
    const outcome = target.receive(makeBundle(source.state, null));
    expect(reasons(outcome.report)).toEqual(['device-ambiguous', 'device-ambiguous']);
    expect(outcome.report.rejected[0]?.message).toContain(fr.id);
    expect(target.state.records.size).toBe(0);
  });

  it('a revoked delegation’s change-sets and checkpoints are rejected', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const target = receiver();
    target.state.delegations.set(ua.id, { ...ua.known, revoked: true });
    expect(reasons(target.receive(makeBundle(source.state, null)).report)).toEqual(['revoked', 'revoked']);
  });
});

describe('parking', () => {
  it('change-sets of an unverified delegation are parked: not applied, not in the vector, not relayed', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const bundle = makeBundle(source.state, null);
    const target = receiver({ verified: false });
    const outcome = target.receive(bundle);
    expect(outcome.report).toMatchObject({ applied: 0, parked: 1, rejected: [] });
    expect(target.state.parked).toHaveLength(1);
    expect(target.state.parkedCheckpoints).toHaveLength(1);
    expect(target.state.parked[0]).toMatchObject({ device: uaDevice, delegation: ua.id, from: ua.id });
    expect(target.state.records.size).toBe(0);
    expect(versionVector(target.state.chains)).toEqual({});
    expect(makeBundle(target.state, null).changeSets).toEqual([]);
    // Parked again: not stored twice.
    expect(target.receive(bundle).report.parked).toBe(1);
    expect(target.state.parked).toHaveLength(1);
  });

  it('once verified, releasing the parked change-sets gives the state of a replica that trusted them from the start', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    source.write([{ kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'y' }] }]);
    const bundle = makeBundle(source.state, null);
    const trusting = receiver();
    trusting.receive(bundle);
    const parking = receiver({ verified: false });
    parking.receive(bundle);
    expect(releaseParked(parking.state, ua.id, { now: parking.clock }).delta.releasedParked).toBe(0);

    parking.state.delegations.set(ua.id, { ...ua.known, verified: true });
    const released = releaseParked(parking.state, ua.id, { now: parking.clock + 1000 });
    ingestReportSchema.parse(released.report);
    expect(released.report).toMatchObject({ applied: 2, rejected: [] });
    expect(released.delta.releasedParked).toBe(3);
    commitDelta(parking.state, released.delta);
    expect(parking.state.parked).toEqual([]);
    expect(parking.state.parkedCheckpoints).toEqual([]);
    expect(fingerprintOf(parking.state)).toEqual(fingerprintOf(trusting.state));
  });

  it('a released relay keeps the TLP relay rule of the bundle it came in', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'x' }] }]);
    const target = receiver({ verified: false });
    target.receive({ ...makeBundle(source.state, null), from: fr.id });
    target.state.delegations.set(ua.id, { ...ua.known, verified: true });
    const released = releaseParked(target.state, ua.id, { now: target.clock + 1000 });
    expect(reasons(released.report)).toEqual(['tlp-relay']);
    commitDelta(target.state, released.delta);
    expect(target.state.parked).toEqual([]);
  });

  it('a device not (yet) registered is parked until its delegation registers it', () => {
    const source = new TestReplica(ua, ua.devices[1] as string, everyone);
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const target = receiver();
    target.state.delegations.set(ua.id, { ...ua.known, devices: [uaDevice] });
    expect(target.receive(makeBundle(source.state, null)).report.parked).toBe(1);
    expect(target.state.parked[0]?.delegation).toBeNull();
    target.state.delegations.set(ua.id, ua.known);
    const released = releaseParked(target.state, ua.id, { now: target.clock + 1000 });
    expect(released.report.applied).toBe(1);
  });

  it('a release rejects just the parked items dated beyond the drift bound (clock-skew) and releases the rest', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'now' }] }]);
    source.clock = T0 + 3 * 3_600_000;
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'future' }] }]);
    const target = receiver({ verified: false });
    target.receive(makeBundle(source.state, null));
    expect(target.state.parked).toHaveLength(2);
    target.state.delegations.set(ua.id, { ...ua.known, verified: true });
    const released = releaseParked(target.state, ua.id, { now: T0 });
    ingestReportSchema.parse(released.report);
    expect(released.report.refused).toBeNull();
    expect(released.report.applied).toBe(1);
    expect(released.report.rejected).toEqual([expect.objectContaining({ reason: 'clock-skew', seq: 2 })]);
    expect(released.report.rejected[0]?.message).toContain(ua.id);
    expect(released.delta.releasedParked).toBe(3);
    commitDelta(target.state, released.delta);
    expect(target.state.parked).toEqual([]);
    expect(target.state.records.size).toBe(1);
  });
});

describe('clocks', () => {
  it('a peer 10 years behind is fine', () => {
    const source = writer();
    source.clock = T0 - 10 * 365 * 86_400_000;
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'old clock' }] }]);
    const target = receiver();
    const outcome = target.receive(makeBundle(source.state, null));
    expect(outcome.report).toMatchObject({ applied: 1, refused: null });
    expect(target.state.hlc.wall).toBeGreaterThanOrEqual(T0);
  });

  it('a peer 2 h ahead with a 1 h bound is refused, skew named, nothing applied', () => {
    const source = writer();
    source.clock = T0 + 2 * 3_600_000;
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'future' }] }]);
    const target = receiver();
    const before = canonicalJson(fingerprintOf(target.state));
    const hlcBefore = target.state.hlc;
    const outcome = target.receive(makeBundle(source.state, null), { maxDriftMs: 3_600_000 });
    expect(outcome.report.refused).toMatchObject({ reason: 'clock-skew' });
    expect(outcome.report.refused?.skewMs).toBeGreaterThan(3_600_000);
    expect(outcome.report.refused?.message).toContain(uaDevice);
    expect(outcome.report.refused?.message).toContain(ua.id);
    expect(outcome.report.refused?.message).toMatch(/ahead/u);
    expect(outcome.report.refused?.message).toContain(`from delegation ${ua.id}`);
    expect(outcome.report.applied).toBe(0);
    expect(outcome.delta.logged).toEqual([]);
    expect(canonicalJson(fingerprintOf(target.state))).toBe(before);
    expect(target.state.hlc).toEqual(hlcBefore);
    expect(DEFAULT_MAX_DRIFT_MS).toBe(3_600_000);
  });

  it('only authentic content can refuse an input: a forged, uncovered or misdated future change-set is just rejected', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'honest' }] }]);
    const honest = makeBundle(source.state, null);
    const head = source.state.log.hashAt(uaDevice, 1) as string;
    const future = T0 + 48 * 3_600_000;
    // Uncovered: seq 2 of the real device, no checkpoint reaches it.
    const uncovered = craft({ delegation: ua, device: uaDevice, seq: 2, prev: head, record: recordOf(ua, 'future-1'), hlc: future, ops: [{ field: 'title', value: 'x' }] });
    // Forged: another seq 1 of the same device, which the checkpoint does not name.
    const forged = craft({ delegation: ua, device: uaDevice, seq: 1, record: recordOf(ua, 'future-2'), hlc: future, ops: [{ field: 'title', value: 'y' }] });
    const target = receiver();
    const outcome = target.receive({ ...honest, changeSets: [...honest.changeSets, clone(uncovered.changeSet), clone(forged.changeSet)], from: fr.id }, { maxDriftMs: 3_600_000 });
    expect(outcome.report.refused).toBeNull();
    expect(outcome.report.applied).toBe(1);
    expect(reasons(outcome.report).sort()).toEqual(['forged', 'uncovered']);

    // Authentic, but dated with another device's HLC: rejected for its content (schema), refuses nothing.
    const other = ua.devices[1] as string;
    const misdated = craft({ delegation: ua, device: uaDevice, seq: 2, prev: head, record: recordOf(ua, 'future-3'), hlc: { wall: future, counter: 0, node: other }, ops: [{ field: 'title', value: 'z' }] });
    const second = target.receive(clone({ changeSets: [misdated.changeSet], checkpoints: [checkpointFor(ua, uaDevice, 2, misdated.hash)], from: fr.id }), { maxDriftMs: 3_600_000 });
    expect(second.report.refused).toBeNull();
    expect(reasons(second.report)).toEqual(['schema']);
  });

  it('the local clock follows what an import accepted, only once committed, and never goes back', () => {
    const source = writer();
    source.clock = T0 + 30 * 60_000;
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const target = receiver();
    const outcome = ingest(target.state, makeBundle(source.state, null), { now: T0 });
    expect(target.state.hlc.wall).toBe(0);
    expect(outcome.delta.hlc.wall).toBe(T0 + 30 * 60_000 + 1000);
    commitDelta(target.state, outcome.delta);
    const local = target.write([{ kind: 'note', tlp: 'GREEN', ops: [{ field: 'title', value: 'after' }] }]);
    expect((local.logged[0]?.changeSet.content?.hlc as string) > (outcome.delta.logged[0]?.changeSet.content?.hlc as string)).toBe(true);
    // An older delta committed late does not move the clock back.
    commitDelta(target.state, { ...outcome.delta, records: [], logged: [], chains: [], hlc: { wall: 1, counter: 0, node: target.device } });
    expect(target.state.hlc.wall).toBeGreaterThan(T0);
  });
});

describe('robustness', () => {
  it('never throws: hostile shapes become rejections or a refusal', () => {
    const target = receiver();
    const hostile: unknown[] = [undefined, 0, [], { header: {}, content: {} }, { header: { v: 1, device: 'x'.repeat(10_000) } }, Object.create(null)];
    const outcome = ingest(target.state, { changeSets: hostile, checkpoints: hostile, from: null }, { now: T0 });
    ingestReportSchema.parse(outcome.report);
    expect(outcome.report.rejected).toHaveLength(12);
    expect(outcome.report.rejected[4]?.device).toBeNull();
    const notArrays = ingest(target.state, { changeSets: 'x', checkpoints: null, from: null } as unknown as IngestInput, { now: T0 });
    expect(notArrays.report).toMatchObject({ applied: 0, rejected: [], refused: null });
    const throwing = ingest(target.state, { changeSets: [1], checkpoints: [], from: null }, {
      now: T0,
      get maxDriftMs(): number {
        throw new Error('boom');
      },
    });
    expect(throwing.report.refused).toMatchObject({ reason: 'internal' });
    expect(throwing.report.refused?.message).toContain('boom');
  });

  it('caps the report: uncovered change-sets beyond maxUncovered are summarised', () => {
    const source = writer();
    for (let i = 0; i < 6; i += 1) source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: `n${i}` }] }]);
    const bundle = makeBundle(source.state, null);
    const outcome = receiver().receive({ ...bundle, checkpoints: [] }, { maxUncovered: 2 });
    ingestReportSchema.parse(outcome.report);
    expect(outcome.report.rejected.map((r) => [r.reason, r.seq])).toEqual([
      ['uncovered', 1],
      ['uncovered', 2],
      ['uncovered', null],
    ]);
    expect(outcome.report.rejected[2]?.message).toMatch(/^4 more/u);
  });

  it('limits how much can be parked: change-sets and checkpoints count against one bound', () => {
    const source = writer();
    for (let i = 0; i < 3; i += 1) source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: `n${i}` }] }]);
    const target = receiver({ verified: false });
    const outcome = target.receive(makeBundle(source.state, null), { maxParked: 2 });
    expect(outcome.report.parked).toBe(2);
    // The third change-set and the checkpoint are dropped, each named.
    expect(outcome.report.rejected).toEqual([
      expect.objectContaining({ reason: 'parked-full', seq: 3, hash: source.state.log.hashAt(uaDevice, 3) }),
      expect.objectContaining({ reason: 'parked-full', seq: 3, hash: null, device: uaDevice }),
    ]);
    expect(target.state.parked).toHaveLength(2);
    expect(target.state.parkedCheckpoints).toHaveLength(0);

    // Parked checkpoints take room from change-sets too.
    const other = receiver({ verified: false });
    const checkpoints = [1, 2, 3].map((seq) => checkpointFor(ua, uaDevice, seq, source.state.log.hashAt(uaDevice, seq) as string));
    other.receive({ changeSets: [], checkpoints: clone(checkpoints), from: ua.id }, { maxParked: 2 });
    expect(other.state.parkedCheckpoints).toHaveLength(2);
    const more = other.receive(makeBundle(source.state, null), { maxParked: 2 });
    expect(more.report.parked).toBe(0);
    expect(reasons(more.report)).toEqual(['parked-full', 'parked-full', 'parked-full', 'parked-full']);
    expect(other.state.parked).toHaveLength(0);
  });

  it('a logged change-set object is never shared with the input', () => {
    const source = writer();
    source.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const bundle = makeBundle(source.state, null);
    const target = receiver();
    target.receive(bundle);
    const logged = [...target.state.log.values()][0] as LoggedChangeSet;
    (bundle.changeSets[0] as { header: { seq: number } }).header.seq = 99;
    expect(logged.changeSet.header.seq).toBe(1);
    expect((bundle.checkpoints as SignedCheckpoint[]).length).toBe(1);
  });
});
