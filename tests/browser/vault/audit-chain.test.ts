/**
 * The audit log's hash chain: intact after real use, and `chainIntact: false` when an entry is rewritten
 * (even one correctly sealed with the vault's own row key, which only code holding the key can make),
 * removed from the middle, or cut off the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sealRow } from '@shared/crypto';
import { decodeAuditEntry, encodeAuditEntry, verifyAuditChain } from '../../../renderer/vault-worker/audit-chain';
import { VaultDatabase } from '../../../renderer/vault-worker/db';
import type { VaultService } from '../../../renderer/vault-worker/service';
import { deleteDatabase, OTHER_PASSPHRASE, PASSPHRASE, PROFILE, uniqueDbName } from './helpers';
import { inPageService } from './in-page';

let service: VaultService | null = null;
let db: VaultDatabase | null = null;
let dbName = '';

afterEach(async () => {
  service?.close();
  db?.close();
  service = null;
  db = null;
  await deleteDatabase(dbName);
});

async function usedVault(): Promise<{ service: VaultService; db: VaultDatabase }> {
  dbName = uniqueDbName('audit');
  service = inPageService(dbName);
  await service.execute({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE });
  await service.execute({ cmd: 'settings-set', settings: { idleLockMinutes: 3 } });
  await service.execute({ cmd: 'change-passphrase', current: PASSPHRASE, next: OTHER_PASSPHRASE });
  await service.execute({ cmd: 'lock' });
  await service.execute({ cmd: 'unlock', passphrase: OTHER_PASSPHRASE });
  db = new VaultDatabase(dbName);
  return { service, db };
}

describe('audit chain', () => {
  it('is intact after use, with one entry per security-relevant action in order', async () => {
    const { service: vault } = await usedVault();
    const { entries, chainIntact } = await vault.execute({ cmd: 'audit-list' });
    expect(chainIntact).toBe(true);
    expect(entries.map(({ seq, action }) => [seq, action])).toEqual([
      [0, 'vault-created'],
      [1, 'settings-changed'],
      [2, 'passphrase-changed'],
      [3, 'locked'],
      [4, 'unlock'],
    ]);
    expect(new Set(entries.map((entry) => entry.hash)).size).toBe(5);
  });

  it('detects an entry rewritten and correctly re-sealed with the vault key', async () => {
    const { service: vault, db: raw } = await usedVault();
    const rowKey = vault.context.session.current().rowKey;
    const [opened] = (await vault.context.repo.openAudit(rowKey)).slice(1, 2);
    if (opened === undefined) throw new Error('no entry 1');
    const entry = decodeAuditEntry(opened.payload);
    expect(entry.details).toEqual({ changed: 'idleLockMinutes' });
    const forged = { ...entry, details: { changed: 'language' } };
    await raw.audit.put({ seq: 1, ...sealRow(rowKey, { table: 'audit', id: '1', version: 0 }, encodeAuditEntry(forged)) });

    const { entries, chainIntact } = await vault.execute({ cmd: 'audit-list' });
    expect(chainIntact).toBe(false);
    expect(entries[1]?.details).toEqual({ changed: 'language' });
  });

  it('detects an entry removed from the middle, and the log cut short of its head', async () => {
    const { service: vault, db: raw } = await usedVault();
    const middle = await raw.audit.get(2);
    if (middle === undefined) throw new Error('no entry 2');
    await raw.audit.delete(2);
    expect((await vault.execute({ cmd: 'audit-list' })).chainIntact).toBe(false);
    await raw.audit.put(middle);
    expect((await vault.execute({ cmd: 'audit-list' })).chainIntact).toBe(true);
    await raw.audit.delete(4);
    const cut = await vault.execute({ cmd: 'audit-list' });
    expect(cut.chainIntact).toBe(false);
    expect(cut.entries).toHaveLength(4);

    const rowKey = vault.context.session.current().rowKey;
    const stored = (await vault.context.repo.openAudit(rowKey)).map(({ payload }) => decodeAuditEntry(payload));
    expect(verifyAuditChain(stored, vault.context.session.current().manifest.audit).problems).toEqual([
      'the log has 4 entries; the manifest expects 5',
      'the last entry is not the head recorded in the manifest',
    ]);
  });
});
