/**
 * The data model of a replica, shared by the pure sync engine (merge.ts, chain.ts, replica.ts) and the
 * vault worker that persists it. Everything here is plain, JSON-serialisable data (Maps become arrays
 * when stored), so the worker can seal it and a rebuild from the log can be compared field for field.
 */
import type { Json } from './json';
import type { ChangeSet } from './changeset';
import type { SignedCheckpoint } from './checkpoint';
import type { Tlp } from './tlp';

/** One value of a field register: the operation that wrote it and who/when, for conflict cards. */
export interface Head {
  /** Hash of the change-set that wrote this value (the id `base` refers to). */
  readonly cs: string;
  readonly value: Json;
  /** HLC text of that change-set: orders concurrent heads for display only. */
  readonly hlc: string;
  readonly device: string;
  readonly delegation: string;
  /**
   * Tombstone heads only: the `base` of the `_deleted` operation, i.e. every head of every field the
   * deleter (or restorer) saw. A delete conflict is a head of another field that the true-valued tombstone
   * heads did not see (merge.ts), which needs exactly these bases; other heads do not carry it.
   */
  readonly base?: readonly string[];
}

/**
 * A multi-value register (DESIGN.md §4). `heads` = operations on this field not named in the base of any
 * other operation on it, sorted by HLC descending (ties by `cs`), so heads[0] is the displayed value on
 * every replica. `superseded` = every change-set hash some operation on this field named in its base
 * (sorted), kept so that a late-arriving older operation does not come back as a head. Both are pure
 * functions of the *set* of operations received, which is what makes merge order-independent.
 */
export interface FieldRegister {
  readonly heads: readonly Head[];
  readonly superseded: readonly string[];
}

/** Merge state of one record: its registers plus what the view needs. */
export interface RecordState {
  readonly id: string;
  readonly kind: string;
  /** Owning delegation (from the id). */
  readonly owner: string;
  /** Field name → register; keys sorted. Includes the tombstone field `_deleted` once anyone deleted. */
  readonly fields: Readonly<Record<string, FieldRegister>>;
  /** Smallest and largest HLC of the operations applied (text form). */
  readonly created: string;
  readonly updated: string;
  /** TLP of the latest change-set applied (by HLC): what the record was last published at. */
  readonly tlp: Tlp;
}

/** What the UI sees of a record: displayed values and conflict markers (merge.ts `viewOf`). */
export interface RecordView {
  readonly id: string;
  readonly kind: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly values: Readonly<Record<string, Json>>;
  /**
   * Fields in conflict, sorted: more than one head holding different values, and `_deleted` for a delete
   * conflict too (the same list as merge.ts `conflictsOf`).
   */
  readonly conflicts: readonly string[];
  /** A delete concurrent with an edit the deleter did not see (DESIGN.md §4). */
  readonly deleteConflict: boolean;
  readonly created: string;
  readonly updated: string;
}

/** A change-set as the log stores it: verbatim wire form plus what was derived when it was accepted. */
export interface LoggedChangeSet {
  readonly hash: string;
  readonly delegation: string;
  readonly changeSet: ChangeSet;
}

/** Evidence of equivocation: two different signed histories for one device and seq (DESIGN.md §4). */
export interface ForkEvidence {
  readonly device: string;
  readonly seq: number;
  /** The two conflicting hashes at `seq`, sorted. */
  readonly hashes: readonly [string, string];
  /** The signed checkpoints (and headers, when known) that vouch for each side. */
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly headers: readonly ChangeSet['header'][];
  /** ISO time the fork was detected. */
  readonly detectedAt: string;
}

/** Per device: what this replica holds of its chain. */
export interface DeviceChain {
  readonly device: string;
  readonly delegation: string;
  /** Highest seq such that 1..seq are all held (the version vector entry). */
  readonly contiguous: number;
  /** seqs held beyond `contiguous` (gaps before them are visible: a lost stick), sorted. */
  readonly beyond: readonly number[];
  /** The latest verified checkpoint of this device, relayed in every bundle whatever its TLP. */
  readonly checkpoint: SignedCheckpoint | null;
  /** Set once a fork is seen: the chain is frozen, nothing more from this device is applied. */
  readonly fork: ForkEvidence | null;
}

/** Version vector: device → highest contiguous seq. */
export type VersionVector = Readonly<Record<string, number>>;

/** A delegation as the sync engine needs it (verification itself is decided by the user, issue #7). */
export interface KnownDelegation {
  readonly id: string;
  /** Current Ed25519 public key, base64. */
  readonly signingKey: string;
  /** Registered device ids. */
  readonly devices: readonly string[];
  /** Only verified, unrevoked delegations' change-sets are applied; others are parked. */
  readonly verified: boolean;
  readonly revoked: boolean;
}
