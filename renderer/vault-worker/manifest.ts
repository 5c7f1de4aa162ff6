/**
 * The sealed manifest: the vault's version registry, and the answer to "where does the expected version
 * of a row come from?" (docs/crypto.md §7: rollback is detected only against a version the attacker
 * cannot roll back together with the row).
 *
 * One sealed row (`manifest/current`) lists, for the current state of the vault:
 * - the version of each singleton row (`identity`, `profile`, `settings`);
 * - every record: its own id → its random storage id and version (so the record id, which the UI chooses,
 *   is never stored in plaintext, and a record row that is missing, extra, moved or rolled back is found);
 * - the audit chain's length and head hash (so a truncated or shortened log is found);
 * - which keyring wraps are current, by their random nonces (so an old passphrase or recovery wrap put
 *   back into the keyring is found at the next unlock; see unlock-vault.ts).
 *
 * Every write transaction re-seals the manifest with generation + 1 and writes it together with the rows
 * it changes, so manifest and rows always move together. The manifest's own generation is stored in
 * plaintext (it is the root: nothing inside the vault can vouch for it); the session keeps the generation
 * it last wrote, and a write refuses to proceed if the stored generation differs (the vault was changed
 * underneath it).
 *
 * What this detects: a row rolled back, moved, swapped, deleted or inserted on its own; the manifest
 * rolled back on its own (rows written later are then newer than it says: `version-mismatch`). What it
 * cannot detect, by construction: the *whole* vault put back to an earlier consistent copy. Nothing stored
 * beside the vault can tell "restored from yesterday's backup" from "attacker restored yesterday's copy";
 * detecting that would need a monotonic counter outside the attacker's reach (a TPM, or a peer's
 * acknowledgement, which the sync layer later provides through version vectors).
 *
 * Size: about 60 bytes per record (≈ 600 KB at 10,000 records), re-sealed on every write (a few ms). If
 * records grow into the hundreds of thousands, the record map should become sealed buckets with their
 * versions listed here (a two-level tree); the `v` field allows that change.
 */
import { z } from 'zod';
import { utf8Decode, utf8Encode } from '@shared/crypto';

export const SINGLETON_ROW_IDS = ['identity', 'profile', 'settings', 'sync', 'exchange'] as const;
export type SingletonRowId = (typeof SINGLETON_ROW_IDS)[number];

export interface RecordEntry {
  readonly sid: string;
  readonly version: number;
}

export interface AuditHead {
  /** Number of entries; the next entry's seq. */
  readonly count: number;
  /** Hex hash of the last entry, null while the log is empty. */
  readonly head: string | null;
}

export interface KeyringIds {
  /** nonceB64 of the current passphrase wrap: random, unique per wrap. */
  readonly passphrase: string;
  /** nonceB64 of the current recovery wrap. */
  readonly recovery: string;
}

export interface Manifest {
  readonly rows: ReadonlyMap<SingletonRowId, number>;
  /** Record id → storage; iteration order is the order records were first written. */
  readonly records: ReadonlyMap<string, RecordEntry>;
  readonly audit: AuditHead;
  readonly keyring: KeyringIds;
  /** Storage ids of the change-log segments, oldest first (each written once, at version 0). */
  readonly log: readonly string[];
}

export const EMPTY_MANIFEST: Manifest = {
  rows: new Map(),
  records: new Map(),
  log: [],
  audit: { count: 0, head: null },
  keyring: { passphrase: '', recovery: '' },
};

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const STORAGE_ID = /^[a-z2-7]{26}$/u;

/** Stored form: JSON, records as [id, sid, version] tuples (compact, and no record id ever becomes an object key). */
const StoredManifestSchema = z.strictObject({
  /** 2 since records share rows (record-codec.ts buckets): a build that reads only 1 refuses the manifest as
   * malformed instead of calling a shared storage id a duplicate. Version 1 manifests still open. */
  v: z.union([z.literal(1), z.literal(2)]),
  rows: z.strictObject({
    identity: version.optional(),
    profile: version.optional(),
    settings: version.optional(),
    sync: version.optional(),
    /** (issue #7) exchange state: history, peers' acknowledgements, export counter (exchange-store.ts). */
    exchange: version.optional(),
  }),
  records: z.array(z.tuple([z.string().min(1).max(200), z.string().regex(STORAGE_ID), version])),
  audit: z.strictObject({ count: version, head: z.string().regex(/^[0-9a-f]{64}$/u).nullable() }),
  keyring: z.strictObject({ passphrase: z.string().min(1).max(64), recovery: z.string().min(1).max(64) }),
  /** Change-log segment storage ids in order (absent in vaults written before the change log). */
  log: z.array(z.string().regex(STORAGE_ID)).optional(),
});

export function encodeManifest(manifest: Manifest): Uint8Array {
  const rows: Partial<Record<SingletonRowId, number>> = {};
  for (const [id, rowVersion] of manifest.rows) rows[id] = rowVersion;
  const records: [string, string, number][] = [];
  for (const [id, entry] of manifest.records) records.push([id, entry.sid, entry.version]);
  return utf8Encode(JSON.stringify({ v: 2, rows, records, audit: manifest.audit, keyring: manifest.keyring, log: manifest.log }));
}

/** Parses an opened manifest; throws a plain Error describing the first problem (the caller names the row). */
export function decodeManifest(bytes: Uint8Array): Manifest {
  const parsed = StoredManifestSchema.safeParse(JSON.parse(utf8Decode(bytes)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the manifest is malformed (${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'})`);
  }
  const stored = parsed.data;
  const rows = new Map<SingletonRowId, number>();
  for (const id of SINGLETON_ROW_IDS) {
    const rowVersion = stored.rows[id];
    if (rowVersion !== undefined) rows.set(id, rowVersion);
  }
  const records = new Map<string, RecordEntry>();
  // Records share a row (a bucket, record-codec.ts), so a storage id is listed once per record in it,
  // always at the row's one version.
  const sids = new Map<string, number>();
  for (const [id, sid, recordVersion] of stored.records) {
    if (records.has(id)) throw new Error(`the manifest lists record ${id} twice`);
    const rowVersion = sids.get(sid);
    if (rowVersion !== undefined && rowVersion !== recordVersion) throw new Error(`the manifest lists storage id ${sid} at two versions`);
    sids.set(sid, recordVersion);
    records.set(id, { sid, version: recordVersion });
  }
  const log = stored.log ?? [];
  if (new Set(log).size !== log.length) throw new Error('the manifest lists a log segment twice');
  return { rows, records, audit: stored.audit, keyring: stored.keyring, log };
}
