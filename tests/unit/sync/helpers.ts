/**
 * Test helpers for the sync engine: delegations with real key event logs (seeded keys, so every run is
 * reproducible), replicas that commit what they compute, and bundles built the way the bundle layer will
 * build them (DESIGN.md §4–§5): every change-set the peer's vector lacks, the content it asked for, and
 * the latest checkpoint of every chain the sender knows; content of others' records above GREEN is sent
 * as a header only (redacted), since it may not be relayed.
 */
import {
  createDeviceRegistration,
  createInception,
  type DelegationKeys,
  canonicalJson,
  generateDelegationKeys,
  newDeviceId,
  type RandomSource,
  type SignedKeyEvent,
  toBase32,
  toBase64,
  verifyKeyEventLog,
} from '@shared/crypto';
import { ingestReportSchema } from '@shared/ipc/vault-protocol';
import {
  type ChangeSet,
  createChangeSet,
  type Hlc,
  type LoggedChangeSet,
  signCheckpoint,
  type Tlp,
  changeSetsMissingFrom,
  changeSetsWithContent,
  commitDelta,
  conflictsOf,
  createReplicaState,
  ingest,
  type IngestInput,
  type IngestOptions,
  type IngestOutcome,
  isRelayable,
  type KnownDelegation,
  type LocalEdit,
  localWrite,
  type LocalWriteResult,
  type MutableReplicaState,
  redact,
  type SignedCheckpoint,
  versionVector,
} from '@shared/sync';
import { seededRandom } from '../crypto/helpers';

export { seededRandom };

/** 2024-03-01T09:30:00Z: every test clock starts here. */
export const T0 = Date.UTC(2024, 2, 1, 9, 30);

export interface TestDelegation {
  readonly id: string;
  readonly keys: DelegationKeys;
  readonly devices: readonly string[];
  readonly log: readonly SignedKeyEvent[];
  readonly known: KnownDelegation;
}

const delegationCache = new Map<string, TestDelegation>();

/** A delegation with `deviceCount` devices registered in a real, verified key event log. Cached by label. */
export function makeDelegation(label: string, deviceCount = 1): TestDelegation {
  const cacheKey = `${label}/${deviceCount}`;
  const cached = delegationCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const random = seededRandom(`delegation:${label}`);
  const keys = generateDelegationKeys(random);
  const devices = Array.from({ length: deviceCount }, () => newDeviceId(random));
  const { signed } = createInception(
    { name: `Delegation ${label}`, country: 'EE', proposedRole: 'partner', device: { id: devices[0] as string }, created: '2024-03-01T09:00:00.000Z' },
    keys,
  );
  const log: SignedKeyEvent[] = [signed];
  for (const device of devices.slice(1)) log.push(createDeviceRegistration(verifyKeyEventLog(log), keys.signing, { id: device }, '2024-03-01T09:10:00.000Z'));
  const state = verifyKeyEventLog(log);
  const known: KnownDelegation = {
    id: state.delegationId,
    signingKey: toBase64(state.signingKey),
    devices: state.devices.map(({ device }) => device.id),
    verified: true,
    revoked: false,
  };
  const delegation = { id: state.delegationId, keys, devices, log, known };
  delegationCache.set(cacheKey, delegation);
  return delegation;
}

/** One device's replica that commits every delta it computes (as the worker does after its transaction). */
export class TestReplica {
  readonly state: MutableReplicaState;
  readonly random;
  clock: number;

  constructor(
    readonly delegation: TestDelegation,
    readonly device: string,
    peers: readonly TestDelegation[],
    options: { readonly verified?: boolean; readonly clock?: number } = {},
  ) {
    const others = peers.filter((peer) => peer.id !== delegation.id).map((peer) => ({ ...peer.known, verified: options.verified ?? true }));
    this.state = createReplicaState({ localDelegation: delegation.id, localDevice: device, delegations: [delegation.known, ...others] });
    this.random = seededRandom(`replica:${device}`);
    this.clock = options.clock ?? T0;
  }

  /** A local transaction; the clock moves on by a second. */
  write(edits: readonly LocalEdit[]): LocalWriteResult {
    this.clock += 1000;
    const result = localWrite(this.state, { edits, signingSecretKey: this.delegation.keys.signing.secretKey, now: this.clock, random: this.random });
    commitDelta(this.state, result.delta);
    return result;
  }

