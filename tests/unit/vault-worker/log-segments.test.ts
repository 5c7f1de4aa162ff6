/**
 * The change-sets of one transaction are written as several log segments of LOG_SEGMENT_CHANGESETS each
 * (replica-store.ts planDelta): smaller rows to encode and seal, read back in order as one log.
 */
import { describe, expect, it } from 'vitest';
import { utf8Decode } from '@shared/crypto';
import { createReplicaState, emptyDelta, type LoggedChangeSet } from '@shared/sync';
import { LOG_SEGMENT_CHANGESETS, planDelta, type LoadedReplica } from '../../../renderer/vault-worker/replica-store';
import { WritePlan } from '../../../renderer/vault-worker/write-plan';

function loadedReplica(): LoadedReplica {
  return { state: createReplicaState({ localDelegation: 'a'.repeat(26), localDevice: 'd'.repeat(26), delegations: [] }), delegations: new Map(), logLoaded: true };
}

function logged(count: number): LoggedChangeSet[] {
  return Array.from({ length: count }, (_, index) => ({ hash: `hash-${String(index)}`, delegation: 'a'.repeat(26), changeSet: { header: { seq: index + 1 } } }) as unknown as LoggedChangeSet);
}

function segments(plan: WritePlan): { hashes: string[]; checkpoints: unknown[] }[] {
  return plan.logSegments.map((segment) => {
    const parsed = JSON.parse(utf8Decode(segment.payload)) as { v: number; changeSets: { hash: string }[]; checkpoints: unknown[] };
    expect(parsed.v).toBe(1);
    return { hashes: parsed.changeSets.map((c) => c.hash), checkpoints: parsed.checkpoints };
  });
}

describe('log segments of one transaction', () => {
  it('splits many change-sets into segments in order, the checkpoints in the last one', () => {
    const loaded = loadedReplica();
    const changeSets = logged(2 * LOG_SEGMENT_CHANGESETS + 7);
    const plan = WritePlan.forNewVault('test');
    const checkpoint = { checkpoint: { seq: 1 }, signature: 'sig' };
    planDelta(plan, loaded, { ...emptyDelta(loaded.state), logged: changeSets }, { checkpoints: [checkpoint as never] });
    const written = segments(plan);
    expect(written.map((s) => s.hashes.length)).toEqual([LOG_SEGMENT_CHANGESETS, LOG_SEGMENT_CHANGESETS, 7]);
    expect(written.flatMap((s) => s.hashes)).toEqual(changeSets.map((c) => c.hash));
    expect(written.map((s) => s.checkpoints)).toEqual([[], [], [checkpoint]]);
    // Each segment is listed in the manifest, in order.
    expect(plan.manifest.log).toEqual(plan.logSegments.map((s) => s.sid));
  });

  it('writes one segment for a checkpoint alone, one for an exact multiple, and none for nothing', () => {
    const loaded = loadedReplica();
    const alone = WritePlan.forNewVault('test');
    planDelta(alone, loaded, emptyDelta(loaded.state), { checkpoints: [{ checkpoint: {}, signature: 's' } as never] });
    expect(segments(alone).map((s) => [s.hashes.length, s.checkpoints.length])).toEqual([[0, 1]]);
    const exact = WritePlan.forNewVault('test');
    planDelta(exact, loaded, { ...emptyDelta(loaded.state), logged: logged(LOG_SEGMENT_CHANGESETS) });
    expect(segments(exact).map((s) => s.hashes.length)).toEqual([LOG_SEGMENT_CHANGESETS]);
    const none = WritePlan.forNewVault('test');
    planDelta(none, loaded, emptyDelta(loaded.state));
    expect(none.logSegments).toEqual([]);
  });
});
