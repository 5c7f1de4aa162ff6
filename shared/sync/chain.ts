/**
 * Chain authentication (DESIGN.md §4, docs/sync.md §5). Change-sets are not signed one by one (tweetnacl
 * verifies ~150 Ed25519 signatures a second here); a device signs a **checkpoint** {seq, head} per local
 * transaction and per export, and every change-set is authenticated by the `prev` links that lead down to
 * it from a verified checkpoint.
 *
 * For one device, on one input batch plus what the replica already holds, a change-set (seq s, hash h) is
 * authentic iff
 *   (a) a signature-verified checkpoint of the device has seq s and head h, or
 *   (b) an authentic change-set at s+1 (in the batch or already logged) has prev = h;
 * and everything already logged is authentic by definition (it was authenticated when it was accepted).
 * The batch is walked from its highest seq down, so the cost is linear in its size plus one sort.
 *
 * A **fork** is two different authentic hashes at the same (device, seq): two checkpoints, a checkpoint
 * and the log, an authentic change-set and the log, or a prev link and the log. It proves that the
 * device's key signed two histories; the chain is frozen (nothing more from the device is applied) and
 * both sides are kept as evidence. A change-set that collides with an authentic hash but is not itself
 * authentic is merely **forged** (anyone can write a header; nobody signed it) and is rejected without
 * freezing anything. One that nothing vouches for is **uncovered**.
 *
 * Checkpoint signatures are the expensive part and the denial-of-service vector, so at most
 * MAX_CHECKPOINTS_PER_DEVICE are verified per device per input (highest seq first); the rest are rejected
 * `checkpoint-flood` unverified. An honest bundle carries one per device.
 */
import { fromBase64 } from '../crypto';
import { type Header } from './changeset';
import { type SignedCheckpoint, verifyCheckpointSignature } from './checkpoint';
import type { LogIndex } from './log-index';
import type { DeviceChain, ForkEvidence, KnownDelegation } from './model';
import type { IngestGap } from './report';

export const MAX_CHECKPOINTS_PER_DEVICE = 4;

/** One identity per signed checkpoint: duplicates in an input are verified once. */
export function checkpointKey(signed: SignedCheckpoint): string {
  const { device, seq, head } = signed.checkpoint;
  return `${device}:${seq}:${head}:${signed.signature}`;
}

export interface CheckpointVerification {
  /** Verified checkpoints, highest seq first (the stored one included when the input repeats it). */
  readonly verified: SignedCheckpoint[];
  readonly rejected: { readonly checkpoint: SignedCheckpoint; readonly reason: 'checkpoint-signature' | 'checkpoint-flood'; readonly message: string }[];
}

/**
 * Verifies the checkpoints an input carries for one device (already parsed, already checked to name the
 * device's delegation). Two kinds are not verified because they cannot tell us anything: the stored
 * checkpoint repeated (kept as verified), and one no newer than the stored checkpoint whose head is the
 * hash we already hold at its seq (dropped: it vouches for what is authentic anyway and would not be
 * kept). Every bundle carries the latest checkpoint of every chain its sender knows, so most checkpoints
 * of a routine import are of these kinds, and each verification costs milliseconds.
 */
export function verifyDeviceCheckpoints(
  checkpoints: readonly SignedCheckpoint[],
  delegation: KnownDelegation,
  stored: DeviceChain | undefined,
  log: LogIndex,
): CheckpointVerification {
  const storedKey = stored?.checkpoint ? checkpointKey(stored.checkpoint) : null;
  const storedSeq = stored?.checkpoint?.checkpoint.seq ?? 0;
  const unique = new Map<string, SignedCheckpoint>();
  for (const signed of checkpoints) {
    const { device, seq, head } = signed.checkpoint;
    const key = checkpointKey(signed);
    if (key !== storedKey && seq <= storedSeq && log.hashAt(device, seq) === head) continue;
    unique.set(key, signed);
  }
  const ordered = [...unique].sort(([, a], [, b]) => b.checkpoint.seq - a.checkpoint.seq);
  let signingKey: Uint8Array | null;
  try {
    signingKey = fromBase64(delegation.signingKey, 'signingKey');
  } catch {
    signingKey = null;
  }
  const verified: SignedCheckpoint[] = [];
  const rejected: CheckpointVerification['rejected'][number][] = [];
  let attempts = 0;
  for (const [key, signed] of ordered) {
    if (key === storedKey) {
      verified.push(signed);
      continue;
    }
    if (attempts >= MAX_CHECKPOINTS_PER_DEVICE) {
      rejected.push({
        checkpoint: signed,
        reason: 'checkpoint-flood',
        message: `More than ${MAX_CHECKPOINTS_PER_DEVICE} checkpoints for one device in one input: this one (seq ${signed.checkpoint.seq}) was not verified.`,
      });
      continue;
    }
    attempts += 1;
    if (signingKey !== null && verifyCheckpointSignature(signed, signingKey)) verified.push(signed);
    else {
      rejected.push({
        checkpoint: signed,
        reason: 'checkpoint-signature',
        message: `The checkpoint at seq ${signed.checkpoint.seq} is not signed by the current signing key of delegation ${delegation.id}.`,
      });
    }
  }
  return { verified, rejected };
}

/** What authentication needs of a change-set: its hash and header. */
export interface ChainItem {
  readonly hash: string;
  readonly header: Header;
}

