/**
 * Another delegation, built for tests and benchmarks: real keys, a real signed key event log, and
 * helpers that write signed change-sets and checkpoints on its device chains exactly as its own
 * Tallinn Desk would. Pure (shared/ only), so it runs in Node, in vitest browser mode and in the bench.
 */
import {
  createDeviceRegistration,
  createInception,
  delegationKeysFromSeeds,
  type DelegationKeys,
  newDeviceId,
  type RandomSource,
  type Role,
  verifyKeyEventLog,
  type SignedKeyEvent,

} from '@shared/crypto';
import { createChangeSet, type ChangeSet, type Hlc, newRecordId, signCheckpoint, type SignedCheckpoint, type Tlp } from '@shared/sync';
import type { Json } from '@shared/sync/json';

/** A deterministic byte stream from a 32-bit seed (test data only, never keys of a real vault). */
export function seededBytes(seed: number): RandomSource {
  let state = seed >>> 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
    return out;
  };
}

export interface DeviceCursor {
  readonly id: string;
  seq: number;
  head: string | null;
  counter: number;
}

export interface ForeignDelegation {
  readonly id: string;
  readonly name: string;
  readonly keys: DelegationKeys;
  readonly keyEventLog: readonly SignedKeyEvent[];
  readonly devices: readonly DeviceCursor[];
  /** A change-set on `device` (index into devices), chained after the previous one. */
  write(input: { device?: number; record: string; kind: string; tlp?: Tlp; wallMs: number; ops: readonly { field: string; value: Json; base?: readonly string[] }[] }): {
    changeSet: ChangeSet;
    hash: string;
  };
  /** A signed checkpoint over the head of `device`. */
  checkpoint(device?: number): SignedCheckpoint;
  newRecordId(): string;
}

export function foreignDelegation(options: { name: string; country: string; role: Role; seed: number; devices?: number; created?: string }): ForeignDelegation {
  const random = seededBytes(options.seed);
  const keys = delegationKeysFromSeeds({ signingSeed: random(32), encryptionSecret: random(32), nextSeed: random(32) });
  const created = options.created ?? '2026-01-15T09:00:00.000Z';
  const firstDevice = newDeviceId(random);
  const { signed, delegationId } = createInception(
    { name: options.name, country: options.country, proposedRole: options.role, device: { id: firstDevice }, created },
    keys,
  );
  const log: SignedKeyEvent[] = [signed];
  const devices: DeviceCursor[] = [{ id: firstDevice, seq: 0, head: null, counter: 0 }];
  for (let i = 1; i < (options.devices ?? 1); i += 1) {
    const id = newDeviceId(random);
    log.push(createDeviceRegistration(verifyKeyEventLog(log), keys.signing, { id }, created));
    devices.push({ id, seq: 0, head: null, counter: 0 });
  }
  return {
    id: delegationId,
    name: options.name,
    keys,
    keyEventLog: log,
    devices,
    write(input) {
      const cursor = devices[input.device ?? 0];
      if (cursor === undefined) throw new Error(`no device ${String(input.device)}`);
      cursor.counter += 1;
      const hlc: Hlc = { wall: input.wallMs, counter: cursor.counter % 90_000, node: cursor.id };
      const result = createChangeSet(
        {
          device: cursor.id,
          seq: cursor.seq + 1,
          prev: cursor.head,
          tlp: input.tlp ?? 'GREEN',
          record: input.record,
          kind: input.kind,
          hlc,
          ops: input.ops.map((op) => ({ field: op.field, value: op.value, base: op.base ?? [] })),
        },
        random,
      );
      cursor.seq += 1;
      cursor.head = result.hash;
      return result;
    },
    checkpoint(device = 0) {
      const cursor = devices[device];
      if (cursor?.head == null) throw new Error('nothing to checkpoint');
      return signCheckpoint({ delegation: delegationId, device: cursor.id, seq: cursor.seq, head: cursor.head }, keys.signing.secretKey);
    },
    newRecordId() {
      return newRecordId(delegationId, random);
    },
  };
}
