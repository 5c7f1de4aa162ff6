/**
 * Contact cards and the verification ceremony in the real vault worker (issue #7): a card is read with
 * every check and stored unverified; a wrong fingerprint changes nothing but the audit log; the right one
 * verifies with the name, role and channel given and releases what was parked; a longer key event log
 * from a card takes effect on import; confusable names, revoked keys, damaged cards and our own card are
 * refused with their reason.
 */
import { describe, expect, it } from 'vitest';
import { formatCardFile } from '@shared/bundle';
import { flipBit, makeDelegation, writeChain } from '../../unit/bundle/helpers';
import { exchangeFile, fingerprintOf, replicaDigest, trustDelegation } from './exchange-support';
import { createVault, expectVaultError, useTestVault } from './helpers';

const vault = useTestVault('exchange-cards');

function cardFile(delegation: ReturnType<typeof makeDelegation>) {
  return exchangeFile('partner.tdesk-card', formatCardFile(delegation.card()));
}

describe('contact cards and verification', () => {
  it('exports its own card, and refuses to import it', async () => {
    const { client, created } = await createVault(vault);
    const card = await client.request({ cmd: 'card-export' });
    expect(card.name).toBe('EE-estonian-delegation.tdesk-card');
    const error = await expectVaultError(client.request({ cmd: 'card-import', file: exchangeFile(card.name, card.bytes) }), 'card-refused');
    expect(error.details?.['reason']).toBe('own-card');
    const { entries } = await client.request({ cmd: 'audit-list' });
    expect(entries.at(-1)).toMatchObject({ action: 'card-exported', details: { delegation: created.profile.delegationId } });
  });

  it('inspects without storing, imports unverified, refuses a wrong fingerprint without changing anything, and verifies the right one, releasing parked change-sets', async () => {
    const { client, created } = await createVault(vault);
    const partner = makeDelegation('Polish Ministry of Digital Affairs', 'PL', 'partner', 'cards-pl');
    // Change-sets of a device nobody knows yet: parked until the delegation is verified.
    const chain = writeChain(partner, 3, { startMs: Date.parse('2026-11-01T10:00:00.000Z') });
    const injected = await client.request({ cmd: 'test-inject', delegations: [], changeSets: chain.changeSets, checkpoints: [chain.checkpoint()], from: partner.id });
    expect(injected.report.parked).toBe(3);

    const inspected = await client.request({ cmd: 'card-inspect', file: cardFile(partner) });
    expect(inspected.card).toEqual({ delegationId: partner.id, proposedName: 'Polish Ministry of Digital Affairs', country: 'PL', proposedRole: 'partner', devices: 1, keyEvents: 1, status: 'new' });
    expect(JSON.stringify(inspected)).not.toContain(fingerprintOf(partner).slice(0, 5));
    expect((await client.request({ cmd: 'delegations-list' })).delegations).toHaveLength(1);

    const imported = await client.request({ cmd: 'card-import', file: cardFile(partner) });
    expect(imported.delegation).toMatchObject({ id: partner.id, name: 'Polish Ministry of Digital Affairs', verification: null, fingerprint: [], local: false });
    expect((await client.request({ cmd: 'card-inspect', file: cardFile(partner) })).card.status).toBe('unverified');
    expect((await client.request({ cmd: 'records-list' })).records).toEqual([]);

    const before = await replicaDigest(vault.dbName);
    const wrong = `${fingerprintOf(partner).slice(0, 39)}${fingerprintOf(partner).endsWith('0') ? '1' : '0'}`;
    const mismatch = await expectVaultError(
      client.request({ cmd: 'delegation-verify', delegationId: partner.id, fingerprint: wrong, name: 'Poland', role: 'partner', channel: 'phone' }),
      'fingerprint-mismatch',
    );
    expect(mismatch.details?.['reason']).toBe('mismatch');
    expect(await replicaDigest(vault.dbName)).toBe(before);
    expect((await client.request({ cmd: 'audit-list' })).entries.at(-1)).toMatchObject({ action: 'verification-failed', details: { delegation: partner.id, reason: 'mismatch' } });
    expect((await client.request({ cmd: 'delegation-detail', delegationId: partner.id })).delegation.verification).toBeNull();

    // Typed as read out: groups with dashes and spaces.
    const typed = fingerprintOf(partner).replace(/(\d{5})(?=\d)/gu, '$1 - ');
    const verified = await client.request({ cmd: 'delegation-verify', delegationId: partner.id, fingerprint: typed, name: 'Poland (MC)', role: 'observer', channel: 'video' });
    expect(verified.delegation).toMatchObject({
      name: 'Poland (MC)',
      role: 'observer',
      verification: { method: 'fingerprint', by: created.profile.delegationId, channel: 'video' },
    });
    expect(verified.delegation.fingerprint.join('')).toBe(fingerprintOf(partner));
    expect(verified.released.applied).toBe(3);
    expect((await client.request({ cmd: 'records-list' })).records).toHaveLength(3);
    expect((await client.request({ cmd: 'sync-status' })).parked).toBe(0);
    expect((await client.request({ cmd: 'audit-list' })).entries.at(-1)).toMatchObject({ action: 'delegation-verified', details: { delegation: partner.id, released: 4 } });

    const detail = await client.request({ cmd: 'delegation-detail', delegationId: partner.id });
    expect(detail).toMatchObject({ parked: 0, acknowledged: null, keyEvents: [{ seq: 0, type: 'inception' }] });
    expect((await client.request({ cmd: 'card-inspect', file: cardFile(partner) })).card.status).toBe('verified');
  });

  it('applies a longer key event log from a card (a new device) and shows it in the key history', async () => {
    const { client } = await createVault(vault);
    const partner = makeDelegation('Danish Ministry of Foreign Affairs', 'DK', 'partner', 'cards-dk');
    await trustDelegation(client, partner);
    const device = partner.addDevice();
    // A change-set of the new device, parked until the longer log is known.
    const chain = writeChain(partner, 1, { device, startMs: Date.parse('2026-11-02T10:00:00.000Z') });
    expect((await client.request({ cmd: 'test-inject', delegations: [], changeSets: chain.changeSets, checkpoints: [chain.checkpoint()], from: partner.id })).report.parked).toBe(1);
    expect((await client.request({ cmd: 'card-inspect', file: cardFile(partner) })).card).toMatchObject({ status: 'key-update', devices: 2, keyEvents: 2 });
    const imported = await client.request({ cmd: 'card-import', file: cardFile(partner) });
    expect(imported.delegation).toMatchObject({ devices: 2, verification: { method: 'fingerprint' } });
    const detail = await client.request({ cmd: 'delegation-detail', delegationId: partner.id });
    expect(detail.keyEvents.map((event) => [event.type, event.device])).toEqual([
      ['inception', ''],
      ['device', device],
    ]);
    expect(detail.parked).toBe(0);
    expect((await client.request({ cmd: 'records-list' })).records).toHaveLength(1);
  });

  it('refuses a card whose name can be confused with a known delegation, a revoked new card and a damaged card, storing nothing', async () => {
    const { client } = await createVault(vault);
    const real = makeDelegation('Ministry of Defence', 'GB', 'partner', 'cards-gb');
    await trustDelegation(client, real, { name: 'UK Cyber Team' });
    const before = await replicaDigest(vault.dbName);
    // Cyrillic і and о: the same skeleton as the proposed name of the known delegation.
    const lookalike = makeDelegation('Міnistry оf Defence', 'GB', 'partner', 'cards-lookalike');
    const confusable = await expectVaultError(client.request({ cmd: 'card-import', file: cardFile(lookalike) }), 'card-refused');
    expect(confusable.details?.['reason']).toBe('confusable-name');
    // …and the name the verifying user assigned counts too.
    const assigned = makeDelegation('UK Cyber Team', 'GB', 'partner', 'cards-assigned');
    expect((await expectVaultError(client.request({ cmd: 'card-inspect', file: cardFile(assigned) }), 'card-refused')).details?.['reason']).toBe('confusable-name');

    const revoked = makeDelegation('French Ministry of Foreign Affairs', 'FR', 'partner', 'cards-fr');
    revoked.revoke();
    expect((await expectVaultError(client.request({ cmd: 'card-import', file: cardFile(revoked) }), 'card-refused')).details?.['reason']).toBe('revoked');

    const good = makeDelegation('Swedish Ministry of Foreign Affairs', 'SE', 'partner', 'cards-se');
    const bytes = exchangeFile('x.tdesk-card', formatCardFile(good.card())).bytes;
    const damaged = flipBit(bytes, 8 * bytes.indexOf(0x53)); // 'S' of the name
    expect((await expectVaultError(client.request({ cmd: 'card-import', file: exchangeFile('x.tdesk-card', damaged) }), 'card-refused')).details?.['reason']).toBe('card-invalid');
    expect((await expectVaultError(client.request({ cmd: 'card-import', file: exchangeFile('x.tdesk-card', '{"format":"tallinn-desk-card/9"}') }), 'card-refused')).details?.['reason']).toBe('format-newer');

    expect(await replicaDigest(vault.dbName)).toBe(before);
    expect((await client.request({ cmd: 'delegations-list' })).delegations).toHaveLength(2);
  });
});
