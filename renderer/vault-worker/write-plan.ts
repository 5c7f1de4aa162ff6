/**
 * A write plan: everything one command changes, decided *before* anything is sealed or written.
 *
 * Commands describe their changes here (put a singleton row, put records, append audit entries, replace a
 * keyring wrap, reset the failure counter); the plan assigns row versions and storage ids, chains the audit
 * entries and computes the next manifest. The repository then seals the whole plan and writes it in ONE
 * Dexie transaction (repository.ts), so a command either happens completely or not at all, and the
 * manifest always describes exactly the rows on disk.
 *
 * A plan is plain data plus plaintext payloads; it never sees a key.
 */
import { randomBytes, toBase32, type PassphraseWrap, type RecoveryWrap } from '@shared/crypto';
import type { AuditAction } from '@shared/ipc/vault-protocol';
import { type AuditDetails, chainEntry, encodeAuditEntry, type StoredAuditEntry } from './audit-chain';
import type { KeyringRow } from './db';
import { RECORD_BUCKET_SIZE } from './record-codec';
import { type AuditHead, EMPTY_MANIFEST, type KeyringIds, type Manifest, type RecordEntry, type SingletonRowId } from './manifest';

export interface PlannedRow {
  readonly id: SingletonRowId;
  readonly version: number;
  readonly payload: Uint8Array;
}

export interface PlannedRecord {
  readonly sid: string;
  readonly kind: string;
  readonly version: number;
  readonly payload: Uint8Array;
}

export interface PlannedLogSegment {
  readonly sid: string;
  readonly payload: Uint8Array;
}

export interface PlannedAuditEntry {
  readonly seq: number;
  readonly payload: Uint8Array;
}

/** A record a plan writes. */
export interface RecordWrite {
  readonly id: string;
  readonly kind: string;
}

/** What putRecords needs from the replica: the kind of a stored record, and a bucket's payload. */
export interface RecordStore {
  kindOf(id: string): string | undefined;
  encode(ids: readonly string[]): Uint8Array;
}

/** Random storage ids for records: 128 bits, base32, unrelated to anything the record says. */
export function newStorageId(): string {
  return toBase32(randomBytes(16));
}

export class WritePlan {
  /** Names the command in test hooks and in errors. */
  readonly label: string;
  /** Manifest generation expected on disk when the plan is committed; null: no vault may exist yet. */
  readonly baseVersion: number | null;
  readonly manifestVersion: number;

  private readonly rowVersions: Map<SingletonRowId, number>;
  private readonly recordEntries: Map<string, RecordEntry>;
  private auditHead: AuditHead;
  private keyringIds: KeyringIds;
  private readonly logSids: string[];
  private readonly logWrites: PlannedLogSegment[] = [];

  private readonly rowWrites = new Map<SingletonRowId, PlannedRow>();
  private readonly recordWrites = new Map<string, PlannedRecord>();
  private readonly auditWrites: PlannedAuditEntry[] = [];
  private readonly keyringWrites = new Map<KeyringRow['kind'], KeyringRow>();
  private readonly entries: StoredAuditEntry[] = [];
  private failuresReset = false;
  private recordsPut = false;

  private constructor(label: string, base: Manifest, baseVersion: number | null) {
    this.label = label;
    this.baseVersion = baseVersion;
    this.manifestVersion = baseVersion === null ? 0 : baseVersion + 1;
    this.rowVersions = new Map(base.rows);
    this.recordEntries = new Map(base.records);
    this.auditHead = base.audit;
    this.keyringIds = base.keyring;
    this.logSids = [...base.log];
  }

  /** The plan that creates a vault: it commits only if no vault exists. */
  static forNewVault(label: string): WritePlan {
    return new WritePlan(label, EMPTY_MANIFEST, null);
  }

  /** A plan on top of the manifest the session holds (generation `baseVersion`). */
  static on(base: Manifest, baseVersion: number, label: string): WritePlan {
    return new WritePlan(label, base, baseVersion);
  }

  putRow(id: SingletonRowId, payload: Uint8Array): void {
    const planned = this.rowWrites.get(id);
    const version = planned?.version ?? nextVersion(this.rowVersions.get(id));
    this.rowWrites.set(id, { id, version, payload });
    this.rowVersions.set(id, version);
  }

