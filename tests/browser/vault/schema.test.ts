/**
 * The vault database's schema, one test per version in VAULT_SCHEMA_HISTORY (renderer/vault-worker/db.ts).
 *
 * The pattern for a future version N: add an entry to SCHEMA_TESTS that
 *   1. builds a database at version N-1 with `openAtVersion(name, N - 1)` and writes the rows an N-1 vault
 *      has (raw values are fine: sealed rows are opaque to an upgrade);
 *   2. opens it with `new VaultDatabase(name)` (which runs the upgrade);
 *   3. asserts the layout with `describeSchema` and that the rows survived (or moved as intended).
 * The first test fails when a version has no test.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { VAULT_DB_NAME, VAULT_SCHEMA_HISTORY, VAULT_TABLES, VaultDatabase } from '../../../renderer/vault-worker/db';
import { deleteDatabase, uniqueDbName } from './helpers';
import { dumpVault, openRaw } from './raw-idb';

interface StoreLayout {
  readonly keyPath: string | string[] | null;
  readonly autoIncrement: boolean;
  readonly indexes: Record<string, { keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
}

/** The layout IndexedDB itself reports (not what Dexie believes), and the raw version. */
async function describeSchema(name: string): Promise<{ version: number; stores: Record<string, StoreLayout> }> {
  const db = await openRaw(name);
  try {
    const names = Array.from(db.objectStoreNames);
    const stores: Record<string, StoreLayout> = {};
    if (names.length > 0) {
      const tx = db.transaction(names, 'readonly');
      for (const store of names) {
        const objectStore = tx.objectStore(store);
        const indexes: StoreLayout['indexes'] = {};
        for (const index of Array.from(objectStore.indexNames)) {
          const { keyPath, unique, multiEntry } = objectStore.index(index);
          indexes[index] = { keyPath, unique, multiEntry };
        }
        stores[store] = { keyPath: objectStore.keyPath, autoIncrement: objectStore.autoIncrement, indexes };
      }
    }
    return { version: db.version, stores };
  } finally {
    db.close();
  }
}

/** A Dexie database declared with the history up to `version` only: an older app's view of the vault. */
function openAtVersion(name: string, version: number): Dexie {
  const db = new Dexie(name);
  for (const entry of VAULT_SCHEMA_HISTORY) if (entry.version <= version) db.version(entry.version).stores(entry.stores);
  return db;
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDatabase(name);
});

function freshName(): string {
  const name = uniqueDbName('schema');
  names.push(name);
  return name;
}

const plain = (keyPath: string): StoreLayout => ({ keyPath, autoIncrement: false, indexes: {} });

const V1_STORES: Record<string, StoreLayout> = {
  audit: plain('seq'),
  keyring: plain('kind'),
  manifest: plain('id'),
  meta: plain('id'),
  records: { keyPath: 'sid', autoIncrement: false, indexes: { kind: { keyPath: 'kind', unique: false, multiEntry: false } } },
  rows: plain('id'),
};

/** Raw rows of every v1 table, shaped as a v1 vault stores them (sealed values are opaque bytes here). */
function v1Rows(): Record<string, unknown[]> {
  const sealed = (seed: number) => ({ nonce: new Uint8Array(24).fill(seed), box: Uint8Array.from({ length: 48 }, (_v, i) => (i * 7 + seed) & 0xff) });
  return {
    keyring: [
      { kind: 'passphrase', wrap: { v: 1, nonceB64: 'AAAA', kdf: { memoryKiB: 65_536, iterations: 3, parallelism: 1 } } },
      { kind: 'recovery', wrap: { v: 1, nonceB64: 'BBBB' } },
    ],
    meta: [{ id: 'failures', count: 2, lastFailureAt: '2026-01-01T00:00:00.000Z' }],
    manifest: [{ id: 'current', version: 7, ...sealed(1) }],
    rows: [
      { id: 'identity', ...sealed(2) },
      { id: 'profile', ...sealed(3) },
      { id: 'settings', ...sealed(4) },
    ],
    records: [
      { sid: 'aaaaaaaaaaaaaaaaaaaaaaaaaa', kind: 'need', ...sealed(5) },
      { sid: 'bbbbbbbbbbbbbbbbbbbbbbbbbb', kind: 'note', ...sealed(6) },
    ],
    audit: [
      { seq: 0, ...sealed(7) },
      { seq: 1, ...sealed(8) },
    ],
  };
}

const SCHEMA_TESTS: Record<number, () => Promise<void>> = {
  1: async () => {
    const name = freshName();
    const db = openAtVersion(name, 1);
    await db.open();
    expect(db.verno).toBe(1);
    db.close();

    // Dexie stores version N as IndexedDB version N × 10.
    expect(await describeSchema(name)).toEqual({ version: 10, stores: V1_STORES });
  },
  2: async () => {
    // A vault written by the v1 app: every table holds rows.
    const name = freshName();
    const older = openAtVersion(name, 1);
    await older.open();
    const rows = v1Rows();
    await older.transaction('rw', older.tables, async () => {
      for (const [table, values] of Object.entries(rows)) await older.table(table).bulkAdd(values);
    });
    older.close();
    const before = await dumpVault(name);
    expect(Object.keys(before).sort()).toEqual(Object.keys(V1_STORES).sort());

    // The current app opens it: the upgrade adds the log table and leaves every row as it was.
    const current = new VaultDatabase(name);
    await current.open();
    expect(current.verno).toBe(2);
    expect(await current.log.count()).toBe(0);
    expect(await current.records.where('kind').equals('note').primaryKeys()).toEqual(['bbbbbbbbbbbbbbbbbbbbbbbbbb']);
    current.close();

    expect(await describeSchema(name)).toEqual({ version: 20, stores: { ...V1_STORES, log: plain('sid') } });
    expect([...VAULT_TABLES].sort()).toEqual(Object.keys((await describeSchema(name)).stores).sort());
    const after = await dumpVault(name);
    expect(after['log']).toEqual({ keys: [], values: [] });
    for (const [table, values] of Object.entries(rows)) {
      expect(after[table]?.values, table).toEqual(values);
      expect(after[table], table).toEqual(before[table]);
    }
  },
};

describe('vault database schema', () => {
  it('has one database name and a schema test for every version', () => {
    expect(VAULT_DB_NAME).toBe('tallinn-desk-vault');
    expect(Object.keys(SCHEMA_TESTS).map(Number)).toEqual(VAULT_SCHEMA_HISTORY.map((entry) => entry.version));
    expect(VAULT_SCHEMA_HISTORY.map((entry) => entry.version)).toEqual(VAULT_SCHEMA_HISTORY.map((_entry, index) => index + 1));
  });

  for (const entry of VAULT_SCHEMA_HISTORY) {
    it(`version ${entry.version}: ${entry.why}`, async () => {
      const test = SCHEMA_TESTS[entry.version];
      if (test === undefined) throw new Error(`no schema test for version ${entry.version}`);
      await test();
    });
  }

  it('an older declaration (openAtVersion) opens the current vault read-compatible while versions are equal', async () => {
    const name = freshName();
    const current = new VaultDatabase(name);
    await current.open();
    current.close();
    const older = openAtVersion(name, VAULT_SCHEMA_HISTORY.at(-1)?.version ?? 1);
    await older.open();
    expect(older.tables.map((table) => table.name).sort()).toEqual([...VAULT_TABLES].sort());
    older.close();
  });
});
