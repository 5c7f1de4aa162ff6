/**
 * The repository: the only code that reads or writes the vault's tables, and (with sealing.ts) the only
 * code that touches ciphertext. Commands hand it a row key and a WritePlan, and get plaintext payloads back.
 *
 * Two rules make every command atomic:
 * 1. Everything is sealed BEFORE the transaction opens. IndexedDB commits a transaction as soon as it has
 *    no pending request at the end of a task, so awaiting anything that is not a Dexie operation inside
 *    it (Argon2id, a timer, even a resolved non-Dexie promise in some engines) lets it commit half-done
 *    or fail with TransactionInactiveError. Sealing is synchronous, but it is still done first so the
 *    transaction is as short as possible.
 * 2. A plan is written in ONE read-write transaction that first checks the stored manifest generation is
 *    the one the plan was built on (or, for a new vault, that no vault exists), then writes every row, the
 *    keyring wraps, the failure-counter reset and the new manifest. If anything throws, IndexedDB rolls
 *    everything back: a failed operation never modifies the vault.
 *
 * The failure counter is the one exception to "sealed": it is written on a failed unlock, when no key
 * exists, in its own small transaction that touches nothing else.
 */
import { type RowKey, zeroize } from '@shared/crypto';
import { type AuditRow, FAILURES_META_ID, type LogRow, type FailureCounterRow, type KeyringKind, MANIFEST_ROW_ID, type ManifestRow, type RecordRow, type SingletonRow, type VaultDatabase } from './db';
import { corruptRow, VaultFailure } from './errors';
import type { FailureCounter } from './failure-delay';
import { decodeManifest, encodeManifest, type Manifest, type SingletonRowId } from './manifest';
import { rowRecordsLabel } from './record-codec';
import { openValue, sealValue } from './sealing';
import type { WritePlan } from './write-plan';

/** Test seams for interrupting a write; production passes none. */
export interface RepositoryHooks {
  /** Called synchronously inside the write transaction after every write: throwing (or aborting
   * `Dexie.currentTransaction`) here rolls the whole plan back. */
  readonly inTransaction?: (label: string) => void;
  /** Called after the transaction committed, before the command continues (a crash at that point). */
  readonly afterCommit?: (label: string) => void;
}

/** An opened row of the records table: a bucket of records (record-codec.ts), those the manifest lists under its sid. */
export interface OpenedRecordRow {
  readonly sid: string;
  readonly kind: string;
  readonly recordIds: readonly string[];
  readonly payload: Uint8Array;
}

export interface OpenedAuditRow {
  readonly seq: number;
  readonly payload: Uint8Array;
}

function sanitizeCounter(row: FailureCounterRow | undefined): FailureCounter {
  // Unsealed, so anyone could have written anything here: read it defensively.
  const count = typeof row?.count === 'number' && Number.isSafeInteger(row.count) && row.count > 0 ? row.count : 0;
  const lastFailureAt = typeof row?.lastFailureAt === 'string' ? row.lastFailureAt : null;
  return { count, lastFailureAt };
}

export class VaultRepository {
  readonly db: VaultDatabase;
  private readonly hooks: RepositoryHooks;

  constructor(db: VaultDatabase, hooks: RepositoryHooks = {}) {
    this.db = db;
    this.hooks = hooks;
  }

  /** A vault exists once anything of one was written (create writes everything at once). */
  async vaultExists(): Promise<boolean> {
    const [manifests, wraps] = await Promise.all([this.db.manifest.count(), this.db.keyring.count()]);
    return manifests > 0 || wraps > 0;
  }

  async readFailures(): Promise<FailureCounter> {
    return sanitizeCounter(await this.db.meta.get(FAILURES_META_ID));
  }

  /** count + 1, lastFailureAt = at; nothing else is touched. */
  async recordFailure(at: string): Promise<FailureCounter> {
    return this.db.transaction('rw', this.db.meta, async () => {
      const current = sanitizeCounter(await this.db.meta.get(FAILURES_META_ID));
      const next: FailureCounterRow = { id: FAILURES_META_ID, count: current.count + 1, lastFailureAt: at };
      await this.db.meta.put(next);
      return { count: next.count, lastFailureAt: next.lastFailureAt };
    });
  }

