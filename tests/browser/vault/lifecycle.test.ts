/**
 * The vault's main path through the real worker, real IndexedDB and real Argon2id (at the floor):
 * create → write → lock → a new worker → unlock → read.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type RecordEdit } from '@shared/ipc/vault-protocol';
import { createVault, expectVaultError, lockAndClose, PASSPHRASE, PROFILE, useTestVault } from './helpers';

const vault = useTestVault('lifecycle');

const EDITS: RecordEdit[] = [
  { kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'Endpoint detection for an energy operator' }, { field: 'quantity', value: 400 }, { field: 'tags', value: ['edr', 'energy'] }] },
  { kind: 'offer', tlp: 'GREEN', ops: [{ field: 'title', value: 'Ліцензії EDR на 12 місяців' }, { field: 'value', value: { cents: 125_000_00, currency: 'EUR' } }] },
  { kind: 'note', tlp: 'RED', ops: [{ field: 'text', value: null }] },
];

describe('vault lifecycle', () => {
  it('starts empty, creates, writes, locks, unlocks in a new worker and reads back what was written', async () => {
    const first = vault.client();
    expect(await first.request({ cmd: 'state' })).toEqual({ state: 'empty', failures: { count: 0, retryAt: null } });
    await expectVaultError(first.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'no-vault');

    const created = await first.request({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE });
    expect(created.profile).toMatchObject({ name: PROFILE.name, country: 'EE', role: 'partner', kdf: { memoryKiB: 65_536, iterations: 3, parallelism: 1 } });
    expect(created.profile.fingerprint).toHaveLength(8);
    expect(created.recoverySheet.recoveryWords).toHaveLength(24);
    expect(created.recoverySheet.delegation).toEqual({ name: PROFILE.name, id: created.profile.delegationId });
    expect(created.recoverySheet.fingerprint).toEqual(created.profile.fingerprint);
    expect((await first.request({ cmd: 'state' })).state).toBe('unlocked');
    expect(await first.request({ cmd: 'settings-get' })).toEqual(DEFAULT_SETTINGS);
    expect(await first.request({ cmd: 'records-list' })).toEqual({ records: [] });

    const written = await first.request({ cmd: 'records-write', edits: EDITS });
    expect(written.written).toBe(3);
    const [need, offer, note] = written.records;
    expect(written.records.map(({ kind, tlp, owner, deleted, values, conflicts }) => ({ kind, tlp, owner, deleted, values, conflicts }))).toEqual([
      { kind: 'need', tlp: 'AMBER', owner: created.profile.delegationId, deleted: false, values: { title: 'Endpoint detection for an energy operator', quantity: 400, tags: ['edr', 'energy'] }, conflicts: [] },
      { kind: 'offer', tlp: 'GREEN', owner: created.profile.delegationId, deleted: false, values: { title: 'Ліцензії EDR на 12 місяців', value: { cents: 125_000_00, currency: 'EUR' } }, conflicts: [] },
      { kind: 'note', tlp: 'RED', owner: created.profile.delegationId, deleted: false, values: { text: null }, conflicts: [] },
    ]);
    // The worker mints ids owned by this delegation, one per new record.
    for (const record of written.records) expect(record.id).toMatch(new RegExp(`^${created.profile.delegationId}-[a-z2-7]{26}$`, 'u'));
    expect(new Set(written.records.map((record) => record.id)).size).toBe(3);
    expect(await first.request({ cmd: 'records-list' })).toEqual({ records: written.records });

    // An edit of an existing record replaces the field it names and keeps the others; a new edit adds a record.
    const more = await first.request({
      cmd: 'records-write',
      edits: [
        { record: note?.id, kind: 'note', tlp: 'RED', ops: [{ field: 'text', value: 'decision: prioritise' }, { field: 'author', value: 'Kadri' }] },
        { kind: 'need', tlp: 'GREEN', ops: [{ field: 'items', value: [1, 2, 3] }] },
      ],
    });
    expect(more.written).toBe(2);
    const [edited, added] = more.records;
    expect(edited).toMatchObject({ id: note?.id, kind: 'note', values: { text: 'decision: prioritise', author: 'Kadri' }, conflicts: [], created: note?.created });
    expect(edited?.updated).not.toBe(note?.updated);
    expect(added?.id).not.toBe(need?.id);
    expect(added).toMatchObject({ kind: 'need', values: { items: [1, 2, 3] } });
    await lockAndClose(first);

    const second = vault.client();
    expect((await second.request({ cmd: 'state' })).state).toBe('locked');
    await expectVaultError(second.request({ cmd: 'records-list' }), 'locked');
    await expectVaultError(second.request({ cmd: 'profile' }), 'locked');
    const profile = await second.request({ cmd: 'unlock', passphrase: PASSPHRASE });
    expect(profile).toEqual(created.profile);
    expect(await second.request({ cmd: 'profile' })).toEqual(created.profile);
    const { records } = await second.request({ cmd: 'records-list' });
    expect(records).toEqual([need, offer, edited, added]);

    const { entries, chainIntact } = await second.request({ cmd: 'audit-list' });
    expect(chainIntact).toBe(true);
    expect(entries.map((entry) => entry.action)).toEqual(['vault-created', 'locked', 'unlock']);
  });

  it('refuses to create a second vault, before spending time on Argon2id', async () => {
    const { client } = await createVault(vault);
    await expectVaultError(client.request({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE }), 'vault-exists');
    await lockAndClose(client);
    const other = vault.client();
    await expectVaultError(other.request({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE }), 'vault-exists');
  });

  it('refuses a short passphrase with its length, and invalid requests with invalid-request', async () => {
    const client = vault.client();
    const short = await expectVaultError(client.request({ cmd: 'create', profile: PROFILE, passphrase: 'short' }), 'passphrase-too-short');
    expect(short.details).toEqual({ length: 5, minLength: 12 });
    expect((await client.request({ cmd: 'state' })).state).toBe('empty');
    // Bypassing the types, as a compromised or buggy UI could.
    const bad = { cmd: 'create', profile: { ...PROFILE, country: 'Estonia' }, passphrase: PASSPHRASE } as unknown as Parameters<typeof client.request>[0];
    await expectVaultError(client.request(bad), 'invalid-request');
  });

  it('keeps settings sealed and logs what changed', async () => {
    const { client } = await createVault(vault);
    const next = await client.request({ cmd: 'settings-set', settings: { language: 'uk', idleLockMinutes: 5 } });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, language: 'uk', idleLockMinutes: 5 });
    await client.request({ cmd: 'settings-set', settings: { storagePersisted: false } });
    // No change, no write, no audit entry.
    await client.request({ cmd: 'settings-set', settings: { language: 'uk' } });
    await lockAndClose(client);

    const again = vault.client();
    await again.request({ cmd: 'unlock', passphrase: PASSPHRASE });
    expect(await again.request({ cmd: 'settings-get' })).toEqual({ ...DEFAULT_SETTINGS, language: 'uk', idleLockMinutes: 5, storagePersisted: false });
    const { entries } = await again.request({ cmd: 'audit-list' });
    expect(entries.map(({ action, details }) => ({ action, details }))).toEqual([
      { action: 'vault-created', details: expect.any(Object) as unknown },
      { action: 'settings-changed', details: { changed: 'idleLockMinutes, language' } },
      { action: 'storage-persistence', details: { persisted: false } },
      { action: 'locked', details: {} },
      { action: 'unlock', details: {} },
    ]);
  });
});
