/**
 * The golden vector freezes the change-set, checkpoint and record formats: tests/fixtures/sync/sync.json
 * was generated once (generate.ts) and checked with Python's hashlib BLAKE2b and `cryptography` Ed25519
 * (docs/sync.md §11). These tests recompute every byte and compare, and check that the stored chain still
 * imports into the stored record: a failure here means existing logs or peers would break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toBase64, verifyKeyEventLog } from '@shared/crypto';
import { commitDelta, createReplicaState, ingest, parseChangeSet, rebuildRecords } from '@shared/sync';
import { computeSyncVector } from '../../fixtures/sync/golden-inputs';

const golden = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/sync/sync.json'), 'utf8')) as ReturnType<typeof computeSyncVector>;

describe('sync golden vector', () => {
  it('content, header, digest, hash, checkpoint, redaction, chain and record are unchanged byte for byte', () => {
    const recomputed = computeSyncVector();
    expect(JSON.parse(JSON.stringify(recomputed))).toEqual(golden);
    expect(recomputed.expected.content.canonical.hex).toBe(golden.expected.content.canonical.hex);
    expect(recomputed.expected.header.canonical.hex).toBe(golden.expected.header.canonical.hex);
    expect(recomputed.expected.checkpoint.signedBytesHex).toBe(golden.expected.checkpoint.signedBytesHex);
    expect(recomputed.expected.checkpoint.signed.signature).toBe(golden.expected.checkpoint.signed.signature);
    expect(recomputed.expected.recordCanonical).toBe(golden.expected.recordCanonical);
  });

  it('the stored chain parses, verifies and imports into the stored record', () => {
    const keyState = verifyKeyEventLog(golden.input.keyEventLog, { expectedDelegationId: golden.input.delegationId });
    const known = { id: keyState.delegationId, signingKey: toBase64(keyState.signingKey), devices: keyState.devices.map(({ device }) => device.id), verified: true, revoked: false };
    for (const link of golden.expected.chain) {
      const parsed = parseChangeSet(link.changeSet);
      expect(parsed.ok && parsed.hash).toBe(link.hash);
    }
    const redacted = parseChangeSet(golden.expected.redacted.changeSet);
    expect(redacted.ok && redacted.hash).toBe(golden.expected.redacted.hash);

    const state = createReplicaState({ localDelegation: 'a'.repeat(26), localDevice: 'b'.repeat(26), delegations: [known] });
    const outcome = ingest(state, { changeSets: golden.expected.chain.map((link) => link.changeSet), checkpoints: [golden.expected.checkpoint.signed], from: null }, { now: Date.UTC(2024, 2, 1, 12) });
    expect(outcome.report).toMatchObject({ applied: 3, rejected: [], refused: null });
    commitDelta(state, outcome.delta);
    const record = state.records.get(golden.input.record);
    expect(canonicalJson(record)).toBe(golden.expected.recordCanonical);
    expect(canonicalJson(rebuildRecords(state.log.values()).get(golden.input.record))).toBe(golden.expected.recordCanonical);
    expect(state.chains.get(golden.input.device)?.checkpoint).toEqual(golden.expected.checkpoint.signed);
  });
});
