/**
 * Chain authentication (docs/sync.md §5): hash links down from verified checkpoints, gaps, forks,
 * forgeries, and the checkpoint rules that bound signature work.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/crypto';
import { chainGaps, commitDelta, ingest, type IngestInput, type LoggedChangeSet, redact, type SignedCheckpoint, versionVector } from '@shared/sync';
import { checkpointFor, clone, craft, makeBundle, makeDelegation, recordOf, T0, TestReplica } from './helpers';

const author = makeDelegation('chain-author', 2);
const other = makeDelegation('chain-other');
const everyone = [author, other];
const [deviceA] = author.devices as [string, string];

/** n change-sets on one device's chain, made by its replica (one transaction each, so one checkpoint each). */
function history(n: number): { writer: TestReplica; changeSets: LoggedChangeSet[]; checkpoints: SignedCheckpoint[] } {
  const writer = new TestReplica(author, deviceA, everyone);
  const checkpoints: SignedCheckpoint[] = [];
  for (let i = 1; i <= n; i += 1) {
    const result = writer.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: `Need ${i}` }] }]);
    checkpoints.push(result.checkpoint);
  }
  return { writer, changeSets: [...writer.state.log.values()], checkpoints };
}

function input(changeSets: readonly LoggedChangeSet[], checkpoints: readonly SignedCheckpoint[], from: string | null = null): IngestInput {
  return clone({ changeSets: changeSets.map((logged) => logged.changeSet), checkpoints, from });
}

const at = (changeSets: readonly LoggedChangeSet[], ...seqs: number[]): LoggedChangeSet[] => seqs.map((seq) => changeSets[seq - 1] as LoggedChangeSet);

describe('authentication', () => {
  it('a checkpoint authenticates everything its prev links reach, in any order', () => {
    const { changeSets, checkpoints } = history(5);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const outcome = receiver.receive(input([...changeSets].reverse(), [checkpoints[4] as SignedCheckpoint]));
    expect(outcome.report).toMatchObject({ applied: 5, rejected: [], gaps: [] });
    expect(versionVector(receiver.state.chains)).toEqual({ [deviceA]: 5 });
    expect(receiver.state.chains.get(deviceA)?.checkpoint).toEqual(checkpoints[4]);
  });

  it('change-sets above the newest checkpoint are uncovered (rejected, not applied)', () => {
    const { changeSets, checkpoints } = history(5);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const outcome = receiver.receive(input(changeSets, [checkpoints[2] as SignedCheckpoint]));
    expect(outcome.report.applied).toBe(3);
    expect(outcome.report.rejected.map((r) => [r.seq, r.reason])).toEqual([
      [4, 'uncovered'],
      [5, 'uncovered'],
    ]);
    expect(versionVector(receiver.state.chains)).toEqual({ [deviceA]: 3 });
  });

  it('nothing is authentic without a checkpoint; a header-only forgery is uncovered', () => {
    const { changeSets } = history(2);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    expect(receiver.receive(input(changeSets, [])).report.rejected.map((r) => r.reason)).toEqual(['uncovered', 'uncovered']);
    const forgedHeader = { header: { ...(changeSets[1] as LoggedChangeSet).changeSet.header, seq: 3, prev: (changeSets[1] as LoggedChangeSet).hash } };
    const outcome = receiver.receive(clone({ changeSets: [forgedHeader], checkpoints: [], from: null }));
    expect(outcome.report.rejected.map((r) => r.reason)).toEqual(['uncovered']);
    expect(receiver.state.log.size).toBe(0);
  });

  it('an altered header is not authentic: forged when the real one is held or vouched for', () => {
    const { changeSets, checkpoints } = history(3);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    receiver.receive(input(changeSets, [checkpoints[2] as SignedCheckpoint]));
    const original = clone((changeSets[1] as LoggedChangeSet).changeSet);
    const altered = { ...original, header: { ...original.header, tlp: 'CLEAR' } };
    const outcome = receiver.receive(clone({ changeSets: [altered], checkpoints: [checkpoints[2]], from: null }));
    expect(outcome.report.rejected).toEqual([expect.objectContaining({ device: deviceA, seq: 2, reason: 'forged' })]);
    expect(outcome.report.forks).toEqual([]);
    // Even in a fresh replica, the real chain in the same input vouches for seq 2: the altered copy is forged.
    const fresh = new TestReplica(other, other.devices[0] as string, everyone);
    const both = fresh.receive(clone({ changeSets: [...changeSets.map((l) => l.changeSet), altered], checkpoints: [checkpoints[2]], from: null }));
    expect(both.report.applied).toBe(3);
    expect(both.report.rejected.map((r) => r.reason)).toEqual(['forged']);
  });

  it('a reordered chain (prev links swapped) is rejected, not reinterpreted', () => {
    const { changeSets, checkpoints } = history(3);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const [one, two, three] = changeSets.map((logged) => clone(logged.changeSet));
    // Swap the positions of 2 and 3: each keeps its content but claims the other's place.
    const swapped = [one, { ...two, header: { ...two?.header, seq: 3, prev: changeSets[2]?.hash } }, { ...three, header: { ...three?.header, seq: 2, prev: changeSets[0]?.hash } }];
    const outcome = receiver.receive(clone({ changeSets: swapped, checkpoints: [checkpoints[2]], from: null }));
    expect(outcome.report.applied).toBe(0);
    expect(outcome.report.rejected.map((r) => [r.seq, r.reason]).sort()).toEqual([
      [1, 'uncovered'],
      [2, 'uncovered'],
      [3, 'forged'],
    ]);
  });

  it('a change-set already held vouches for its predecessor across a gap', () => {
    const { changeSets, checkpoints } = history(8);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const first = receiver.receive(input(at(changeSets, 1, 2, 3, 6, 7, 8), [checkpoints[2] as SignedCheckpoint, checkpoints[7] as SignedCheckpoint]));
    expect(first.report).toMatchObject({ applied: 6, rejected: [], gaps: [{ device: deviceA, from: 4, to: 5 }] });
    const chain = receiver.state.chains.get(deviceA);
    expect(chain).toMatchObject({ contiguous: 3, beyond: [6, 7, 8] });
    expect(chainGaps(chain as never)).toEqual([{ device: deviceA, from: 4, to: 5 }]);
    expect(versionVector(receiver.state.chains)).toEqual({ [deviceA]: 3 });
    // 4–5 arrive later with no checkpoint at all: the stored 6 names 5, and 5 names 4.
    const second = receiver.receive(input(at(changeSets, 5, 4), []));
    expect(second.report).toMatchObject({ applied: 2, rejected: [], gaps: [] });
    expect(receiver.state.chains.get(deviceA)).toMatchObject({ contiguous: 8, beyond: [] });
    expect(receiver.state.chains.get(deviceA)?.checkpoint).toEqual(checkpoints[7]);
  });
});

