/**
 * Real bundles between real vaults in one page (issue #7): each vault its own worker and database. A
 * exports to B, B holds what A holds (drafts excepted); the same bundle twice changes nothing; the next
 * incremental export holds only what is new once acknowledged; a third vault receiving B's relay sees
 * GREEN records in full and AMBER ones only as redacted headers; picks in any order, with stray and
 * unpaired files; progress is reported; every bundle is in the exchange history with its SHA-256.
 */
import { describe, expect, it } from 'vitest';
import type { RecordView, VaultProgress } from '@shared/ipc/vault-protocol';
import type { VaultClient } from '../../../renderer/vault-worker/client';
import { exchangeFile, exportFiles, introduce, replicaDigest } from './exchange-support';
import { expectVaultError, PASSPHRASE, useTestVault } from './helpers';

const vaultA = useTestVault('exchange-a');
const vaultB = useTestVault('exchange-b');
const vaultC = useTestVault('exchange-c');
const vaultD = useTestVault('exchange-d');

async function open(vault: typeof vaultA, name: string, country: string, role: 'beneficiary' | 'partner' | 'observer') {
  const client = vault.client();
  const { profile } = await client.request({ cmd: 'create', profile: { name, country, role }, passphrase: PASSPHRASE });
  return { client, profile };
}

function need(title: string, tlp: 'GREEN' | 'AMBER' | 'RED', status = 'open') {
  return { kind: 'need', tlp, ops: [{ field: 'title', value: title }, { field: 'status', value: status }, { field: 'quantity', value: 10 }] };
}

