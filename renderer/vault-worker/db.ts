/**
 * The vault's one IndexedDB database, through Dexie (DESIGN.md §2: only the vault worker opens it).
 *
 * What is stored where, and why each table may or may not be plaintext:
 *
 * | table      | key   | sealed? | holds |
 * |------------|-------|---------|-------|
 * | `keyring`  | kind  | no      | the passphrase wrap and the recovery wrap of the master key. They protect themselves (secretbox under a KEK; the Argon2id parameters carry their own check value, docs/crypto.md §5) and must be readable before any key exists. |
 * | `meta`     | id    | no      | the failure counter {count, lastFailureAt} (DESIGN.md §6): it must be writable on a *failed* unlock, when no key exists. |
 * | `manifest` | id    | yes     | the version registry: every sealed row's expected version, the record-id map, the audit chain head and the keyring digests (see manifest.ts for why rollback detection needs it). |
 * | `rows`     | id    | yes     | singleton rows: `identity` (delegation secrets), `profile` (public identity, key event log, revocation certificate), `settings`. |
 * | `rows`     | id    | yes     | (v2) also `sync`: device chains, delegations known to the sync layer, content-missing set, parked change-sets, the HLC. |
 * | `records`  | sid   | yes     | the materialised view: one record's merge state (shared/sync RecordState); plaintext: a random storage id and `kind` only. |
 * | `audit`    | seq   | yes     | the hash-chained audit log (audit-chain.ts). |
 * | `log`      | sid   | yes     | (v2) the change log in append-only segments: each row holds the change-sets (and the checkpoint) of one transaction, verbatim; plaintext: a random storage id only. |
 *
 * Sealed rows store only `nonce` and `box` beside their key: table, id and version are bound *inside* the
 * box (shared/crypto row-seal), and the version a reader expects comes from the sealed manifest, never
 * from a plaintext field an attacker could roll back together with the ciphertext. Only the manifest row
 * itself keeps its version in plaintext: it is the root, and nothing inside the vault can vouch for it.
 *
 * Schema versions are listed in VAULT_SCHEMA_HISTORY, oldest first; the Dexie versions are declared from
 * it, and tests/browser/vault/schema.test.ts has one test per entry (it fails when an entry has none).
 * Upgrade functions run at open time, before any key exists, so they may only reshape *plaintext*
 * indexes; a change to the content of sealed rows is a migration after unlock, keyed on the manifest's `v`.
 */
import Dexie, { type EntityTable } from 'dexie';

export const VAULT_DB_NAME = 'tallinn-desk-vault';

/** A sealed value exactly as stored: the secretbox nonce (24 bytes) and box (shared/crypto row-seal). */
export interface SealedValue {
  readonly nonce: Uint8Array;
  readonly box: Uint8Array;
}

export type KeyringKind = 'passphrase' | 'recovery';

/** A master-key wrap record, unsealed; parsed by shared/crypto when it is used (it is untrusted input). */
export interface KeyringRow {
  readonly kind: KeyringKind;
  readonly wrap: unknown;
}

export const FAILURES_META_ID = 'failures';

/** The unsealed failure counter (DESIGN.md §6). */
export interface FailureCounterRow {
  readonly id: typeof FAILURES_META_ID;
  readonly count: number;
  /** ISO 8601 UTC of the latest failed attempt, null when count is 0. */
  readonly lastFailureAt: string | null;
}

export const MANIFEST_ROW_ID = 'current';

export interface ManifestRow extends SealedValue {
  readonly id: typeof MANIFEST_ROW_ID;
  /** Generation of the manifest: +1 on every write transaction. The only plaintext version in the vault. */
  readonly version: number;
}

export interface SingletonRow extends SealedValue {
  readonly id: string;
}

export interface RecordRow extends SealedValue {
  /** Random storage id (26 base32 characters), unrelated to the record's own id. */
  readonly sid: string;
  readonly kind: string;
}

export interface AuditRow extends SealedValue {
  readonly seq: number;
}

export interface LogRow extends SealedValue {
  /** Random storage id (26 base32 characters); the order of segments is kept in the sealed manifest. */
  readonly sid: string;
}

export interface VaultSchemaVersion {
  readonly version: number;
  /** Dexie store specs: primary key first, then indexes. */
  readonly stores: Readonly<Record<string, string | null>>;
  readonly why: string;
}

export const VAULT_SCHEMA_HISTORY: readonly VaultSchemaVersion[] = [
  {
    version: 1,
    stores: {
      keyring: 'kind',
      meta: 'id',
      manifest: 'id',
      rows: 'id',
      records: 'sid, kind',
      audit: 'seq',
    },
    why: 'First vault (issue 3): keyring, failure counter, sealed manifest, singleton rows, records indexed by kind, audit log.',
  },
  {
    version: 2,
    stores: { log: 'sid' },
    why: 'Change log (issue 4): append-only sealed segments of change-sets; records become the view rebuilt from it. No plaintext index beyond a random id.',
  },
];

export const VAULT_TABLES = ['keyring', 'meta', 'manifest', 'rows', 'records', 'audit', 'log'] as const;
export type VaultTableName = (typeof VAULT_TABLES)[number];

export class VaultDatabase extends Dexie {
  declare keyring: EntityTable<KeyringRow, 'kind'>;
  declare meta: EntityTable<FailureCounterRow, 'id'>;
  declare manifest: EntityTable<ManifestRow, 'id'>;
  declare rows: EntityTable<SingletonRow, 'id'>;
  declare records: EntityTable<RecordRow, 'sid'>;
  declare audit: EntityTable<AuditRow, 'seq'>;
  declare log: EntityTable<LogRow, 'sid'>;

  constructor(name: string = VAULT_DB_NAME) {
    super(name, {
      // A committed passphrase change must survive a power cut: Chromium's default ("relaxed") reports
      // a commit before the data reaches the disk.
      chromeTransactionDurability: 'strict',
      // Dexie's query cache would keep extra copies of ciphertext (and clone 10,000 rows) for live
      // queries nobody runs in the worker.
      cache: 'disabled',
    });
    for (const { version, stores } of VAULT_SCHEMA_HISTORY) this.version(version).stores(stores);
  }
}
