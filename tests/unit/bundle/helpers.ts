/**
 * Delegations, change-sets and bundles for the bundle tests: real keys from seeded randomness, real
 * signed key event logs, change-sets chained on a device and a signed checkpoint over the head.
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  createDeviceRegistration,
  createInception,
  createRevocation,
  delegationKeysFromSeeds,
  type DelegationKeys,
  newDeviceId,
  type RandomSource,
  type Role,
  type SignedKeyEvent,
  verifyKeyEventLog,
  type KeyState,
} from '@shared/crypto';
import { createCard, peerFromKeyState, sealBundle, type BundleSender, type Card, type Peer, type ReaderIdentity, type SealedBundle, type TrustedDelegation, type PayloadParts } from '@shared/bundle';
import { createChangeSet, type ChangeSet } from '@shared/sync/changeset';
import { signCheckpoint, type SignedCheckpoint } from '@shared/sync/checkpoint';
import { newRecordId } from '@shared/sync/ids';
import type { Tlp } from '@shared/sync/tlp';
import type { LoggedChangeSet } from '@shared/sync/model';

/** BLAKE2b-512(label ‖ counter) blocks: deterministic, different per label. */
export function seededRandom(label: string): RandomSource {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    let offset = 0;
    while (offset < n) {
      const block = blake2b(utf8ToBytes(`${label}#${counter}`), { dkLen: 64 });
      counter += 1;
      out.set(block.subarray(0, Math.min(64, n - offset)), offset);
      offset += 64;
    }
    return out;
  };
}

export interface TestDelegation {
  readonly id: string;
  readonly keys: DelegationKeys;
  log: SignedKeyEvent[];
  state: KeyState;
  readonly random: RandomSource;
  peer(): Peer;
  trust(verified?: boolean): TrustedDelegation;
  me(): ReaderIdentity;
  sender(): BundleSender;
  card(): Card;
  /** Registers a new device and returns its id. */
  addDevice(): string;
  revoke(): void;
}

export function makeDelegation(name: string, country: string, role: Role, label = name): TestDelegation {
  const random = seededRandom(label);
  const keys = delegationKeysFromSeeds({ signingSeed: random(32), encryptionSecret: random(32), nextSeed: random(32) });
  const { signed, delegationId } = createInception({ name, country, proposedRole: role, device: { id: newDeviceId(random) }, created: '2026-01-15T09:00:00.000Z' }, keys);
  const d: TestDelegation = {
    id: delegationId,
    keys,
    log: [signed],
    state: verifyKeyEventLog([signed]),
    random,
    peer: () => peerFromKeyState(d.state),
    trust: (verified = true) => ({ state: d.state, keyEventLog: [...d.log], verified }),
    me: () => ({ state: d.state, encryptionSecret: keys.encryption.secretKey }),
    sender: () => ({ state: d.state, keyEventLog: [...d.log], signing: keys.signing }),
    card: () => createCard(d.log, keys),
    addDevice: () => {
      const id = newDeviceId(random);
      d.log = [...d.log, createDeviceRegistration(d.state, keys.signing, { id }, '2026-01-16T09:00:00.000Z')];
      d.state = verifyKeyEventLog(d.log);
      return id;
    },
    revoke: () => {
      d.log = [...d.log, createRevocation(d.state, keys.next, '2026-01-17T09:00:00.000Z')];
      d.state = verifyKeyEventLog(d.log);
    },
  };
  return d;
}

export interface Chain {
  readonly device: string;
  readonly changeSets: ChangeSet[];
  readonly logged: LoggedChangeSet[];
  readonly hashes: string[];
  checkpoint(): SignedCheckpoint;
}

/** `count` change-sets (one new record each) on `device`, chained, from `author`. */
export function writeChain(
  author: TestDelegation,
  count: number,
  options: { device?: string; tlp?: Tlp | ((i: number) => Tlp); kind?: string; startMs?: number; owner?: string } = {},
): Chain {
  const device = options.device ?? (author.state.inception.device.id);
  const changeSets: ChangeSet[] = [];
  const logged: LoggedChangeSet[] = [];
  const hashes: string[] = [];
  let prev: string | null = null;
  for (let i = 0; i < count; i += 1) {
    const tlp = typeof options.tlp === 'function' ? options.tlp(i) : (options.tlp ?? 'GREEN');
    const { changeSet, hash } = createChangeSet(
      {
        device,
        seq: i + 1,
        prev,
        tlp,
        record: newRecordId(options.owner ?? author.id, author.random),
        kind: options.kind ?? 'need',
        hlc: { wall: (options.startMs ?? Date.parse('2026-02-01T10:00:00.000Z')) + i, counter: 0, node: device },
        ops: [
          { field: 'title', value: `Need ${i}: SOC analysts / аналітики SOC`, base: [] },
          { field: 'quantity', value: i + 1, base: [] },
        ],
      },
      author.random,
    );
    changeSets.push(changeSet);
    logged.push({ hash, delegation: author.id, changeSet });
    hashes.push(hash);
    prev = hash;
  }
  return {
    device,
    changeSets,
    logged,
    hashes,
    checkpoint: () => signCheckpoint({ delegation: author.id, device, seq: count, head: hashes[count - 1] }, author.keys.signing.secretKey),
  };
}

/** What a bundle needs of a recipient (a TestDelegation, or a vault known only by its card). */
export type BundleRecipient = Pick<TestDelegation, 'id' | 'peer'>;

export async function seal(from: TestDelegation, to: readonly BundleRecipient[], parts: PayloadParts = {}, created = '2026-02-01T12:00:00.000Z'): Promise<SealedBundle> {
  return sealBundle({ sender: from.sender(), recipients: to.map((d) => d.peer()), parts, created, sequence: 1, random: from.random });
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const index = Math.floor(bit / 8);
  copy[index] = (copy[index] ?? 0) ^ (1 << bit % 8);
  return copy;
}
