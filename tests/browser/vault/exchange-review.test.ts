/**
 * Findings of the security review of the exchange (issue #7), each proven against the real vault worker:
 * a raised TLP withholds older content (own records, relays) and the relay's `wrongly-redacted` flag says
 * it may be a raised TLP; a need's draft history never leaves, even after it was submitted; export-seal
 * logs before the bytes leave; the ceremony's name is normalised and checked for confusables; refusals of
 * one import are written in one transaction; the history is capped; a peer's acknowledgement is bounded
 * by what we hold.
 */
import { describe, expect, it } from 'vitest';
import type { ExchangeEntry, Profile } from '@shared/ipc/vault-protocol';
import type { VaultClient } from '../../../renderer/vault-worker/client';
import { acknowledge, EMPTY_EXCHANGE, MAX_HISTORY, withHistory } from '../../../renderer/vault-worker/exchange-store';
import { makeDelegation, seal, writeChain } from '../../unit/bundle/helpers';
import { exportFiles, fingerprintOf, introduce, pairOf, replicaDigest, sealedPair, trustDelegation, vaultRecipient } from './exchange-support';
import { createVault, expectVaultError, PASSPHRASE, useTestVault } from './helpers';
import { getRaw } from './raw-idb';

const vaultA = useTestVault('review-a');
const vaultB = useTestVault('review-b');
const vaultC = useTestVault('review-c');

async function open(vault: typeof vaultA, name: string, country: string, role: Profile['role']) {
  const client = vault.client();
  const { profile } = await client.request({ cmd: 'create', profile: { name, country, role }, passphrase: PASSPHRASE });
  return { client, profile };
}

type Tlp = 'GREEN' | 'AMBER' | 'RED';

async function writeNeed(client: VaultClient, tlp: Tlp, values: Record<string, string | number>, record?: string): Promise<string> {
  const ops = Object.entries(values).map(([field, value]) => ({ field, value }));
  const { records } = await client.request({ cmd: 'records-write', edits: [{ ...(record === undefined ? {} : { record }), kind: 'need', tlp, ops }] });
  return records[0]?.id as string;
}

function options(recipient: string, scope: 'incremental' | 'everything' = 'everything') {
  return { recipients: [recipient], scope, grouping: 'per-recipient' as const };
}

async function manifestGeneration(dbName: string): Promise<number> {
  return ((await getRaw(dbName, 'manifest', 'current')) as { version: number }).version;
}