async function listed(client: VaultClient): Promise<RecordView[]> {
  return (await client.request({ cmd: 'records-list' })).records.sort((a, b) => a.id.localeCompare(b.id));
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('exchanging bundles between vaults', () => {
  it('A exports to B, B holds what A holds except drafts; the same bundle twice changes nothing; history and audit name every bundle', async () => {
    const a = await open(vaultA, 'Державна служба спецзв’язку', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Estonian Delegation', 'EE', 'partner');
    await introduce(a, b.client);
    await introduce(b, a.client);
    await a.client.request({ cmd: 'records-write', edits: [need('Endpoint detection, 400 seats', 'GREEN'), need('SOC analysts', 'AMBER'), need('Secret draft', 'GREEN', 'draft')] });

    const preview = await a.client.request({ cmd: 'export-preview', options: { recipients: [b.profile.delegationId], scope: 'incremental', grouping: 'per-recipient' } });
    expect(preview.bundles).toEqual([{ recipients: [b.profile.delegationId], changeSets: 3, full: 2, redacted: 1, reasons: { draft: 1 }, records: 2, contentRequestsAnswered: 0 }]);

    const progress: VaultProgress[] = [];
    const sealed = await a.client.request({ cmd: 'export-seal', options: { recipients: [b.profile.delegationId], scope: 'incremental', grouping: 'per-recipient' } }, { onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['gather', 'seal']));
    const [bundle] = sealed.bundles;
    expect(bundle?.name).toMatch(/^UA-derzhavna-sluzhba-spetsz_to_EE-estonian-delegation_\d{4}-\d\d-\d\d_\d{4}Z_n0001_[a-z2-7]{6}\.tdesk\.age$/u);
    expect(bundle?.sha256.age).toBe(await sha256(bundle?.age ?? new Uint8Array()));
    // Nothing is logged before the commit.
    expect((await a.client.request({ cmd: 'exchange-history' })).entries).toEqual([]);
    expect(await a.client.request({ cmd: 'export-commit', exportId: sealed.exportId, location: '/media/stick' })).toEqual({ logged: 1 });
    await expectVaultError(a.client.request({ cmd: 'export-commit', exportId: sealed.exportId, location: '/media/stick' }), 'export-refused');
    const audit = (await a.client.request({ cmd: 'audit-list' })).entries.at(-1);
    expect(audit).toMatchObject({ action: 'bundle-exported', details: { bundles: 1, recipients: 1, bundle1: bundle?.bundleId, recipient1: b.profile.delegationId } });

    const files = [exchangeFile(bundle?.name ?? '', bundle?.age ?? new Uint8Array()), exchangeFile(`${bundle?.name ?? ''}.minisig`, bundle?.minisig ?? new Uint8Array())];
    const importProgress: VaultProgress[] = [];
    const { reports } = await b.client.request({ cmd: 'import-bundles', files }, { onProgress: (p) => importProgress.push(p) });
    expect(importProgress.map((p) => p.stage)).toEqual(expect.arrayContaining(['read', 'verify', 'apply']));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      outcome: 'applied',
      signatureVerified: true,
      bundleId: bundle?.bundleId,
      sender: { id: a.profile.delegationId, fingerprint: a.profile.fingerprint },
      counts: { changeSets: 3, applied: 2, redacted: 1, rejected: 0 },
      refusal: null,
      sha256: bundle?.sha256,
    });
    const mine = (await listed(a.client)).filter((record) => record.values['status'] !== 'draft');
    expect(await listed(b.client)).toEqual(mine);
    expect((await b.client.request({ cmd: 'log-rebuild' })).identical).toBe(true);

    const before = await replicaDigest(vaultB.dbName);
    const again = await b.client.request({ cmd: 'import-bundles', files });
    expect(again.reports[0]).toMatchObject({ outcome: 'duplicate', counts: { applied: 0, duplicates: 3 } });
    expect(await replicaDigest(vaultB.dbName)).toBe(before);

    const history = (await b.client.request({ cmd: 'exchange-history' })).entries;
    expect(history.map((entry) => [entry.direction, entry.outcome, entry.bundleId])).toEqual([
      ['received', 'duplicate', bundle?.bundleId],
      ['received', 'applied', bundle?.bundleId],
    ]);
    expect(history[0]?.sha256).toEqual(bundle?.sha256);
    expect((await a.client.request({ cmd: 'exchange-history' })).entries).toMatchObject([{ direction: 'sent', outcome: 'sent', peers: [{ id: b.profile.delegationId }], counts: { full: 2, redacted: 1 } }]);
    expect((await b.client.request({ cmd: 'audit-list' })).entries.slice(-2).map((entry) => entry.action)).toEqual(['bundle-imported', 'bundle-imported']);
  });

  it('an incremental export after an acknowledgement holds only the new change-sets; bundles picked in any order, with stray files, converge', async () => {
    const a = await open(vaultA, 'Ukraine', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Poland', 'PL', 'partner');
    await introduce(a, b.client);
    await introduce(b, a.client);
    await a.client.request({ cmd: 'records-write', edits: [need('Firewalls', 'GREEN'), need('Backup servers', 'GREEN')] });
    const first = await exportFiles(a.client, [b.profile.delegationId]);
    await a.client.request({ cmd: 'records-write', edits: [need('Satellite terminals', 'GREEN')] });
    const second = await exportFiles(a.client, [b.profile.delegationId]);
    // Without an acknowledgement, the second export still holds everything.
    expect(second.bundles[0]?.plan.changeSets).toBe(3);
    expect(second.bundles[0]?.name).toContain('_n0002_');

    // Newest first, in sub-folders, with a stray file and an unpaired signature.
    const picked = [
      ...second.files.map((file) => ({ ...file, relativePath: `stick/${file.name}` })),
      exchangeFile('README.txt', 'not a bundle', 'stick'),
      ...first.files.map((file) => ({ ...file, relativePath: `stick/old/${file.name}` })),
      exchangeFile('orphan.tdesk.age.minisig', 'x', 'stick'),
    ];
    const { reports } = await b.client.request({ cmd: 'import-bundles', files: picked });
    expect(reports.map((report) => [report.relativePath.split('/').slice(0, -1).join('/'), report.outcome, report.refusal?.code ?? null])).toEqual([
      ['stick/old', 'applied', null],
      ['stick', 'applied', null],
      ['stick', 'refused', 'missing-bundle'],
    ]);
    expect(await listed(b.client)).toEqual(await listed(a.client));

    // B writes and exports back: its bundle acknowledges A's three change-sets.
    await b.client.request({ cmd: 'records-write', edits: [{ kind: 'offer', tlp: 'GREEN', ops: [{ field: 'title', value: 'Firewalls for 20 substations' }] }] });
    const back = await exportFiles(b.client, [a.profile.delegationId]);
    expect(back.bundles[0]?.plan).toMatchObject({ changeSets: 1, full: 1 });
    expect((await a.client.request({ cmd: 'import-bundles', files: back.files })).reports[0]?.outcome).toBe('applied');
    const detail = await a.client.request({ cmd: 'delegation-detail', delegationId: b.profile.delegationId });
    expect(detail.acknowledged?.[a.profile.deviceId]).toBe(3);

    await a.client.request({ cmd: 'records-write', edits: [need('Training for CERT staff', 'GREEN')] });
    const incremental = await a.client.request({ cmd: 'export-preview', options: { recipients: [b.profile.delegationId], scope: 'incremental', grouping: 'per-recipient' } });
    expect(incremental.bundles[0]).toMatchObject({ changeSets: 1, full: 1 });
    const everything = await a.client.request({ cmd: 'export-preview', options: { recipients: [b.profile.delegationId], scope: 'everything', grouping: 'per-recipient' } });
    expect(everything.bundles[0]?.changeSets).toBe(5);
    const third = await exportFiles(a.client, [b.profile.delegationId]);
    expect((await b.client.request({ cmd: 'import-bundles', files: third.files })).reports[0]?.counts).toMatchObject({ changeSets: 1, applied: 1 });
    expect(await listed(b.client)).toEqual(await listed(a.client));
  });

  it('a third vault receiving B’s relay sees GREEN records but AMBER ones only as redacted headers; exports to unverified or unknown delegations are refused', async () => {
    const a = await open(vaultA, 'Ukraine', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Germany', 'DE', 'partner');
    const c = await open(vaultC, 'NATO', 'BE', 'observer');
    await introduce(a, b.client);
    await introduce(b, a.client);
    await introduce(b, c.client);
    await introduce(c, b.client);
    // C knows A too (its change-sets would otherwise wait, parked, for A's card).
    await introduce(a, c.client);
    await introduce(c, a.client);
    await a.client.request({ cmd: 'records-write', edits: [need('Public need', 'GREEN'), need('Restricted need', 'AMBER')] });
    const toB = await exportFiles(a.client, [b.profile.delegationId]);
    expect((await b.client.request({ cmd: 'import-bundles', files: toB.files })).reports[0]?.counts).toMatchObject({ applied: 2 });

    const relayPreview = await b.client.request({ cmd: 'export-preview', options: { recipients: [c.profile.delegationId], scope: 'incremental', grouping: 'per-recipient' } });
    expect(relayPreview.bundles[0]).toMatchObject({ changeSets: 2, full: 1, redacted: 1, reasons: { 'relay-above-green': 1 } });
    const relay = await exportFiles(b.client, [c.profile.delegationId]);
    const report = (await c.client.request({ cmd: 'import-bundles', files: relay.files })).reports[0];
    expect(report).toMatchObject({ outcome: 'applied', counts: { applied: 1, redacted: 1, rejected: 0 } });
    const seen = await listed(c.client);
    expect(seen.map((record) => record.values['title'])).toEqual(['Public need']);
    const status = await c.client.request({ cmd: 'sync-status' });
    expect(status.contentMissing).toBe(1);
    expect(status.versionVector[a.profile.deviceId]).toBe(2);

    // C asks for the AMBER content in its next bundle to A; A may send it (its own record, no audience).
    const ask = await exportFiles(c.client, [a.profile.delegationId]);
    expect((await a.client.request({ cmd: 'import-bundles', files: ask.files })).reports[0]).toMatchObject({ outcome: 'applied', refusal: null });
    const answer = await a.client.request({ cmd: 'export-preview', options: { recipients: [c.profile.delegationId], scope: 'incremental', grouping: 'per-recipient' } });
    expect(answer.bundles[0]).toMatchObject({ contentRequestsAnswered: 1, full: 1 });

    // Recipients: unknown, own, unverified.
    const stranger = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
    const unknown = await expectVaultError(c.client.request({ cmd: 'export-preview', options: { recipients: [stranger], scope: 'incremental', grouping: 'per-recipient' } }), 'export-refused');
    expect(unknown.details?.['reason']).toBe('unknown-recipient');
    await expectVaultError(c.client.request({ cmd: 'export-seal', options: { recipients: [c.profile.delegationId], scope: 'incremental', grouping: 'per-recipient' } }), 'export-refused');
    const card = await a.client.request({ cmd: 'card-export' });
    await b.client.request({ cmd: 'card-import', file: exchangeFile(card.name, card.bytes) }); // already verified: unchanged
    const d = await open(vaultD, 'Latvia', 'LV', 'partner');
    await d.client.request({ cmd: 'card-import', file: exchangeFile(card.name, card.bytes) });
    const unverified = await expectVaultError(d.client.request({ cmd: 'export-seal', options: { recipients: [a.profile.delegationId], scope: 'everything', grouping: 'per-recipient' } }), 'export-refused');
    expect(unverified.details?.['reason']).toBe('unverified-recipient');
    await expectVaultError(d.client.request({ cmd: 'export-commit', exportId: 'nope', location: '' }), 'export-refused');
  });

  it('groups recipients who may see the same into one bundle, and keeps RED content for the audience it names', async () => {
    const a = await open(vaultA, 'Ukraine', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Germany', 'DE', 'partner');
    const c = await open(vaultC, 'France', 'FR', 'partner');
    for (const [from, to] of [
      [b, a],
      [c, a],
    ] as const) await introduce(from, to.client);
    await a.client.request({ cmd: 'records-write', edits: [need('Open need', 'GREEN'), need('Red need', 'RED')] });
    const grouped = await a.client.request({ cmd: 'export-preview', options: { recipients: [b.profile.delegationId, c.profile.delegationId], scope: 'everything', grouping: 'by-audience' } });
    expect(grouped.bundles).toEqual([
      { recipients: [b.profile.delegationId, c.profile.delegationId], changeSets: 2, full: 1, redacted: 1, reasons: { 'red-audience': 1 }, records: 1, contentRequestsAnswered: 0 },
    ]);
    const sealed = await a.client.request({ cmd: 'export-seal', options: { recipients: [b.profile.delegationId, c.profile.delegationId], scope: 'everything', grouping: 'by-audience' } });
    expect(sealed.bundles).toHaveLength(1);
    expect(sealed.bundles[0]?.name).toContain('_to_DE-germany+FR-france_');
  });
});
