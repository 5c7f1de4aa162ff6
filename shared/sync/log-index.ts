/**
 * The change log of a replica, indexed the two ways the engine asks it: by change-set hash (duplicates,
 * content filling, `base` references) and by (device, seq) (chain links, forks, exports). Every entry is a
 * change-set exactly as it was accepted, with or without content.
 *
 * The log only grows, with one exception that is not a loss: a change-set held as a header only
 * (redacted) is replaced by its full version when the content arrives. Adding a header-only entry for a
 * hash already held in full is ignored, so loading stored segments in any order gives the same index.
 */
import type { LoggedChangeSet } from './model';

export class LogIndex {
  private readonly byHash = new Map<string, LoggedChangeSet>();
  private readonly byDevice = new Map<string, Map<number, string>>();

  get(hash: string): LoggedChangeSet | undefined {
    return this.byHash.get(hash);
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  /** Hash of the change-set held at (device, seq). */
  hashAt(device: string, seq: number): string | undefined {
    return this.byDevice.get(device)?.get(seq);
  }

  /** Adds a change-set, or replaces a header-only entry by its full version (keeping its position). */
  add(logged: LoggedChangeSet): void {
    const existing = this.byHash.get(logged.hash);
    if (existing !== undefined) {
      if (existing.changeSet.content === undefined && logged.changeSet.content !== undefined) this.byHash.set(logged.hash, logged);
      return;
    }
    this.byHash.set(logged.hash, logged);
    const { device, seq } = logged.changeSet.header;
    let seqs = this.byDevice.get(device);
    if (seqs === undefined) {
      seqs = new Map();
      this.byDevice.set(device, seqs);
    }
    // A second hash at the same (device, seq) is fork evidence, never logged by the engine; if one is
    // loaded anyway, the first stays the chain's.
    if (!seqs.has(seq)) seqs.set(seq, logged.hash);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** Every entry in insertion order. */
  values(): IterableIterator<LoggedChangeSet> {
    return this.byHash.values();
  }

  /** Devices with at least one logged change-set. */
  devices(): IterableIterator<string> {
    return this.byDevice.keys();
  }

  /** seq → hash of one device's logged change-sets (unordered). */
  seqsOf(device: string): ReadonlyMap<number, string> {
    return this.byDevice.get(device) ?? EMPTY;
  }
}

const EMPTY: ReadonlyMap<number, string> = new Map();
