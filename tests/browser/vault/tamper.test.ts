/**
 * Bad input on disk (issues 3 and 4, "Bad input, faults"): rows corrupted, truncated, swapped, moved or
 * rolled back, change-log segments deleted, inserted, swapped or taken from another vault, the sync state
 * rolled back, a manifest or keyring wrap put back, and KDF parameters edited. Each gives a clear error
 * naming what is wrong, the failing operation writes nothing, and everything else keeps working; putting
 * the original bytes back makes the vault whole again.
 */
import { describe, expect, it } from 'vitest';
import { kdfParamsDigest, type KdfParams, toBase64 } from '@shared/crypto';
import type { RecordEdit, RecordView } from '@shared/ipc/vault-protocol';
import type { VaultClient } from '../../../renderer/vault-worker/client';
import { createVault, deleteDatabase, expectVaultError, lockAndClose, openClient, OTHER_PASSPHRASE, PASSPHRASE, PROFILE, type TestVault, uniqueDbName, useTestVault } from './helpers';
import { allRaw, deleteRaw, dumpVault, getRaw, openRaw, putRaw, snapshotVault } from './raw-idb';

const vault = useTestVault('tamper');

interface SealedRaw {
  readonly nonce: Uint8Array;
  readonly box: Uint8Array;
}
interface RecordRaw extends SealedRaw {
  readonly sid: string;
  readonly kind: string;
}
interface LogRaw extends SealedRaw {
  readonly sid: string;
}

// Two kinds, so the plaintext `kind` beside each record row tells which row is which.
const ALPHA: RecordEdit = { kind: 'need', tlp: 'AMBER', ops: [{ field: 'text', value: 'first version' }] };
const ALPHA_EDIT = (id: string): RecordEdit => ({ record: id, kind: 'need', tlp: 'AMBER', ops: [{ field: 'text', value: 'second version' }] });
const BETA: RecordEdit = { kind: 'note', tlp: 'GREEN', ops: [{ field: 'text', value: 'the other record' }] };

async function recordByKind(dbName: string, kind: string): Promise<RecordRaw> {
  const rows = (await allRaw(dbName, 'records')) as RecordRaw[];
  const row = rows.find((candidate) => candidate.kind === kind);
  if (row === undefined) throw new Error(`no ${kind} row`);
  return row;
}

/** The log segment a write added: the one row of the log table that was not there before it. */
async function addedSegment(dbName: string, before: readonly LogRaw[]): Promise<LogRaw> {
  const known = new Set(before.map((row) => row.sid));
  const added = ((await allRaw(dbName, 'log')) as LogRaw[]).filter((row) => !known.has(row.sid));
  expect(added, 'one log segment per write').toHaveLength(1);
  return added[0] as LogRaw;
}

async function writeView(client: VaultClient, edits: RecordEdit[]): Promise<RecordView[]> {
  return (await client.request({ cmd: 'records-write', edits })).records;
}

/**
 * A vault with two records (alpha written twice, so an older ciphertext of it exists, and two log
 * segments), settings and the sync row written twice (likewise), locked. Returns the record views, and
 * the raw rows a test needs to tamper with and to restore.
 */
async function prepare(testVault: TestVault) {
  const { client } = await createVault(testVault);
  const { dbName } = testVault;
  const settingsV0 = (await getRaw(dbName, 'rows', 'settings')) as SealedRaw & { id: string };
  const [alphaFirst, beta] = await writeView(client, [ALPHA, BETA]);
  if (alphaFirst === undefined || beta === undefined) throw new Error('the first write returned no views');
  const segment1 = await addedSegment(dbName, []);
  const alphaV0 = await recordByKind(dbName, 'need');
  const syncV0 = (await getRaw(dbName, 'rows', 'sync')) as SealedRaw & { id: string };
  const manifestBefore = await getRaw(dbName, 'manifest', 'current');
  const [alpha] = await writeView(client, [ALPHA_EDIT(alphaFirst.id)]);
  if (alpha === undefined) throw new Error('the edit returned no view');
  const segment2 = await addedSegment(dbName, [segment1]);
  await client.request({ cmd: 'settings-set', settings: { language: 'uk' } });
  await lockAndClose(client);
  return {
    views: { alphaFirst, alpha, beta },
    alphaV0,
    alpha: await recordByKind(dbName, 'need'),
    beta: await recordByKind(dbName, 'note'),
    settingsV0,
    syncV0,
    manifestBefore,
    segments: [segment1, segment2] as const,
  };
}

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