describe('checkpoints', () => {
  it('a checkpoint re-signed with another delegation’s key is refused, and covers nothing', () => {
    const { changeSets, checkpoints } = history(2);
    const real = checkpoints[1] as SignedCheckpoint;
    const resigned = checkpointFor(author, deviceA, real.checkpoint.seq, real.checkpoint.head, other);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const outcome = receiver.receive(input(changeSets, [resigned]));
    expect(outcome.report.rejected.map((r) => r.reason)).toEqual(['checkpoint-signature', 'uncovered', 'uncovered']);
    expect(receiver.state.chains.size).toBe(0);
  });

  it('a checkpoint naming another delegation than the device’s is refused', () => {
    const { changeSets, checkpoints } = history(1);
    const real = checkpoints[0] as SignedCheckpoint;
    const claimed = checkpointFor(other, deviceA, 1, real.checkpoint.head, other);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const outcome = receiver.receive(input(changeSets, [claimed]));
    expect(outcome.report.rejected.map((r) => r.reason)).toEqual(['checkpoint-delegation', 'uncovered']);
  });

  it('at most 4 checkpoints per device are verified per input; the highest seqs first', () => {
    const { changeSets, checkpoints } = history(6);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const outcome = receiver.receive(input(changeSets, [...checkpoints, checkpoints[5] as SignedCheckpoint]));
    expect(outcome.report.applied).toBe(6);
    expect(outcome.report.rejected.map((r) => [r.reason, r.seq])).toEqual([
      ['checkpoint-flood', 2],
      ['checkpoint-flood', 1],
    ]);
  });

  it('malformed checkpoints are rejected without stopping the input', () => {
    const { changeSets, checkpoints } = history(1);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const outcome = receiver.receive(clone({ changeSets: changeSets.map((l) => l.changeSet), checkpoints: [{ checkpoint: { v: 1 } }, 42, checkpoints[0]], from: null }));
    expect(outcome.report.applied).toBe(1);
    expect(outcome.report.rejected.map((r) => r.reason)).toEqual(['checkpoint-schema', 'checkpoint-schema']);
  });
});