  /** The stored wraps, unparsed (shared/crypto parses them when they are used). */
  async readKeyring(): Promise<Partial<Record<KeyringKind, unknown>>> {
    const rows = await this.db.keyring.toArray();
    const out: Partial<Record<KeyringKind, unknown>> = {};
    for (const kind of ['passphrase', 'recovery'] as const) {
      const row = rows.find((candidate) => candidate.kind === kind);
      if (row !== undefined) out[kind] = row.wrap;
    }
    return out;
  }

  /** Opens the manifest at the generation stored beside it (it is the root; see manifest.ts). */
  async openManifest(rowKey: RowKey): Promise<{ manifest: Manifest; version: number }> {
    const row: unknown = await this.db.manifest.get(MANIFEST_ROW_ID);
    if (row === undefined) throw corruptRow('manifest', MANIFEST_ROW_ID, 'missing', 'The vault manifest is missing.');
    const version = (row as Partial<ManifestRow>).version;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
      throw corruptRow('manifest', MANIFEST_ROW_ID, 'unreadable', 'The vault manifest has no valid generation.');
    }
    const payload = openValue(rowKey, 'manifest', MANIFEST_ROW_ID, version, row);
    try {
      return { manifest: decodeManifest(payload), version };
    } catch (error) {
      throw corruptRow('manifest', MANIFEST_ROW_ID, 'content-invalid', `The vault manifest opened but ${(error as Error).message}.`);
    }
  }

  /** Opens a singleton row at the version the manifest lists. */
  async openRow(rowKey: RowKey, manifest: Manifest, id: SingletonRowId): Promise<Uint8Array> {
    const version = manifest.rows.get(id);
    const row = await this.db.rows.get(id);
    if (version === undefined || row === undefined) {
      throw corruptRow('rows', id, 'missing', `Row rows/${id} is missing from the vault.`);
    }
    return openValue(rowKey, 'rows', id, version, row);
  }

  /**
   * Opens every record row the manifest lists, in manifest order, each once with the records listed in it.
   * A listed row that is missing, and a stored row the manifest does not list, are both `vault-corrupt`:
   * the two must always agree.
   */
  async openRecords(rowKey: RowKey, manifest: Manifest): Promise<OpenedRecordRow[]> {
    const rows = await this.db.records.toArray();
    const bySid = new Map<string, RecordRow>();
    for (const row of rows) bySid.set(row.sid, row);
    const listed = new Map<string, { version: number; recordIds: string[] }>();
    for (const [recordId, entry] of manifest.records) {
      const bucket = listed.get(entry.sid);
      if (bucket === undefined) listed.set(entry.sid, { version: entry.version, recordIds: [recordId] });
      else bucket.recordIds.push(recordId);
    }
    const out: OpenedRecordRow[] = [];
    for (const [sid, { version, recordIds }] of listed) {
      const named = { recordId: recordIds[0] ?? '', records: recordIds.length };
      const row = bySid.get(sid);
      if (row === undefined) {
        throw corruptRow('records', sid, 'missing', `${rowRecordsLabel(recordIds)} (row records/${sid}) ${recordIds.length === 1 ? 'is' : 'are'} missing from the vault.`, named);
      }
      bySid.delete(sid);
      const payload = openValue(rowKey, 'records', sid, version, row, named);
      out.push({ sid, kind: row.kind, recordIds, payload });
    }
    const [extra] = bySid.keys();
    if (extra !== undefined) {
      throw corruptRow('records', extra, 'unexpected', `Row records/${extra} is not part of the vault (it was inserted from elsewhere).`);
    }
    return out;
  }

  /**
   * Opens every change-log segment the manifest lists, in order. A listed segment that is missing, and a
   * stored segment the manifest does not list, are `vault-corrupt` (as for records).
   */
  async openLog(rowKey: RowKey, manifest: Manifest): Promise<Uint8Array[]> {
    const rows = await this.db.log.toArray();
    const bySid = new Map<string, LogRow>();
    for (const row of rows) bySid.set(row.sid, row);
    const out: Uint8Array[] = [];
    for (const sid of manifest.log) {
      const row = bySid.get(sid);
      if (row === undefined) throw corruptRow('log', sid, 'missing', `Change-log segment log/${sid} is missing from the vault.`);
      bySid.delete(sid);
      out.push(openValue(rowKey, 'log', sid, 0, row));
    }
    const [extra] = bySid.keys();
    if (extra !== undefined) throw corruptRow('log', extra, 'unexpected', `Row log/${extra} is not part of the vault (it was inserted from elsewhere).`);
    return out;
  }

  /** The highest stored audit seq, or -1: an unlock compares it with the manifest's count before appending. */
  async lastAuditSeq(): Promise<number> {
    const last = await this.db.audit.toCollection().lastKey();
    return typeof last === 'number' ? last : -1;
  }

  /** Opens every stored audit row in seq order (each at version 0: entries are never rewritten). */
  async openAudit(rowKey: RowKey): Promise<OpenedAuditRow[]> {
    const rows: AuditRow[] = await this.db.audit.toArray();
    return rows.map((row) => ({ seq: row.seq, payload: openValue(rowKey, 'audit', String(row.seq), 0, row) }));
  }

  /**
   * Seals the plan, then writes it in one transaction (see the file comment). Consumes the plan's payload
   * buffers: they are zeroized once sealed. Returns the manifest now on disk.
   */
  async commit(rowKey: RowKey, plan: WritePlan): Promise<Manifest> {
    const manifest = plan.manifest;
    const payloads: Uint8Array[] = [];
    const seal = (table: string, id: string, version: number, payload: Uint8Array) => {
      payloads.push(payload);
      return sealValue(rowKey, table, id, version, payload);
    };
    const rows: SingletonRow[] = plan.rows.map((row) => ({ id: row.id, ...seal('rows', row.id, row.version, row.payload) }));
    const records: RecordRow[] = plan.records.map((record) => ({
      sid: record.sid,
      kind: record.kind,
      ...seal('records', record.sid, record.version, record.payload),
    }));
    const log: LogRow[] = plan.logSegments.map((segment) => ({ sid: segment.sid, ...seal('log', segment.sid, 0, segment.payload) }));
    const audit: AuditRow[] = plan.audit.map((entry) => ({ seq: entry.seq, ...seal('audit', String(entry.seq), 0, entry.payload) }));
    const manifestRow: ManifestRow = {
      id: MANIFEST_ROW_ID,
      version: plan.manifestVersion,
      ...seal('manifest', MANIFEST_ROW_ID, plan.manifestVersion, encodeManifest(manifest)),
    };
    zeroize(...payloads);
    const keyring = plan.keyring;
    const { db } = this;

    await db.transaction('rw', [db.keyring, db.meta, db.manifest, db.rows, db.records, db.audit, db.log], async () => {
      const stored = await db.manifest.get(MANIFEST_ROW_ID);
      if (plan.baseVersion === null) {
        if (stored !== undefined || (await db.keyring.count()) > 0) throw new VaultFailure('vault-exists', 'A vault already exists here.');
      } else if (stored?.version !== plan.baseVersion) {
        throw corruptRow(
          'manifest',
          MANIFEST_ROW_ID,
          'changed-underneath',
          'The vault was changed outside this session (another window, or the files were replaced); nothing was written. Lock and unlock again.',
        );
      }
      if (keyring.length > 0) await db.keyring.bulkPut([...keyring]);
      if (rows.length > 0) await db.rows.bulkPut(rows);
      if (records.length > 0) await db.records.bulkPut(records);
      if (audit.length > 0) await db.audit.bulkAdd(audit);
      if (log.length > 0) await db.log.bulkAdd(log);
      if (plan.resetsFailures) await db.meta.put({ id: FAILURES_META_ID, count: 0, lastFailureAt: null });
      await db.manifest.put(manifestRow);
      this.hooks.inTransaction?.(plan.label);
    });
    this.hooks.afterCommit?.(plan.label);
    return manifest;
  }
}
