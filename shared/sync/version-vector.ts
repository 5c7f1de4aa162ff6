/**
 * Version vectors (DESIGN.md §4): device → highest contiguous seq held. They count headers, so a
 * redacted change-set counts as held; the content still missing is tracked separately (`contentMissing`)
 * and requested back by hash. A vector entry never covers a gap, so "what the peer lacks" is exactly every
 * change-set above its entry (including any it holds beyond a gap: duplicates are no-ops).
 *
 * Devices with nothing contiguous (entry 0) are left out, so two replicas holding the same change-sets
 * have equal vectors whatever else they know (a chain known only through a checkpoint, or only beyond a gap).
 */
import type { LogIndex } from './log-index';
import type { DeviceChain, LoggedChangeSet, VersionVector } from './model';
import { compareText } from './working-record';

function chainsOf(chains: ReadonlyMap<string, DeviceChain> | Iterable<DeviceChain>): Iterable<DeviceChain> {
  return chains instanceof Map ? (chains as ReadonlyMap<string, DeviceChain>).values() : (chains as Iterable<DeviceChain>);
}

/** device → contiguous, devices in sorted order, zero entries omitted. */
export function versionVector(chains: ReadonlyMap<string, DeviceChain> | Iterable<DeviceChain>): VersionVector {
  const entries = [...chainsOf(chains)].filter((chain) => chain.contiguous > 0).sort((a, b) => compareText(a.device, b.device));
  const vector: Record<string, number> = {};
  for (const chain of entries) vector[chain.device] = chain.contiguous;
  return vector;
}

export type VectorOrder = 'equal' | 'before' | 'after' | 'concurrent';

function entry(vector: VersionVector, device: string): number {
  return Object.hasOwn(vector, device) ? (vector[device] ?? 0) : 0;
}

/** `before`: a holds less than b and nothing b lacks; `concurrent`: each holds something the other lacks. */
export function compareVectors(a: VersionVector, b: VersionVector): VectorOrder {
  let aAhead = false;
  let bAhead = false;
  for (const device of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = entry(a, device);
    const y = entry(b, device);
    if (x > y) aAhead = true;
    if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/**
 * Every logged change-set a peer with `peerVector` lacks: for each device (sorted), the ones above its
 * entry, in seq order. What an incremental export sends (the bundle layer then redacts what the TLP
 * rules withhold from that peer).
 */
export function changeSetsMissingFrom(state: { readonly log: LogIndex }, peerVector: VersionVector): LoggedChangeSet[] {
  const out: LoggedChangeSet[] = [];
  for (const device of [...state.log.devices()].sort(compareText)) {
    const floor = entry(peerVector, device);
    const seqs = [...state.log.seqsOf(device)].filter(([seq]) => seq > floor).sort(([a], [b]) => a - b);
    for (const [, hash] of seqs) {
      const logged = state.log.get(hash);
      if (logged !== undefined) out.push(logged);
    }
  }
  return out;
}

/**
 * The logged change-sets, with content, among `hashes` (a peer's content-missing requests), in request
 * order. Hashes held only as headers, or not at all, are skipped.
 */
export function changeSetsWithContent(state: { readonly log: LogIndex }, hashes: Iterable<string>): LoggedChangeSet[] {
  const out: LoggedChangeSet[] = [];
  const seen = new Set<string>();
  for (const hash of hashes) {
    if (seen.has(hash)) continue;
    seen.add(hash);
    const logged = state.log.get(hash);
    if (logged?.changeSet.content !== undefined) out.push(logged);
  }
  return out;
}