describe('forks', () => {
  /** Two replicas of the same device (a cloned disk) that each sign their own seq 5. */
  function equivocation(): { left: TestReplica; right: TestReplica; receiver: TestReplica } {
    const left = new TestReplica(author, deviceA, everyone);
    for (let i = 1; i <= 4; i += 1) left.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: `Need ${i}` }] }]);
    const right = new TestReplica(author, deviceA, everyone);
    right.receive(makeBundle(left.state, right.state));
    expect(versionVector(right.state.chains)).toEqual({ [deviceA]: 4 });
    left.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'left five' }] }]);
    right.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'right five' }] }]);
    return { left, right, receiver: new TestReplica(other, other.devices[0] as string, everyone) };
  }

  it('two signed seq-5 change-sets: the fork is kept with both hashes and the chain frozen', () => {
    const { left, right, receiver } = equivocation();
    expect(receiver.receive(makeBundle(left.state, receiver.state)).report.applied).toBe(5);
    const leftFive = left.state.log.hashAt(deviceA, 5) as string;
    const rightFive = right.state.log.hashAt(deviceA, 5) as string;
    expect(leftFive).not.toBe(rightFive);

    const outcome = receiver.receive(makeBundle(right.state, null));
    expect(outcome.report.forks).toEqual([{ device: deviceA, seq: 5, hashes: [leftFive, rightFive].sort() }]);
    expect(outcome.report.rejected).toEqual([expect.objectContaining({ seq: 5, hash: rightFive, reason: 'chain-frozen' })]);
    expect(outcome.report.duplicates).toBe(4);
    const chain = receiver.state.chains.get(deviceA);
    expect(chain?.fork).toMatchObject({ device: deviceA, seq: 5, hashes: [leftFive, rightFive].sort() });
    expect(chain?.fork?.checkpoints.map((c) => c.checkpoint.head).sort()).toEqual([leftFive, rightFive].sort());
    expect(chain?.fork?.headers.map((h) => h.seq)).toEqual([5, 5]);
    expect(chain?.fork?.detectedAt).toMatch(/^\d{4}-\d\d-\d\dT/u);

    // Later change-sets of the device are refused, in this and every later input.
    left.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'six' }] }]);
    const later = receiver.receive(makeBundle(left.state, receiver.state));
    expect(later.report.applied).toBe(0);
    expect(later.report.rejected.map((r) => [r.seq, r.reason])).toEqual([[6, 'chain-frozen']]);
  });

  it('a checkpoint alone contradicting the log is enough evidence', () => {
    const { left, right, receiver } = equivocation();
    receiver.receive(makeBundle(left.state, receiver.state));
    const rightCheckpoint = right.state.chains.get(deviceA)?.checkpoint as SignedCheckpoint;
    const outcome = receiver.receive(clone({ changeSets: [], checkpoints: [rightCheckpoint], from: null }));
    expect(outcome.report.forks).toHaveLength(1);
    expect(receiver.state.chains.get(deviceA)?.fork?.headers).toHaveLength(1);
  });

  it('both sides in one input: nothing of the device is applied', () => {
    const { left, right, receiver } = equivocation();
    const a = makeBundle(left.state, null);
    const b = makeBundle(right.state, null);
    const outcome = receiver.receive({ changeSets: [...a.changeSets, ...b.changeSets], checkpoints: [...a.checkpoints, ...b.checkpoints], from: null });
    expect(outcome.report.forks).toHaveLength(1);
    expect(outcome.report.applied).toBe(0);
    expect(receiver.state.records.size).toBe(0);
    expect(versionVector(receiver.state.chains)).toEqual({});
  });

  it('an unsigned copy at a held seq is only forged: no fork, no freeze', () => {
    const { changeSets, checkpoints } = history(2);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    receiver.receive(input(changeSets, [checkpoints[1] as SignedCheckpoint]));
    const fake = craft({ delegation: author, device: deviceA, seq: 2, prev: changeSets[0]?.hash ?? null, record: recordOf(author, 'fake'), hlc: T0, ops: [{ field: 'title', value: 'fake' }] });
    const outcome = receiver.receive(clone({ changeSets: [fake.changeSet], checkpoints: [], from: null }));
    expect(outcome.report.rejected.map((r) => r.reason)).toEqual(['forged']);
    expect(receiver.state.chains.get(deviceA)?.fork).toBeNull();
  });
});

describe('redacted headers in the chain', () => {
  it('headers link like full change-sets; the vector counts them', () => {
    const { changeSets, checkpoints } = history(3);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    // Sent by a relayer (not the author): a GREEN header without content was wrongly redacted.
    const outcome = receiver.receive(clone({ changeSets: changeSets.map((l, i) => (i === 1 ? redact(l.changeSet) : l.changeSet)), checkpoints: [checkpoints[2]], from: other.id }));
    expect(outcome.report).toMatchObject({ applied: 2, redacted: 1 });
    expect(outcome.report.flagged).toEqual([expect.objectContaining({ hash: changeSets[1]?.hash, reason: 'wrongly-redacted' })]);
    expect(versionVector(receiver.state.chains)).toEqual({ [deviceA]: 3 });
    expect([...receiver.state.contentMissing]).toEqual([changeSets[1]?.hash]);
  });

  it('ingest changes nothing by itself: the state follows only once the delta is committed', () => {
    const { changeSets, checkpoints } = history(2);
    const receiver = new TestReplica(other, other.devices[0] as string, everyone);
    const snapshot = (): string => canonicalJson({ records: [...receiver.state.records], chains: [...receiver.state.chains], log: receiver.state.log.size, hlc: receiver.state.hlc });
    const before = snapshot();
    const outcome = ingest(receiver.state, input(changeSets, [checkpoints[1] as SignedCheckpoint]), { now: T0 + 60_000 });
    expect(outcome.report.applied).toBe(2);
    expect(snapshot()).toBe(before);
    commitDelta(receiver.state, outcome.delta);
    expect(receiver.state.records.size).toBe(2);
    expect(receiver.state.log.size).toBe(2);
    expect(receiver.state.hlc.wall).toBe(T0 + 60_000);
  });
});