async function unlocked(): Promise<VaultClient> {
  const client = vault.client();
  await client.request({ cmd: 'unlock', passphrase: PASSPHRASE });
  return client;
}

/** The call fails with vault-corrupt naming table, id and reason, and writes nothing. */
async function expectCorrupt(call: () => Promise<unknown>, expected: Record<string, string>): Promise<void> {
  const before = await snapshotVault(vault.dbName);
  const error = await expectVaultError(call(), 'vault-corrupt');
  expect(error.details).toMatchObject(expected);
  expect(error.message).toContain(expected['id'] ?? '');
  expect(await snapshotVault(vault.dbName)).toEqual(before);
}

/** A log segment of another vault (another key), with its storage id. */
async function foreignSegment(): Promise<LogRaw> {
  const dbName = uniqueDbName('tamper-foreign');
  const client = openClient(dbName);
  try {
    await client.request({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE });
    await client.request({ cmd: 'records-write', edits: [BETA] });
    const [segment] = (await allRaw(dbName, 'log')) as LogRaw[];
    if (segment === undefined) throw new Error('the other vault wrote no log segment');
    return segment;
  } finally {
    client.terminate();
    await deleteDatabase(dbName);
  }
}

describe('a damaged record row', () => {
  const cases: [string, string, (rows: Awaited<ReturnType<typeof prepare>>) => RecordRaw][] = [
    ['corrupted', 'unreadable', ({ alpha }) => ({ ...alpha, box: flipped(alpha.box, 40) })],
    ['truncated', 'unreadable', ({ alpha }) => ({ ...alpha, box: alpha.box.slice(0, alpha.box.length - 7) })],
    ['swapped with another record', 'moved', ({ alpha, beta }) => ({ ...alpha, nonce: beta.nonce, box: beta.box })],
    ['rolled back to an older ciphertext of itself', 'rolled-back', ({ alpha, alphaV0 }) => ({ ...alpha, nonce: alphaV0.nonce, box: alphaV0.box })],
  ];

  it.each(cases)('%s: records-list names it (%s), everything else works, restoring it heals', async (_name, reason, tamper) => {
    const rows = await prepare(vault);
    await putRaw(vault.dbName, 'records', tamper(rows));

    const client = await unlocked();
    await expectCorrupt(() => client.request({ cmd: 'records-list' }), { table: 'records', id: rows.alpha.sid, recordId: rows.views.alpha.id, reason });
    // A write reads the records too: it is refused the same way, and writes nothing.
    await expectCorrupt(() => client.request({ cmd: 'records-write', edits: [BETA] }), { table: 'records', id: rows.alpha.sid, recordId: rows.views.alpha.id, reason });
    expect((await client.request({ cmd: 'settings-get' })).language).toBe('uk');
    expect((await client.request({ cmd: 'audit-list' })).chainIntact).toBe(true);
    await client.request({ cmd: 'profile' });

    await putRaw(vault.dbName, 'records', rows.alpha);
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([rows.views.alpha, rows.views.beta]);
    expect(await client.request({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 2, changeSets: 3 });
  });

  it('a record row deleted, or one inserted from elsewhere, is named too', async () => {
    const rows = await prepare(vault);
    const client = await unlocked();
    await deleteRaw(vault.dbName, 'records', rows.beta.sid);
    await expectCorrupt(() => client.request({ cmd: 'records-list' }), { table: 'records', id: rows.beta.sid, recordId: rows.views.beta.id, reason: 'missing' });
    await putRaw(vault.dbName, 'records', rows.beta);
    const intruder = { ...rows.beta, sid: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' };
    await putRaw(vault.dbName, 'records', intruder);
    await expectCorrupt(() => client.request({ cmd: 'records-list' }), { table: 'records', id: intruder.sid, reason: 'unexpected' });
    await deleteRaw(vault.dbName, 'records', intruder.sid);
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([rows.views.alpha, rows.views.beta]);
  });
});

describe('a damaged change log', () => {
  type Rows = Awaited<ReturnType<typeof prepare>>;
  interface LogCase {
    /** Changes the log table; returns the table, id and reason the error must name. */
    readonly tamper: (rows: Rows) => Promise<{ id: string; reason: string }>;
  }
  const cases: [string, LogCase][] = [
    [
      'a segment deleted',
      {
        tamper: async ({ segments: [first] }) => {
          await deleteRaw(vault.dbName, 'log', first.sid);
          return { id: first.sid, reason: 'missing' };
        },
      },
    ],
    [
      'the log rolled back to before the last write (its newest segment gone)',
      {
        tamper: async ({ segments: [, last] }) => {
          await deleteRaw(vault.dbName, 'log', last.sid);
          return { id: last.sid, reason: 'missing' };
        },
      },
    ],
    [
      'a segment of another vault inserted',
      {
        tamper: async () => {
          const foreign = await foreignSegment();
          await putRaw(vault.dbName, 'log', foreign);
          return { id: foreign.sid, reason: 'unexpected' };
        },
      },
    ],
    [
      'a segment replaced by another vault’s',
      {
        tamper: async ({ segments: [first] }) => {
          const foreign = await foreignSegment();
          await putRaw(vault.dbName, 'log', { sid: first.sid, nonce: foreign.nonce, box: foreign.box });
          return { id: first.sid, reason: 'unreadable' };
        },
      },
    ],
    [
      'two segments swapped',
      {
        tamper: async ({ segments: [first, last] }) => {
          await putRaw(vault.dbName, 'log', { sid: first.sid, nonce: last.nonce, box: last.box });
          await putRaw(vault.dbName, 'log', { sid: last.sid, nonce: first.nonce, box: first.box });
          return { id: first.sid, reason: 'moved' };
        },
      },
    ],
    [
      'a segment corrupted',
      {
        tamper: async ({ segments: [, last] }) => {
          await putRaw(vault.dbName, 'log', { ...last, box: flipped(last.box, 50) });
          return { id: last.sid, reason: 'unreadable' };
        },
      },
    ],
  ];

  it.each(cases)('%s: every command that reads the log names it, the records still list, restoring it heals', async (_name, { tamper }) => {
    const rows = await prepare(vault);
    const before = await dumpVault(vault.dbName);
    const { id, reason } = await tamper(rows);

    const client = await unlocked();
    // Listing reads the records and the sync row, not the log: the register stays readable.
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([rows.views.alpha, rows.views.beta]);
    const expected = { table: 'log', id, reason };
    await expectCorrupt(() => client.request({ cmd: 'records-write', edits: [{ record: rows.views.alpha.id, kind: 'need', tlp: 'AMBER', ops: [{ field: 'text', value: 'third' }] }] }), expected);
    await expectCorrupt(() => client.request({ cmd: 'records-write', edits: [BETA] }), expected);
    await expectCorrupt(() => client.request({ cmd: 'log-rebuild' }), expected);
    await expectCorrupt(() => client.request({ cmd: 'record-history', recordId: rows.views.alpha.id }), expected);
    expect((await client.request({ cmd: 'settings-get' })).language).toBe('uk');
    expect((await client.request({ cmd: 'audit-list' })).chainIntact).toBe(true);

    // Putting the original table back heals it, in the same session.
    const db = await openRaw(vault.dbName);
    const tx = db.transaction('log', 'readwrite');
    tx.objectStore('log').clear();
    for (const value of before['log']?.values ?? []) tx.objectStore('log').put(value);
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
    expect(await client.request({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 2, changeSets: 3 });
    expect((await client.request({ cmd: 'record-history', recordId: rows.views.alpha.id })).entries.map((entry) => entry.ops)).toEqual([
      [{ field: 'text', value: 'first version' }],
      [{ field: 'text', value: 'second version' }],
    ]);
    const [third] = await writeView(client, [{ ...ALPHA_EDIT(rows.views.alpha.id), ops: [{ field: 'text', value: 'third' }] }]);
    expect(third?.values).toEqual({ text: 'third' });
  });
});

describe('damaged singleton rows and manifest', () => {
  it('settings rolled back: settings-get names rows/settings, records still open', async () => {
    const rows = await prepare(vault);
    const current = await getRaw(vault.dbName, 'rows', 'settings');
    await putRaw(vault.dbName, 'rows', rows.settingsV0);
    const client = await unlocked();
    await expectCorrupt(() => client.request({ cmd: 'settings-get' }), { table: 'rows', id: 'settings', reason: 'rolled-back' });
    await expectCorrupt(() => client.request({ cmd: 'settings-set', settings: { language: 'en' } }), { table: 'rows', id: 'settings' });
    expect((await client.request({ cmd: 'records-list' })).records).toHaveLength(2);
    await putRaw(vault.dbName, 'rows', current);
    expect((await client.request({ cmd: 'settings-get' })).language).toBe('uk');
  });

  it('sync state rolled back: records-list and records-write name rows/sync, settings still open, restoring it heals', async () => {
    const rows = await prepare(vault);
    const current = await getRaw(vault.dbName, 'rows', 'sync');
    await putRaw(vault.dbName, 'rows', rows.syncV0);
    const client = await unlocked();
    await expectCorrupt(() => client.request({ cmd: 'records-list' }), { table: 'rows', id: 'sync', reason: 'rolled-back' });
    await expectCorrupt(() => client.request({ cmd: 'records-write', edits: [BETA] }), { table: 'rows', id: 'sync', reason: 'rolled-back' });
    await expectCorrupt(() => client.request({ cmd: 'sync-status' }), { table: 'rows', id: 'sync', reason: 'rolled-back' });
    expect((await client.request({ cmd: 'settings-get' })).language).toBe('uk');
    await putRaw(vault.dbName, 'rows', current);
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([rows.views.alpha, rows.views.beta]);
  });

  it('profile swapped with settings: unlock names rows/profile, stays locked, counts no failure', async () => {
    await prepare(vault);
    const profile = (await getRaw(vault.dbName, 'rows', 'profile')) as SealedRaw & { id: string };
    const settings = (await getRaw(vault.dbName, 'rows', 'settings')) as SealedRaw;
    await putRaw(vault.dbName, 'rows', { id: 'profile', nonce: settings.nonce, box: settings.box });
    const client = vault.client();
    await expectCorrupt(() => client.request({ cmd: 'unlock', passphrase: PASSPHRASE }), { table: 'rows', id: 'profile', reason: 'moved' });
    expect(await client.request({ cmd: 'state' })).toEqual({ state: 'locked', failures: { count: 0, retryAt: null } });
    await putRaw(vault.dbName, 'rows', profile);
    await client.request({ cmd: 'unlock', passphrase: PASSPHRASE });
  });

  it('delegation secrets corrupted: unlock names rows/identity', async () => {
    await prepare(vault);
    const identity = (await getRaw(vault.dbName, 'rows', 'identity')) as SealedRaw & { id: string };
    await putRaw(vault.dbName, 'rows', { ...identity, box: flipped(identity.box, 3) });
    const client = vault.client();
    await expectCorrupt(() => client.request({ cmd: 'unlock', passphrase: PASSPHRASE }), { table: 'rows', id: 'identity', reason: 'unreadable' });
  });

  it('manifest truncated, or put back on its own: unlock or the read names it', async () => {
    const rows = await prepare(vault);
    const manifest = (await getRaw(vault.dbName, 'manifest', 'current')) as SealedRaw & { id: string; version: number };
    await putRaw(vault.dbName, 'manifest', { ...manifest, box: manifest.box.slice(0, 100) });
    const client = vault.client();
    await expectCorrupt(() => client.request({ cmd: 'unlock', passphrase: PASSPHRASE }), { table: 'manifest', id: 'current', reason: 'unreadable' });

    // An older manifest alone: the audit log beside it is longer than it says.
    await putRaw(vault.dbName, 'manifest', rows.manifestBefore);
    await expectCorrupt(() => client.request({ cmd: 'unlock', passphrase: PASSPHRASE }), { table: 'manifest', id: 'current', reason: 'behind-rows' });
    await putRaw(vault.dbName, 'manifest', manifest);
    await client.request({ cmd: 'unlock', passphrase: PASSPHRASE });
  });

  it('manifest put back across record writes only (no audit entry to betray it): reading the records names what is newer', async () => {
    const { client } = await createVault(vault);
    const [alpha] = await writeView(client, [ALPHA]);
    const older = await getRaw(vault.dbName, 'manifest', 'current');
    await writeView(client, [ALPHA_EDIT(alpha?.id ?? '')]);
    // The worker dies without locking (no audit entry after the writes): the old manifest matches the audit log.
    client.terminate();
    await putRaw(vault.dbName, 'manifest', older);

    const again = await unlocked();
    await expectCorrupt(() => again.request({ cmd: 'records-list' }), { table: 'rows', id: 'sync', reason: 'version-mismatch' });
    await expectCorrupt(() => again.request({ cmd: 'records-write', edits: [BETA] }), { table: 'rows', id: 'sync', reason: 'version-mismatch' });
    await expectCorrupt(() => again.request({ cmd: 'log-rebuild' }), { table: 'rows', id: 'sync', reason: 'version-mismatch' });
    expect((await again.request({ cmd: 'settings-get' })).language).toBe('en');
    expect((await again.request({ cmd: 'audit-list' })).chainIntact).toBe(true);
  });

  it('an audit row corrupted: audit-list names it, unlock and records still work', async () => {
    await prepare(vault);
    const entry = (await getRaw(vault.dbName, 'audit', 1)) as SealedRaw & { seq: number };
    await putRaw(vault.dbName, 'audit', { ...entry, nonce: flipped(entry.nonce, 0) });
    const client = await unlocked();
    await expectCorrupt(() => client.request({ cmd: 'audit-list' }), { table: 'audit', id: '1', reason: 'unreadable' });
    expect((await client.request({ cmd: 'records-list' })).records).toHaveLength(2);
  });

  it('documents the limit: a whole earlier copy of the vault opens as that copy (see manifest.ts)', async () => {
    const { client } = await createVault(vault);
    const [alpha] = await writeView(client, [ALPHA]);
    const earlier = await dumpVault(vault.dbName);
    await writeView(client, [ALPHA_EDIT(alpha?.id ?? '')]);
    await lockAndClose(client);

    const db = await openRaw(vault.dbName);
    const stores = Array.from(db.objectStoreNames);
    const tx = db.transaction(stores, 'readwrite');
    for (const store of stores) {
      const objectStore = tx.objectStore(store);
      objectStore.clear();
      for (const value of earlier[store]?.values ?? []) objectStore.put(value);
    }
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
    const restored = await unlocked();
    expect((await restored.request({ cmd: 'records-list' })).records).toEqual([alpha]);
    expect(await restored.request({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 1, changeSets: 1 });
  });
});

describe('keyring wraps put back', () => {
  it('an old passphrase wrap restored after a change opens nothing; recovery repairs it', async () => {
    const { client, created } = await createVault(vault);
    const oldWrap = await getRaw(vault.dbName, 'keyring', 'passphrase');
    await client.request({ cmd: 'change-passphrase', current: PASSPHRASE, next: OTHER_PASSPHRASE });
    await lockAndClose(client);
    await putRaw(vault.dbName, 'keyring', oldWrap);

    const again = vault.client();
    await expectCorrupt(() => again.request({ cmd: 'unlock', passphrase: PASSPHRASE }), { table: 'keyring', id: 'passphrase', reason: 'rolled-back' });
    await expectVaultError(again.request({ cmd: 'unlock', passphrase: OTHER_PASSPHRASE }), 'wrong-passphrase');
    await again.request({ cmd: 'unlock-with-recovery', words: created.recoverySheet.recoveryWords.join(' '), newPassphrase: OTHER_PASSPHRASE });
    await lockAndClose(again);
    await vault.client().request({ cmd: 'unlock', passphrase: OTHER_PASSPHRASE });
  });

  it('an old recovery wrap restored after a new sheet: the old words open nothing', async () => {
    const { client, created } = await createVault(vault);
    const oldWrap = await getRaw(vault.dbName, 'keyring', 'recovery');
    await client.request({ cmd: 'renew-recovery-sheet', passphrase: PASSPHRASE });
    await lockAndClose(client);
    await putRaw(vault.dbName, 'keyring', oldWrap);
    const again = vault.client();
    await expectCorrupt(
      () => again.request({ cmd: 'unlock-with-recovery', words: created.recoverySheet.recoveryWords.join(' '), newPassphrase: OTHER_PASSPHRASE }),
      { table: 'keyring', id: 'recovery', reason: 'rolled-back' },
    );
  });
});

describe('tampered KDF parameters', () => {
  interface WrapRaw {
    readonly kind: 'passphrase';
    readonly wrap: { kdf: KdfParams; kdfDigestB64: string };
  }

  async function editKdf(edit: (kdf: KdfParams) => Record<string, unknown>, options: { recomputeDigest?: boolean } = {}): Promise<WrapRaw> {
    const original = (await getRaw(vault.dbName, 'keyring', 'passphrase')) as WrapRaw;
    const kdf = edit({ ...original.wrap.kdf });
    const kdfDigestB64 = options.recomputeDigest === true ? toBase64(kdfParamsDigest(kdf as KdfParams)) : original.wrap.kdfDigestB64;
    await putRaw(vault.dbName, 'keyring', { ...original, wrap: { ...original.wrap, kdf, kdfDigestB64 } });
    return original;
  }

  const outOfBounds: [string, (kdf: KdfParams) => Record<string, unknown>][] = [
    ['memoryKiB', (kdf) => ({ ...kdf, memoryKiB: 1024 })],
    ['memoryKiB', (kdf) => ({ ...kdf, memoryKiB: 4_194_304 })],
    ['iterations', (kdf) => ({ ...kdf, iterations: 1 })],
    ['parallelism', (kdf) => ({ ...kdf, parallelism: 16 })],
    ['saltB64', (kdf) => ({ ...kdf, saltB64: 'AAAA' })],
    ['algorithm', (kdf) => ({ ...kdf, algorithm: 'argon2i' })],
    ['hint', (kdf) => ({ ...kdf, hint: 'try 1234' })],
  ];

  it.each(outOfBounds)('out of bounds (%s): kdf-params-invalid naming the field, before any derivation, no failure counted', async (field, edit) => {
    const { client } = await createVault(vault);
    await lockAndClose(client);
    const original = await editKdf(edit);
    const again = vault.client();
    const before = await snapshotVault(vault.dbName);
    const error = await expectVaultError(again.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'kdf-params-invalid');
    expect(error.details).toMatchObject({ field, reason: 'out-of-bounds' });
    expect(error.message).toContain(field);
    expect(await snapshotVault(vault.dbName)).toEqual(before);
    await putRaw(vault.dbName, 'keyring', original);
    await again.request({ cmd: 'unlock', passphrase: PASSPHRASE });
  });

  it('altered within bounds: refused as altered; with the check value recomputed, it can only fail like a wrong passphrase', async () => {
    const { client } = await createVault(vault);
    await lockAndClose(client);
    const again = vault.client();

    const original = await editKdf((kdf) => ({ ...kdf, iterations: kdf.iterations + 1 }));
    const altered = await expectVaultError(again.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'kdf-params-invalid');
    expect(altered.details).toMatchObject({ field: 'kdf', reason: 'altered' });
    expect((await again.request({ cmd: 'state' })).failures.count).toBe(0);

    // docs/crypto.md §5.1 "honest limit": the check value is public, so a consistent edit is
    // indistinguishable from a wrong passphrase; the vault still does not open.
    await putRaw(vault.dbName, 'keyring', original);
    await editKdf((kdf) => ({ ...kdf, iterations: kdf.iterations + 1 }), { recomputeDigest: true });
    const consistent = await expectVaultError(again.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'wrong-passphrase');
    expect(consistent.message).toMatch(/recovery words/u);

    await putRaw(vault.dbName, 'keyring', original);
    await again.request({ cmd: 'unlock', passphrase: PASSPHRASE });
  });
});