  receive(input: IngestInput, options: Partial<IngestOptions> = {}): IngestOutcome {
    this.clock += 1000;
    const outcome = ingest(this.state, input, { now: this.clock, ...options });
    // Every report the engine makes must be one the worker protocol accepts.
    ingestReportSchema.parse(outcome.report);
    commitDelta(this.state, outcome.delta);
    return outcome;
  }

  /** What this replica would send `peer` (see the module comment). */
  bundleFor(peer: TestReplica): IngestInput {
    return makeBundle(this.state, peer.state);
  }
}

export function makeBundle(sender: MutableReplicaState, receiver: MutableReplicaState | null): IngestInput {
  const vector = receiver === null ? {} : versionVector(receiver.chains);
  const mayRelay = (delegation: string, tlp: Parameters<typeof isRelayable>[0]): boolean => delegation === sender.localDelegation || isRelayable(tlp);
  const changeSets: unknown[] = [];
  for (const logged of changeSetsMissingFrom(sender, vector)) {
    changeSets.push(mayRelay(logged.delegation, logged.changeSet.header.tlp) ? logged.changeSet : redact(logged.changeSet));
  }
  if (receiver !== null) {
    for (const logged of changeSetsWithContent(sender, receiver.contentMissing)) {
      if (mayRelay(logged.delegation, logged.changeSet.header.tlp)) changeSets.push(logged.changeSet);
    }
  }
  const checkpoints: SignedCheckpoint[] = [];
  for (const chain of sender.chains.values()) if (chain.checkpoint !== null) checkpoints.push(chain.checkpoint);
  // A round trip through JSON: what crosses a bundle is data, never shared objects.
  return JSON.parse(JSON.stringify({ changeSets, checkpoints, from: sender.localDelegation })) as IngestInput;
}

/** Everything that must agree between converged replicas, as canonical JSON. */
export function fingerprintOf(state: MutableReplicaState): { records: string; conflicts: string; vector: string } {
  const ids = [...state.records.keys()].sort();
  return {
    records: canonicalJson(ids.map((id) => state.records.get(id))),
    conflicts: canonicalJson(ids.flatMap((id) => conflictsOf(state.records.get(id) as never))),
    vector: canonicalJson(versionVector(state.chains)),
  };
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface CraftInput {
  readonly delegation: TestDelegation;
  readonly device?: string;
  readonly seq?: number;
  readonly prev?: string | null;
  readonly record: string;
  readonly kind?: string;
  readonly tlp?: Tlp;
  /** A wall clock in ms (counter 0, node = device) or a full HLC. */
  readonly hlc: number | Hlc;
  readonly ops: readonly { readonly field: string; readonly value: unknown; readonly base?: readonly string[] }[];
  readonly random?: RandomSource;
}

const craftRandom = seededRandom('craft');

/** A change-set made by hand (bypassing localWrite), for merge tests and hostile inputs. */
export function craft(input: CraftInput): { logged: LoggedChangeSet; changeSet: ChangeSet; hash: string } {
  const device = input.device ?? input.delegation.devices[0] ?? '';
  const seq = input.seq ?? 1;
  const hlc = typeof input.hlc === 'number' ? { wall: input.hlc, counter: 0, node: device } : input.hlc;
  const { changeSet, hash } = createChangeSet(
    {
      device,
      seq,
      prev: input.prev ?? null,
      tlp: input.tlp ?? 'GREEN',
      record: input.record,
      kind: input.kind ?? 'need',
      hlc,
      ops: input.ops.map((op) => ({ field: op.field, value: op.value as never, base: op.base ?? [] })),
    },
    input.random ?? craftRandom,
  );
  return { logged: { hash, delegation: input.delegation.id, changeSet }, changeSet, hash };
}

/** A checkpoint signed by `delegation` over (device, seq, head). */
export function checkpointFor(delegation: TestDelegation, device: string, seq: number, head: string, signer: TestDelegation = delegation): SignedCheckpoint {
  return signCheckpoint({ delegation: delegation.id, device, seq, head }, signer.keys.signing.secretKey);
}

/** A record id owned by `delegation` (deterministic per label). */
export function recordOf(delegation: TestDelegation, label: string): string {
  return `${delegation.id}-${toBase32(seededRandom(`record:${label}`)(16))}`;
}