  /**
   * Writes records, in bucket rows (record-codec.ts): a changed record is re-sealed with the rest of its
   * bucket (same storage id, next version); new records fill the fullest bucket of their kind that has
   * room, then fresh buckets. Records never move between buckets, so the manifest alone says which
   * records a row holds, and a row is never left holding a stale copy.
   *
   * `store.kindOf` gives the kind of a stored record, `store.encode` the payload of a bucket holding
   * exactly `ids` (changed records at their new state).
   */
  putRecords(changed: readonly RecordWrite[], store: RecordStore): void {
    // The store encodes bucket mates from the replica as it was before this plan: a second call would
    // re-encode records the first one changed at their old state.
    if (this.recordsPut) throw new Error('putRecords is called once per plan');
    this.recordsPut = true;
    if (changed.length === 0) return;
    const members = new Map<string, string[]>();
    const storedVersions = new Map<string, number>();
    for (const [id, entry] of this.recordEntries) {
      const list = members.get(entry.sid);
      if (list === undefined) members.set(entry.sid, [id]);
      else list.push(id);
      storedVersions.set(entry.sid, entry.version);
    }
    const dirty = new Map<string, string>();
    const fresh = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const { id, kind } of changed) {
      if (seen.has(id)) continue;
      seen.add(id);
      const entry = this.recordEntries.get(id);
      if (entry !== undefined) {
        // A row's plaintext kind is its records' kind: a record that changed kind would break its bucket.
        if (store.kindOf(id) !== kind) throw new Error(`record ${id} cannot change its kind`);
        dirty.set(entry.sid, kind);
        continue;
      }
      const list = fresh.get(kind);
      if (list === undefined) fresh.set(kind, [id]);
      else list.push(id);
    }
    for (const [kind, ids] of fresh) {
      let target = fullestWithRoom(members, kind, store);
      for (let start = 0; start < ids.length; ) {
        const sid = target ?? newStorageId();
        target = undefined;
        const list = members.get(sid) ?? [];
        members.set(sid, list);
        const take = ids.slice(start, start + RECORD_BUCKET_SIZE - list.length);
        list.push(...take);
        start += take.length;
        dirty.set(sid, kind);
      }
    }
    // The manifest lists records in the order they were first written (records-list shows that order),
    // whichever bucket they went to: new ids take their places before the buckets are filled in.
    for (const { id } of changed) if (!this.recordEntries.has(id)) this.recordEntries.set(id, { sid: '', version: 0 });
    for (const [sid, kind] of dirty) {
      const ids = members.get(sid) ?? [];
      const version = nextVersion(storedVersions.get(sid));
      this.recordWrites.set(sid, { sid, kind, version, payload: store.encode(ids) });
      for (const id of ids) this.recordEntries.set(id, { sid, version });
    }
  }

  /** Appends one change-log segment (written once, never rewritten: version 0). */
  appendLogSegment(payload: Uint8Array): string {
    const sid = newStorageId();
    this.logWrites.push({ sid, payload });
    this.logSids.push(sid);
    return sid;
  }

  appendAudit(action: AuditAction, details: AuditDetails, at: string): StoredAuditEntry {
    const { entry, head } = chainEntry(this.auditHead, action, details, at);
    this.auditHead = head;
    this.auditWrites.push({ seq: entry.seq, payload: encodeAuditEntry(entry) });
    this.entries.push(entry);
    return entry;
  }

  setPassphraseWrap(wrap: PassphraseWrap): void {
    this.keyringWrites.set('passphrase', { kind: 'passphrase', wrap });
    this.keyringIds = { ...this.keyringIds, passphrase: wrap.nonceB64 };
  }

  setRecoveryWrap(wrap: RecoveryWrap): void {
    this.keyringWrites.set('recovery', { kind: 'recovery', wrap });
    this.keyringIds = { ...this.keyringIds, recovery: wrap.nonceB64 };
  }

  resetFailures(): void {
    this.failuresReset = true;
  }

  get rows(): readonly PlannedRow[] {
    return [...this.rowWrites.values()];
  }

  get records(): readonly PlannedRecord[] {
    return [...this.recordWrites.values()];
  }

  get logSegments(): readonly PlannedLogSegment[] {
    return this.logWrites;
  }

  get audit(): readonly PlannedAuditEntry[] {
    return this.auditWrites;
  }

  get auditEntries(): readonly StoredAuditEntry[] {
    return this.entries;
  }

  get keyring(): readonly KeyringRow[] {
    return [...this.keyringWrites.values()];
  }

  get resetsFailures(): boolean {
    return this.failuresReset;
  }

  /** The manifest as it will be once the plan is committed. */
  get manifest(): Manifest {
    return {
      rows: new Map(this.rowVersions),
      records: new Map(this.recordEntries),
      audit: this.auditHead,
      keyring: this.keyringIds,
      log: [...this.logSids],
    };
  }
}

/** The stored bucket of `kind` with the most records and room for more, if any. */
function fullestWithRoom(members: ReadonlyMap<string, readonly string[]>, kind: string, store: RecordStore): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [sid, ids] of members) {
    if (ids.length >= RECORD_BUCKET_SIZE || ids.length <= most) continue;
    if (store.kindOf(ids[0] as string) !== kind) continue;
    best = sid;
    most = ids.length;
  }
  return best;
}

function nextVersion(current: number | undefined): number {
  return current === undefined ? 0 : current + 1;
}