export interface DeviceAuthentication {
  /** Hashes of the batch items that are authentic. */
  readonly authentic: ReadonlySet<string>;
  /** The others: `forged` when an authentic hash exists at their seq, `uncovered` otherwise. */
  readonly unauthentic: ReadonlyMap<string, 'forged' | 'uncovered'>;
  /** The lowest seq holding two authentic hashes, if any. */
  readonly fork: { readonly seq: number; readonly hashes: readonly [string, string] } | null;
}

/**
 * Authenticates one device's batch items against verified checkpoints (incoming and stored) and the log.
 * Items must all belong to `device` and be distinct by hash.
 */
export function authenticateDevice(device: string, items: readonly ChainItem[], checkpoints: readonly SignedCheckpoint[], log: LogIndex): DeviceAuthentication {
  // Hashes vouched for at a seq by a checkpoint or by the prev link of an authentic batch item above it.
  const vouched = new Map<number, Set<string>>();
  const vouch = (seq: number, hash: string): void => {
    let set = vouched.get(seq);
    if (set === undefined) {
      set = new Set();
      vouched.set(seq, set);
    }
    set.add(hash);
  };
  for (const signed of checkpoints) if (signed.checkpoint.device === device) vouch(signed.checkpoint.seq, signed.checkpoint.head);

  // Everything authentic at `seq`: what is vouched for, what the log holds there, and the prev of what the
  // log holds just above (a logged change-set vouches for its predecessor even across a gap).
  const authenticAt = (seq: number): Set<string> => {
    const set = new Set(vouched.get(seq));
    const held = log.hashAt(device, seq);
    if (held !== undefined) set.add(held);
    const above = log.hashAt(device, seq + 1);
    const prev = above === undefined ? null : (log.get(above)?.changeSet.header.prev ?? null);
    if (prev !== null) set.add(prev);
    return set;
  };

  const bySeq = new Map<number, ChainItem[]>();
  for (const item of items) {
    const list = bySeq.get(item.header.seq);
    if (list === undefined) bySeq.set(item.header.seq, [item]);
    else list.push(item);
  }

  const authentic = new Set<string>();
  const unauthentic = new Map<string, 'forged' | 'uncovered'>();
  let fork: { seq: number; hashes: readonly [string, string] } | null = null;
  const checkFork = (seq: number, set: ReadonlySet<string>): void => {
    if (set.size < 2 || (fork !== null && fork.seq <= seq)) return;
    const [a, b] = [...set].sort() as [string, string];
    fork = { seq, hashes: [a, b] };
  };

  for (const seq of [...bySeq.keys()].sort((a, b) => b - a)) {
    const known = authenticAt(seq);
    const here = bySeq.get(seq) as ChainItem[];
    for (const item of here) {
      if (!known.has(item.hash)) continue;
      authentic.add(item.hash);
      if (item.header.prev !== null) vouch(seq - 1, item.header.prev);
    }
    for (const item of here) if (!authentic.has(item.hash)) unauthentic.set(item.hash, known.size > 0 ? 'forged' : 'uncovered');
    checkFork(seq, known);
  }
  // Seqs reached only by checkpoints and prev links can still disagree with the log.
  for (const seq of vouched.keys()) if (!bySeq.has(seq)) checkFork(seq, authenticAt(seq));
  return { authentic, unauthentic, fork };
}

export function forkEvidence(params: {
  readonly device: string;
  readonly seq: number;
  readonly hashes: readonly [string, string];
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly headers: readonly Header[];
  readonly now: number;
}): ForkEvidence {
  return {
    device: params.device,
    seq: params.seq,
    hashes: [params.hashes[0], params.hashes[1]],
    checkpoints: [...params.checkpoints],
    headers: [...params.headers],
    detectedAt: new Date(params.now).toISOString(),
  };
}

/** Highest seq held (contiguous or beyond). */
export function highestHeld(chain: DeviceChain | undefined): number {
  if (chain === undefined) return 0;
  return Math.max(chain.contiguous, chain.beyond.at(-1) ?? 0);
}

/**
 * The chain after adding newly logged seqs, a newer verified checkpoint and/or fork evidence. `contiguous`
 * advances over every seq now held without a hole; the rest stays in `beyond` (sorted), so gaps show.
 */
export function advanceChain(
  previous: DeviceChain | undefined,
  device: string,
  delegation: string,
  added: readonly number[],
  checkpoint: SignedCheckpoint | null,
  fork: ForkEvidence | null,
): DeviceChain {
  let contiguous = previous?.contiguous ?? 0;
  const beyond = new Set(previous?.beyond);
  for (const seq of added) if (seq > contiguous) beyond.add(seq);
  while (beyond.delete(contiguous + 1)) contiguous += 1;
  const kept = previous?.checkpoint ?? null;
  const best = checkpoint !== null && (kept === null || checkpoint.checkpoint.seq > kept.checkpoint.seq) ? checkpoint : kept;
  return {
    device,
    delegation: previous?.delegation ?? delegation,
    contiguous,
    beyond: [...beyond].sort((a, b) => a - b),
    checkpoint: best,
    fork: previous?.fork ?? fork,
  };
}

/** Missing seqs below the highest held, as inclusive ranges. */
export function chainGaps(chain: DeviceChain): IngestGap[] {
  const gaps: IngestGap[] = [];
  let next = chain.contiguous + 1;
  for (const seq of chain.beyond) {
    if (seq > next) gaps.push({ device: chain.device, from: next, to: seq - 1 });
    next = seq + 1;
  }
  return gaps;
}