describe('security review of the exchange', () => {
  it('a raised TLP withholds older content from a new peer and from relays (tlp-raised); the relay flag says it may be a raised TLP', async () => {
    const a = await open(vaultA, 'Ukraine', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Germany', 'DE', 'partner');
    const c = await open(vaultC, 'France', 'FR', 'partner');
    for (const [from, to] of [
      [a, b],
      [b, a],
      [b, c],
      [c, b],
      [a, c],
      [c, a],
    ] as const) {
      await introduce(from, to.client);
    }
    const id = await writeNeed(a.client, 'GREEN', { title: 'Public title', status: 'open', quantity: 10 });
    expect((await b.client.request({ cmd: 'import-bundles', files: (await exportFiles(a.client, [b.profile.delegationId])).files })).reports[0]?.counts).toMatchObject({ applied: 1 });

    // The owner raises the record to AMBER: B, its direct partner, still receives it (own, no audience).
    await writeNeed(a.client, 'AMBER', { title: 'Restricted title' }, id);
    expect((await b.client.request({ cmd: 'import-bundles', files: (await exportFiles(a.client, [b.profile.delegationId])).files })).reports[0]?.counts).toMatchObject({ applied: 1 });

    // B relays to C: the older GREEN change-set of a record B now holds at AMBER stays a header.
    const relay = await b.client.request({ cmd: 'export-preview', options: options(c.profile.delegationId) });
    expect(relay.bundles[0]).toMatchObject({ changeSets: 2, full: 0, redacted: 2, reasons: { 'tlp-raised': 1, 'relay-above-green': 1 } });
    const relayed = await exportFiles(b.client, [c.profile.delegationId]);
    const report = (await c.client.request({ cmd: 'import-bundles', files: relayed.files })).reports[0];
    expect(report).toMatchObject({ outcome: 'applied', counts: { applied: 0, redacted: 2 } });
    expect((await c.client.request({ cmd: 'records-list' })).records).toEqual([]);
    const flag = report?.problems.find((problem) => problem.reason === 'wrongly-redacted');
    expect(flag?.message).toMatch(/raised the record's TLP/u);

    // The owner raises it to RED: to a new peer (scope everything), nothing older goes in full.
    await writeNeed(a.client, 'RED', { title: 'Red title' }, id);
    const fresh = await a.client.request({ cmd: 'export-preview', options: options(c.profile.delegationId) });
    expect(fresh.bundles[0]).toMatchObject({ changeSets: 3, full: 0, redacted: 3, reasons: { 'tlp-raised': 2, 'red-audience': 1 } });
    // Nor as an answer to C's content-missing requests (C holds both headers).
    expect((await c.client.request({ cmd: 'sync-status' })).contentMissing).toBe(2);
    expect((await a.client.request({ cmd: 'import-bundles', files: (await exportFiles(c.client, [a.profile.delegationId])).files })).reports[0]?.outcome).toBe('applied');
    const answer = await a.client.request({ cmd: 'export-preview', options: options(c.profile.delegationId, 'incremental') });
    expect(answer.bundles[0]).toMatchObject({ full: 0, contentRequestsAnswered: 0 });
  });

  it('a need’s change-sets written while it was a draft never leave, even after it was submitted, nor as answers to content requests', async () => {
    const a = await open(vaultA, 'Ukraine', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Poland', 'PL', 'partner');
    await introduce(a, b.client);
    await introduce(b, a.client);
    const id = await writeNeed(a.client, 'GREEN', { title: 'Secret draft title', status: 'draft', quantity: 10 });
    await writeNeed(a.client, 'GREEN', { title: 'Second secret draft title' }, id);
    // Submitting re-publishes every current value (the UI's submit action).
    await writeNeed(a.client, 'GREEN', { status: 'submitted', title: 'Public title', quantity: 10 }, id);
    const preview = await a.client.request({ cmd: 'export-preview', options: options(b.profile.delegationId) });
    expect(preview.bundles[0]).toMatchObject({ changeSets: 3, full: 1, redacted: 2, reasons: { draft: 2 }, records: 1 });

    const sent = await exportFiles(a.client, [b.profile.delegationId]);
    expect((await b.client.request({ cmd: 'import-bundles', files: sent.files })).reports[0]?.counts).toMatchObject({ applied: 1, redacted: 2 });
    const [seen] = (await b.client.request({ cmd: 'records-list' })).records;
    expect(seen?.values).toMatchObject({ title: 'Public title', status: 'submitted', quantity: 10 });
    expect((await b.client.request({ cmd: 'sync-status' })).contentMissing).toBe(2);

    // B asks for the two headers' content; A never answers them.
    expect((await a.client.request({ cmd: 'import-bundles', files: (await exportFiles(b.client, [a.profile.delegationId])).files })).reports[0]?.outcome).toBe('applied');
    const answer = await a.client.request({ cmd: 'export-preview', options: options(b.profile.delegationId, 'incremental') });
    expect(answer.bundles[0]).toMatchObject({ full: 0, contentRequestsAnswered: 0 });
    // Later edits travel.
    await writeNeed(a.client, 'GREEN', { quantity: 12 }, id);
    expect((await a.client.request({ cmd: 'export-preview', options: options(b.profile.delegationId) })).bundles[0]).toMatchObject({ changeSets: 4, full: 2, reasons: { draft: 2 } });
  });

  it('export-seal writes `bundle-sealed` (export id, bundle ids, recipients, counts) before the bytes leave; export-commit still logs `bundle-exported`', async () => {
    const a = await open(vaultA, 'Ukraine', 'UA', 'beneficiary');
    const b = await open(vaultB, 'Poland', 'PL', 'partner');
    await introduce(b, a.client);
    await writeNeed(a.client, 'GREEN', { title: 'Firewalls', status: 'open', quantity: 2 });
    await writeNeed(a.client, 'RED', { title: 'Red', status: 'open', quantity: 2 });
    const sealed = await a.client.request({ cmd: 'export-seal', options: options(b.profile.delegationId) });
    const [bundle] = sealed.bundles;
    const audit = (await a.client.request({ cmd: 'audit-list' })).entries.at(-1);
    expect(audit).toMatchObject({
      action: 'bundle-sealed',
      details: { export: sealed.exportId, bundles: 1, recipients: 1, bundle1: bundle?.bundleId, recipient1: b.profile.delegationId, changeSets: 2, full: 1, redacted: 1 },
    });
    expect((await a.client.request({ cmd: 'exchange-history' })).entries).toEqual([]);
    await a.client.request({ cmd: 'export-commit', exportId: sealed.exportId, location: '/media/stick' });
    expect((await a.client.request({ cmd: 'audit-list' })).entries.at(-1)).toMatchObject({ action: 'bundle-exported', details: { export: sealed.exportId, bundle1: bundle?.bundleId, location: '/media/stick' } });
  });

  it('the ceremony NFC-normalises the name, refuses control and bidi characters, and names confusable with any other delegation', async () => {
    const { client, created } = await createVault(vaultA);
    const known = makeDelegation('Ministry of Defence', 'GB', 'partner', 'review-gb');
    await trustDelegation(client, known, { name: 'UK Cyber Team' });
    const partner = makeDelegation('Polish Ministry of Digital Affairs', 'PL', 'partner', 'review-pl');
    await trustDelegation(client, partner, { verify: false });
    const before = await replicaDigest(vaultA.dbName);
    const verify = (name: string) => client.request({ cmd: 'delegation-verify', delegationId: partner.id, fingerprint: fingerprintOf(partner), name, role: 'partner', channel: 'phone' });

    // Cyrillic е: the assigned name of another delegation; its proposed name; our own name.
    for (const [name, other] of [
      ['UK Cyber Tеam', known.id],
      ['MINISTRY of defence', known.id],
      ['Estonian  Delegation', created.profile.delegationId],
    ] as const) {
      const error = await expectVaultError(verify(name), 'card-refused');
      expect(error.details).toMatchObject({ reason: 'confusable-name', with: other });
    }
    for (const name of ['Poland\u202e', 'Pol\u0007and', 'Poland\u2066x\u2069']) {
      expect((await expectVaultError(verify(name), 'card-refused')).details?.['reason']).toBe('name-invalid');
    }
    expect(await replicaDigest(vaultA.dbName)).toBe(before);
    expect((await client.request({ cmd: 'delegation-detail', delegationId: partner.id })).delegation.verification).toBeNull();

    // Its own proposed name is fine; the name is stored NFC.
    const verified = await verify('Polska Cafe\u0301');
    expect(verified.delegation.name).toBe('Polska Caf\u00e9');
  });

  it('the refusals of one import are written in one transaction (with the next applied bundle, or at the end), in order', async () => {
    const { client } = await createVault(vaultA);
    const me = await vaultRecipient(client);
    const ua = makeDelegation('Ukraine', 'UA', 'beneficiary', 'review-ua');
    await trustDelegation(client, ua);
    const NOW_MS = Date.now() - 3_600_000;
    const junk = (n: number) => pairOf({ name: `junk-${n}.tdesk.age`, age: new Uint8Array([1, 2, 3, n]), minisig: 'hello\n' });

    const generation = await manifestGeneration(vaultA.dbName);
    const { reports } = await client.request({ cmd: 'import-bundles', files: [1, 2, 3, 4, 5, 6].flatMap(junk) });
    expect(reports.map((report) => report.refusal?.code)).toEqual(Array(6).fill('signature-malformed'));
    expect(await manifestGeneration(vaultA.dbName)).toBe(generation + 1);
    expect((await client.request({ cmd: 'exchange-history' })).entries).toHaveLength(6);
    expect((await client.request({ cmd: 'audit-list' })).entries.slice(-6).map((entry) => entry.action)).toEqual(Array(6).fill('bundle-refused'));

    // An honest bundle among them: its transaction takes the refusals read before it; the rest at the end.
    const chain = writeChain(ua, 1, { startMs: NOW_MS });
    const honest = await seal(ua, [me], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] }, new Date(NOW_MS).toISOString());
    const picked = [...junk(7).map((file) => ({ ...file, relativePath: `a/${file.name}` })), ...sealedPair(honest, 'b'), ...junk(8).map((file) => ({ ...file, relativePath: `c/${file.name}` }))];
    const next = await manifestGeneration(vaultA.dbName);
    const second = await client.request({ cmd: 'import-bundles', files: picked });
    expect(second.reports.map((report) => report.outcome)).toEqual(['applied', 'refused', 'refused']);
    expect(await manifestGeneration(vaultA.dbName)).toBe(next + 2);
    const history = (await client.request({ cmd: 'exchange-history' })).entries;
    expect(history.slice(0, 3).map((entry) => [entry.outcome, entry.name])).toEqual([
      ['refused', 'junk-8.tdesk.age'],
      ['refused', 'junk-7.tdesk.age'],
      ['applied', honest.name],
    ]);
  });

  it('the history keeps at most MAX_HISTORY entries, the oldest dropped and counted', () => {
    const entry = (n: number): ExchangeEntry => ({
      direction: 'received',
      at: '2026-02-01T10:00:00.000Z',
      bundleId: null,
      name: `b${n}.tdesk.age`,
      peers: [],
      size: { age: 1, minisig: 1 },
      sha256: { age: null, minisig: null },
      changeSets: 0,
      outcome: 'refused',
      counts: {},
      reason: 'signature-malformed',
    });
    expect(MAX_HISTORY).toBe(10_000);
    const full = { ...EMPTY_EXCHANGE, history: Array.from({ length: MAX_HISTORY }, (_, n) => entry(n)) };
    const { exchange, dropped } = withHistory(full, entry(MAX_HISTORY), entry(MAX_HISTORY + 1));
    expect(dropped).toBe(2);
    expect(exchange.history).toHaveLength(MAX_HISTORY);
    expect(exchange.history[0]?.name).toBe('b2.tdesk.age');
    expect(exchange.history.at(-1)?.name).toBe(`b${MAX_HISTORY + 1}.tdesk.age`);
    expect(withHistory(EMPTY_EXCHANGE, entry(0)).dropped).toBe(0);
  });

  it('a peer’s acknowledgement keeps only devices in our chains and requests for change-sets in our log', async () => {
    const held = { hasDevice: (device: string) => device === 'dev-held', hasChangeSet: (hash: string) => hash === 'a'.repeat(64) };
    const state = acknowledge(EMPTY_EXCHANGE, 'peer', { versionVector: { 'dev-held': 3, 'dev-bogus': 1_000_000 }, contentMissing: ['a'.repeat(64), 'b'.repeat(64)], created: '2026-02-01T10:00:00.000Z' }, held);
    expect(state.peers.get('peer')).toMatchObject({ acknowledged: { 'dev-held': 3 }, contentMissing: ['a'.repeat(64)] });

    // Through the worker: a bundle whose vector names a device nobody registered with us.
    const { client } = await createVault(vaultB);
    const me = await vaultRecipient(client);
    const ua = makeDelegation('Ukraine', 'UA', 'beneficiary', 'review-ack-ua');
    const stranger = makeDelegation('Nobody', 'NO', 'partner', 'review-ack-no');
    await trustDelegation(client, ua);
    const NOW_MS = Date.now() - 3_600_000;
    const chain = writeChain(ua, 2, { startMs: NOW_MS });
    const bogus = stranger.state.inception.device.id;
    const bundle = await seal(
      ua,
      [me],
      { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()], versionVector: { [chain.device]: 2, [bogus]: 99 }, contentMissing: [chain.hashes[0] as string, btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))] },
      new Date(NOW_MS).toISOString(),
    );
    expect((await client.request({ cmd: 'import-bundles', files: sealedPair(bundle) })).reports[0]?.outcome).toBe('applied');
    const detail = await client.request({ cmd: 'delegation-detail', delegationId: ua.id });
    expect(detail.acknowledged).toEqual({ [chain.device]: 2 });
  });
});
