/**
 * The change log inside the real vault worker (issue #4): every local write is a change-set with a
 * checkpoint; record tables are rebuilt identically from the log, also after a new worker opens the vault
 * from disk; injected change-sets of other delegations are verified, merged, parked until their
 * delegation is verified, and conflicts appear with each value, who and when, and resolve by an
 * ordinary write whose base names all heads.
 */
import { describe, expect, it } from 'vitest';
import { foreignDelegation } from '../../support/foreign-delegation';
import { createVault, expectVaultError, lockAndClose, PASSPHRASE, useTestVault } from './helpers';

const vault = useTestVault('sync');
const WALL = Date.UTC(2026, 10, 1, 9, 0, 0);

function partner(seed: number, devices = 1) {
  return foreignDelegation({ name: `Partner ${seed}`, country: 'DE', role: 'partner', seed, devices });
}

describe('change log in the vault worker', () => {
  it('writes every local edit as a change-set, reads the same views in a new worker, and rebuilds identical tables from the log', async () => {
    const { client, created } = await createVault(vault);
    const first = await client.request({
      cmd: 'records-write',
      edits: [
        { kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'Endpoint detection for a regional grid operator' }, { field: 'quantity', value: 400 }] },
        { kind: 'note', tlp: 'GREEN', ops: [{ field: 'body', value: 'Рішення: пріоритет енергетиці' }] },
      ],
    });
    expect(first.written).toBe(2);
    const [need, note] = first.records;
    expect(need?.id.startsWith(`${created.profile.delegationId}-`)).toBe(true);
    expect(need).toMatchObject({ kind: 'need', tlp: 'AMBER', deleted: false, values: { title: 'Endpoint detection for a regional grid operator', quantity: 400 }, conflicts: [] });

    // An edit replaces the value it was based on: no conflict.
    const edited = await client.request({ cmd: 'records-write', edits: [{ record: need?.id, kind: 'need', tlp: 'AMBER', ops: [{ field: 'quantity', value: 450 }] }] });
    expect(edited.records[0]?.values).toEqual({ title: 'Endpoint detection for a regional grid operator', quantity: 450 });

    const status = await client.request({ cmd: 'sync-status' });
    expect(status.versionVector).toEqual({ [created.profile.deviceId]: 3 });
    expect(status.logSize).toBe(3);
    expect(await client.request({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 2, changeSets: 3 });
    await lockAndClose(client);

    const again = vault.client();
    await again.request({ cmd: 'unlock', passphrase: PASSPHRASE });
    const { records } = await again.request({ cmd: 'records-list' });
    expect(records.map((record) => record.values)).toEqual([{ title: 'Endpoint detection for a regional grid operator', quantity: 450 }, { body: 'Рішення: пріоритет енергетиці' }]);
    expect(records[1]?.id).toBe(note?.id);
    expect(await again.request({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: 2, changeSets: 3 });
    const history = await again.request({ cmd: 'record-history', recordId: need?.id ?? '' });
    expect(history.entries.map((entry) => entry.ops)).toEqual([
      [{ field: 'quantity', value: 400 }, { field: 'title', value: 'Endpoint detection for a regional grid operator' }],
      [{ field: 'quantity', value: 450 }],
    ]);
    expect(history.entries[0]?.delegationName).toBe('Estonian Delegation');

    // The next write continues the same chain after a reload (seq 4, linked to 3).
    await again.request({ cmd: 'records-write', edits: [{ record: note?.id, kind: 'note', tlp: 'GREEN', ops: [{ field: 'body', value: 'Рішення ухвалено' }] }] });
    expect((await again.request({ cmd: 'sync-status' })).versionVector).toEqual({ [created.profile.deviceId]: 4 });
  });

  it('refuses to write a record another delegation owns, and a record that does not exist', async () => {
    const { client } = await createVault(vault);
    const other = partner(1);
    await expectVaultError(client.request({ cmd: 'records-write', edits: [{ record: other.newRecordId(), kind: 'offer', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }] }), 'write-refused');
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([]);
  });

  it('shows a concurrent edit of our own record as a conflict with both values, and resolves it with a base naming both heads', async () => {
    const { client, created } = await createVault(vault);
    const { records } = await client.request({ cmd: 'records-write', edits: [{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'Satellite terminals' }] }] });
    const id = records[0]?.id ?? '';
    // An edit made on a view that did not include the current value (base: []) is concurrent with it.
    const stale = await client.request({ cmd: 'records-write', edits: [{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'Супутникові термінали', base: [] }] }] });
    expect(stale.records[0]?.conflicts).toEqual(['title']);
    const { conflicts } = await client.request({ cmd: 'conflicts-list' });
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict?.field).toBe('title');
    expect(conflict?.heads.map((head) => head.value).sort()).toEqual(['Satellite terminals', 'Супутникові термінали']);
    expect(conflict?.heads.every((head) => head.delegation === created.profile.delegationId && head.delegationName === 'Estonian Delegation')).toBe(true);
    // Displayed value = newest by HLC.
    expect(stale.records[0]?.values['title']).toBe(conflict?.heads[0]?.value);

    const resolved = await client.request({
      cmd: 'conflict-resolve',
      recordId: id,
      field: 'title',
      value: 'Satellite terminals',
      base: conflict?.heads.map((head) => head.cs) ?? [],
    });
    expect(resolved.record).toMatchObject({ values: { title: 'Satellite terminals' }, conflicts: [] });
    expect((await client.request({ cmd: 'conflicts-list' })).conflicts).toEqual([]);
    expect((await client.request({ cmd: 'log-rebuild' })).identical).toBe(true);
  });

  it('applies verified change-sets of another delegation, lists its concurrent edits as a conflict, and treats a second delivery as a duplicate', async () => {
    const { client } = await createVault(vault);
    const other = partner(2, 2);
    const record = other.newRecordId();
    const create = other.write({ device: 0, record, kind: 'offer', wallMs: WALL, ops: [{ field: 'title', value: 'EDR licences' }, { field: 'quantity', value: 100 }] });
    // The second workstation edits the quantity without having seen... the first's edit to 150: concurrent.
    const editA = other.write({ device: 0, record, kind: 'offer', wallMs: WALL + 1_000, ops: [{ field: 'quantity', value: 150, base: [create.hash] }] });
    const editB = other.write({ device: 1, record, kind: 'offer', wallMs: WALL + 2_000, ops: [{ field: 'quantity', value: 120, base: [create.hash] }] });
    const payload = {
      cmd: 'test-inject' as const,
      delegations: [{ keyEventLog: [...other.keyEventLog], verified: true }],
      changeSets: [editB.changeSet, create.changeSet, editA.changeSet],
      checkpoints: [other.checkpoint(0), other.checkpoint(1)],
      from: other.id,
    };
    const { report } = await client.request(payload);
    expect(report).toMatchObject({ applied: 3, duplicates: 0, rejected: [], refused: null, newConflicts: 1 });
    const { records } = await client.request({ cmd: 'records-list' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: record, owner: other.id, values: { title: 'EDR licences', quantity: 120 }, conflicts: ['quantity'] });
    const { conflicts } = await client.request({ cmd: 'conflicts-list' });
    expect(conflicts[0]?.heads.map((head) => [head.value, head.delegationName, head.at])).toEqual([
      [120, 'Partner 2', new Date(WALL + 2_000).toISOString()],
      [150, 'Partner 2', new Date(WALL + 1_000).toISOString()],
    ]);
    // Only the owner may resolve its own record.
    await expectVaultError(
      client.request({ cmd: 'conflict-resolve', recordId: record, field: 'quantity', value: 150, base: [editA.hash, editB.hash] }),
      'write-refused',
    );

    const again = await client.request(payload);
    expect(again.report).toMatchObject({ applied: 0, duplicates: 3, newConflicts: 0 });
    expect((await client.request({ cmd: 'log-rebuild' })).identical).toBe(true);
  });

  it('parks change-sets of a delegation that is not verified yet and applies them once it is', async () => {
    const { client } = await createVault(vault);
    const other = partner(3);
    const record = other.newRecordId();
    const create = other.write({ record, kind: 'offer', wallMs: WALL, ops: [{ field: 'title', value: 'Incident response team, 2 weeks' }] });
    const { report } = await client.request({
      cmd: 'test-inject',
      delegations: [{ keyEventLog: [...other.keyEventLog], verified: false }],
      changeSets: [create.changeSet],
      checkpoints: [other.checkpoint()],
      from: other.id,
    });
    expect(report).toMatchObject({ applied: 0, parked: 1 });
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([]);
    expect((await client.request({ cmd: 'sync-status' })).parked).toBe(1);

    const released = await client.request({ cmd: 'test-verify-delegation', delegationId: other.id });
    expect(released.report.applied).toBe(1);
    expect((await client.request({ cmd: 'records-list' })).records.map((view) => view.values)).toEqual([{ title: 'Incident response team, 2 weeks' }]);
    expect((await client.request({ cmd: 'sync-status' })).parked).toBe(0);
  });

  it('refuses a whole injection whose clock is hours ahead, naming the skew, and changes nothing', async () => {
    const { client } = await createVault(vault);
    const other = partner(4);
    const ahead = other.write({ record: other.newRecordId(), kind: 'offer', wallMs: Date.now() + 3 * 3_600_000, ops: [{ field: 'title', value: 'From the future' }] });
    const { report } = await client.request({
      cmd: 'test-inject',
      delegations: [{ keyEventLog: [...other.keyEventLog], verified: true }],
      changeSets: [ahead.changeSet],
      checkpoints: [other.checkpoint()],
      from: other.id,
    });
    expect(report.refused?.reason).toBe('clock-skew');
    expect(report.refused?.skewMs).toBeGreaterThan(2 * 3_600_000);
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([]);
  });

  it('accepts test commands only from a worker started for tests', async () => {
    const { client } = await createVault(vault);
    await lockAndClose(client);
    const production = vault.client('floor', false);
    await production.request({ cmd: 'unlock', passphrase: PASSPHRASE });
    await expectVaultError(production.request({ cmd: 'test-inject', delegations: [], changeSets: [], checkpoints: [], from: null }), 'invalid-request');
  });

  it('loads the demo picture into an empty vault through the change log: demo delegations verified by "demo data", records from their signed chains', async () => {
    const { client, created } = await createVault(vault);
    const loaded = await client.request({ cmd: 'demo-load', language: 'uk', today: '2026-11-20' });
    expect(loaded.report.rejected).toEqual([]);
    expect(loaded.report.applied).toBe(loaded.records);
    expect(loaded.delegations).toBe(14);
    const { records } = await client.request({ cmd: 'records-list' });
    expect(records).toHaveLength(loaded.records);
    expect(new Set(records.map((record) => record.kind))).toEqual(new Set(['need', 'offer', 'delivery', 'acceptance', 'note']));
    expect(records.every((record) => record.owner !== created.profile.delegationId)).toBe(true);

    const { delegations } = await client.request({ cmd: 'delegations-list' });
    expect(delegations[0]).toMatchObject({ id: created.profile.delegationId, local: true, verification: { method: 'own' } });
    expect(delegations).toHaveLength(15);
    const ukraine = delegations.find((delegation) => delegation.country === 'UA');
    expect(ukraine).toMatchObject({ role: 'beneficiary', local: false, verification: { method: 'demo-data', by: created.profile.delegationId } });
    expect(ukraine?.name.startsWith('Україна')).toBe(true);
    expect(ukraine?.fingerprint).toHaveLength(8);
    // Every record's owner is a listed delegation; the log rebuilds the same tables.
    const ids = new Set(delegations.map((delegation) => delegation.id));
    expect(records.every((record) => ids.has(record.owner))).toBe(true);
    expect(await client.request({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: loaded.records, changeSets: loaded.records });

    const { entries } = await client.request({ cmd: 'audit-list' });
    expect(entries.at(-1)).toMatchObject({ action: 'demo-data-loaded', details: { delegations: 14, records: loaded.records } });
    await expectVaultError(client.request({ cmd: 'demo-load', language: 'en' }), 'write-refused');
    expect((await client.request({ cmd: 'records-list' })).records).toHaveLength(loaded.records);
  });

  it('shows a delete concurrent with an edit as a record-level conflict, never a silent loss, and restores the record on request', async () => {
    const { client } = await createVault(vault);
    const { records } = await client.request({ cmd: 'records-write', edits: [{ kind: 'note', tlp: 'GREEN', ops: [{ field: 'title', value: 'Meeting 12' }] }] });
    const id = records[0]?.id ?? '';
    const created = (await client.request({ cmd: 'record-history', recordId: id })).entries[0]?.cs ?? '';
    // An edit, then a delete made on a view that only saw the creation: the edit is unseen by the delete.
    await client.request({ cmd: 'records-write', edits: [{ record: id, kind: 'note', tlp: 'GREEN', ops: [{ field: 'title', value: 'Meeting 12 (minutes)' }] }] });
    const deleted = await client.request({ cmd: 'records-write', edits: [{ record: id, kind: 'note', tlp: 'GREEN', ops: [{ field: '_deleted', value: true, base: [created] }] }] });
    expect(deleted.records[0]).toMatchObject({ deleted: true, deleteConflict: true, conflicts: ['_deleted'], values: { title: 'Meeting 12 (minutes)' } });
    const { conflicts } = await client.request({ cmd: 'conflicts-list' });
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict?.field).toBe('_deleted');
    expect(conflict?.unseenEdits?.map((edit) => [edit.field, edit.head.value])).toEqual([['title', 'Meeting 12 (minutes)']]);
    const base = [...(conflict?.heads.map((head) => head.cs) ?? []), ...(conflict?.unseenEdits?.map((edit) => edit.head.cs) ?? [])];
    const restored = await client.request({ cmd: 'conflict-resolve', recordId: id, field: '_deleted', value: false, base });
    expect(restored.record).toMatchObject({ deleted: false, deleteConflict: false, conflicts: [], values: { title: 'Meeting 12 (minutes)' } });
    expect((await client.request({ cmd: 'log-rebuild' })).identical).toBe(true);
  });

  it('keeps a record deleted when asked: the new delete covers what the old one saw and the unseen edit, and the conflict closes', async () => {
    const { client } = await createVault(vault);
    const { records } = await client.request({
      cmd: 'records-write',
      edits: [{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'Firewalls' }, { field: 'quantity', value: 20 }] }],
    });
    const id = records[0]?.id ?? '';
    const created = (await client.request({ cmd: 'record-history', recordId: id })).entries[0]?.cs ?? '';
    await client.request({ cmd: 'records-write', edits: [{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'description', value: 'For 20 substations' }] }] });
    await client.request({ cmd: 'records-write', edits: [{ record: id, kind: 'need', tlp: 'GREEN', ops: [{ field: '_deleted', value: true, base: [created] }] }] });
    const [conflict] = (await client.request({ cmd: 'conflicts-list' })).conflicts;
    expect(conflict?.unseenEdits?.map((edit) => edit.field)).toEqual(['description']);
    // Exactly what the card sends for "Keep deleted": the tombstone heads and the unseen edits.
    const base = [...(conflict?.heads.map((head) => head.cs) ?? []), ...(conflict?.unseenEdits?.map((edit) => edit.head.cs) ?? [])];
    const kept = await client.request({ cmd: 'conflict-resolve', recordId: id, field: '_deleted', value: true, base });
    expect(kept.record).toMatchObject({ deleted: true, deleteConflict: false, conflicts: [] });
    expect((await client.request({ cmd: 'conflicts-list' })).conflicts).toEqual([]);
  });

  it('refuses a value that a recipient could not read (nested deeper than a bundle allows), before anything is written', async () => {
    const { client } = await createVault(vault);
    let value: unknown = 'bottom';
    for (let depth = 0; depth < 80; depth += 1) value = [value];
    const error = await expectVaultError(
      client.request({ cmd: 'records-write', edits: [{ kind: 'note', tlp: 'GREEN', ops: [{ field: 'body', value: value as string }] }] }),
      'write-refused',
    );
    expect(error.details?.['reason']).toBe('too-deep');
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([]);
  });
});
