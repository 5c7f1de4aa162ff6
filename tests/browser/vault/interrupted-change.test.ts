/**
 * Interrupting a passphrase change at any point leaves the vault openable with the old or the new
 * passphrase (issue 3). The service runs in the page so the test can act inside the write transaction:
 * throw there (a crash mid-write), abort `Dexie.currentTransaction` (what IndexedDB does on a power cut
 * or quota error), or throw after the commit (a crash before the answer reached the UI), and fail before
 * the transaction even opens (the KDF dies). A record write (issue 4) interrupted the same way leaves
 * records, change log and sync state as they were, on disk and in the session's memory.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryHooks } from '../../../renderer/vault-worker/repository';
import { VaultService } from '../../../renderer/vault-worker/service';
import { deleteDatabase, OTHER_PASSPHRASE, PASSPHRASE, PROFILE, uniqueDbName } from './helpers';
import { attempt, inPageService } from './in-page';
import { snapshotVault } from './raw-idb';

const services: VaultService[] = [];
const dbNames: string[] = [];

afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  for (const name of dbNames.splice(0)) await deleteDatabase(name);
});

function open(dbName: string, hooks: RepositoryHooks = {}): VaultService {
  const service = inPageService(dbName, hooks);
  services.push(service);
  return service;
}

/** Which passphrases open the vault now, asked of a fresh service (as after a restart). */
async function openingPassphrases(dbName: string): Promise<string[]> {
  const opening: string[] = [];
  for (const passphrase of [PASSPHRASE, OTHER_PASSPHRASE]) {
    const service = open(dbName);
    const outcome = await attempt(service, { cmd: 'unlock', passphrase });
    if (outcome.ok) opening.push(passphrase);
    else expect(outcome.error.code).toBe('wrong-passphrase');
    service.close();
  }
  return opening;
}

async function createdVault(hooks: RepositoryHooks): Promise<{ dbName: string; service: VaultService }> {
  const dbName = uniqueDbName('interrupt');
  dbNames.push(dbName);
  const service = open(dbName, hooks);
  await service.execute({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE });
  return { dbName, service };
}

describe('interrupted passphrase change', () => {
  const inside: [string, () => void][] = [
    [
      'an exception inside the transaction, after every write was queued',
      () => {
        throw new Error('simulated crash inside the transaction');
      },
    ],
    [
      'the transaction aborted (as IndexedDB does on a power cut or a full disk)',
      () => {
        Dexie.currentTransaction.abort();
      },
    ],
  ];

  it.each(inside)('%s: nothing changed, the old passphrase opens, the new one does not', async (_name, interrupt) => {
    let armed = false;
    const { dbName, service } = await createdVault({
      inTransaction: (label) => {
        if (armed && label === 'change-passphrase') interrupt();
      },
    });
    const before = await snapshotVault(dbName);
    armed = true;
    const outcome = await attempt(service, { cmd: 'change-passphrase', current: PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(outcome.ok).toBe(false);
    expect(await snapshotVault(dbName)).toEqual(before);
    // The session still works on the unchanged vault.
    const write = await attempt(service, { cmd: 'records-write', edits: [{ kind: 'note', tlp: 'GREEN', ops: [{ field: 'text', value: 'written after the interruption' }] }] });
    expect(write).toMatchObject({ ok: true, result: { written: 1 } });
    expect((await service.execute({ cmd: 'records-list' })).records.map((record) => record.values)).toEqual([{ text: 'written after the interruption' }]);
    service.close();
    expect(await openingPassphrases(dbName)).toEqual([PASSPHRASE]);
  });

  it('a crash right after the commit: the new passphrase opens, the old one does not', async () => {
    let armed = false;
    const { dbName, service } = await createdVault({
      afterCommit: (label) => {
        if (armed && label === 'change-passphrase') throw new Error('simulated crash after the commit');
      },
    });
    armed = true;
    const outcome = await attempt(service, { cmd: 'change-passphrase', current: PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(outcome.ok).toBe(false);
    service.close();
    expect(await openingPassphrases(dbName)).toEqual([OTHER_PASSPHRASE]);
  });

  it('a failure before the transaction (Argon2id dies while wrapping): nothing changed', async () => {
    const dbName = uniqueDbName('interrupt');
    dbNames.push(dbName);
    const creator = open(dbName);
    await creator.execute({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE });
    creator.close();
    const failing = new VaultService({
      dbName,
      kdf: {
        mode: 'floor',
        chooseCost: () => Promise.reject(new Error('simulated out-of-memory in Argon2id')),
      },
    });
    services.push(failing);
    await failing.execute({ cmd: 'unlock', passphrase: PASSPHRASE });
    const before = await snapshotVault(dbName);
    const outcome = await attempt(failing, { cmd: 'change-passphrase', current: PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await snapshotVault(dbName)).toEqual(before);
    failing.close();
    expect(await openingPassphrases(dbName)).toEqual([PASSPHRASE]);
  });
});

describe('interrupted record write', () => {
  it.each([
    ['an exception inside the transaction', () => {
      throw new Error('simulated crash inside the transaction');
    }],
    ['the transaction aborted', () => {
      Dexie.currentTransaction.abort();
    }],
  ] as [string, () => void][])('%s: records, log and sync state unchanged on disk and in memory; the next write continues the chain', async (_name, interrupt) => {
    let armed = false;
    const { dbName, service } = await createdVault({
      inTransaction: (label) => {
        if (armed && label === 'records-write') interrupt();
      },
    });
    const first = await service.execute({ cmd: 'records-write', edits: [{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'before the crash' }] }] });
    const id = first.records[0]?.id ?? '';
    const before = await snapshotVault(dbName);
    armed = true;
    const outcome = await attempt(service, {
      cmd: 'records-write',
      edits: [
        { record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'lost in the crash' }] },
        { kind: 'note', tlp: 'GREEN', ops: [{ field: 'text', value: 'lost in the crash too' }] },
      ],
    });
    expect(outcome.ok).toBe(false);
    armed = false;
    expect(await snapshotVault(dbName)).toEqual(before);
    // Memory was not advanced either: the same view, and the next change-set takes seq 2 (no gap, no fork).
    expect((await service.execute({ cmd: 'records-list' })).records).toEqual(first.records);
    await service.execute({ cmd: 'records-write', edits: [{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'after the crash' }] }] });
    const status = await service.execute({ cmd: 'sync-status' });
    expect(Object.values(status.versionVector)).toEqual([2]);
    expect(status.chains.map(({ beyond, frozen }) => ({ beyond, frozen }))).toEqual([{ beyond: [], frozen: false }]);
    expect(await service.execute({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 1, changeSets: 2 });
    service.close();

    // A fresh session (as after a restart) reads the same.
    const restarted = open(dbName);
    await restarted.execute({ cmd: 'unlock', passphrase: PASSPHRASE });
    expect((await restarted.execute({ cmd: 'records-list' })).records.map((record) => record.values)).toEqual([{ title: 'after the crash' }]);
    expect(await restarted.execute({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 1, changeSets: 2 });
  });
});
