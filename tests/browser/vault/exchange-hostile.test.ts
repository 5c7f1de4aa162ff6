/**
 * Issue #7's requirement: importing every hostile bundle of issue #6 leaves the replica byte for byte
 * unchanged (a digest of every row of `records`, `log` and the singleton rows; only the audit log and the
 * exchange history record the refusal) and the report names the reason. The files are built with the
 * bundle reader's own makers (tests/unit/bundle), addressed to a real vault.
 *
 * A control case proves the digest can change: an honest bundle from the same sender does.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { signMinisign } from '@shared/crypto';
import { ageRecipientFromKey } from '@shared/bundle';
import type { BundleImportReport, ExchangeFile } from '@shared/ipc/vault-protocol';
import type { VaultClient } from '../../../renderer/vault-worker/client';
import { craft } from '../../unit/bundle/craft';
import { flipBit, makeDelegation, seal, writeChain, type BundleRecipient, type TestDelegation } from '../../unit/bundle/helpers';
import { pairOf, replicaDigest, sealedPair, trustDelegation, vaultRecipient } from './exchange-support';
import { createVault, useTestVault } from './helpers';

const vault = useTestVault('exchange-hostile');
const NOW_MS = Date.now() - 3_600_000;

let client: VaultClient;
let me: BundleRecipient;
let ua: TestDelegation;
let pl: TestDelegation;

beforeEach(async () => {
  ({ client } = await createVault(vault));
  me = await vaultRecipient(client);
  ua = makeDelegation('Державна служба спеціального зв’язку', 'UA', 'beneficiary', 'hostile-ua');
  pl = makeDelegation('Polish Ministry of Digital Affairs', 'PL', 'partner', 'hostile-pl');
  await trustDelegation(client, ua);
  await trustDelegation(client, pl);
});

type Files = { age: Uint8Array; minisig: Uint8Array | string };

async function resign(age: Uint8Array, commentText: string, signer: TestDelegation = ua): Promise<string> {
  return signMinisign(age, { keyId: signer.peer().keyId, secretKey: signer.keys.signing.secretKey, trustedComment: commentText });
}

/** Imports files and checks the replica did not change; returns the one report. */
async function importUnchanged(files: ReturnType<typeof pairOf>): Promise<BundleImportReport> {
  const before = await replicaDigest(vault.dbName);
  const history = (await client.request({ cmd: 'exchange-history' })).entries.length;
  const { reports } = await client.request({ cmd: 'import-bundles', files });
  expect(reports).toHaveLength(1);
  expect(await replicaDigest(vault.dbName)).toBe(before);
  // The refusal itself is recorded.
  expect((await client.request({ cmd: 'exchange-history' })).entries).toHaveLength(history + 1);
  return reports[0] as BundleImportReport;
}

async function expectRefused(files: Files, code: string, message: RegExp = /.+/u): Promise<BundleImportReport> {
  const report = await importUnchanged(pairOf({ name: 'hostile.tdesk.age', ...files }));
  expect(report.outcome).toBe('refused');
  expect(report.refusal).toMatchObject({ code, message: expect.stringMatching(message) as unknown });
  const audit = (await client.request({ cmd: 'audit-list' })).entries.at(-1);
  expect(audit).toMatchObject({ action: 'bundle-refused', details: { code } });
  // The history stores the bare code (the UI translates it; the English message is in the report).
  const [latest] = (await client.request({ cmd: 'exchange-history' })).entries;
  expect(latest?.reason).toBe(code);
  if (!report.signatureVerified) {
    // Before the signature is proven, the key id is a claim: nobody is named as the sender.
    expect(report.sender).toBeNull();
    expect(latest?.peers).toEqual([]);
    expect(audit?.details['sender']).toBeNull();
  }
  return report;
}

function chainParts(author: TestDelegation, count: number, options: Parameters<typeof writeChain>[2] = {}) {
  const chain = writeChain(author, count, { startMs: NOW_MS, ...options });
  return { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] };
}

describe('hostile bundles leave the vault unchanged and say why', () => {
  it('control: an honest bundle does change the replica', async () => {
    const honest = await seal(ua, [me], chainParts(ua, 2), new Date(NOW_MS).toISOString());
    const before = await replicaDigest(vault.dbName);
    const { reports } = await client.request({ cmd: 'import-bundles', files: sealedPair(honest) });
    expect(reports[0]).toMatchObject({ outcome: 'applied', counts: { applied: 2 } });
    expect(await replicaDigest(vault.dbName)).not.toBe(before);
  });

  it('truncated, bit-flipped and empty files', async () => {
    const honest = await seal(ua, [me], chainParts(ua, 2), new Date(NOW_MS).toISOString());
    await expectRefused({ age: honest.age.subarray(0, honest.age.length >> 1), minisig: honest.minisig }, 'signature-invalid');
    await expectRefused({ age: flipBit(honest.age, 8 * (honest.age.length - 20)), minisig: honest.minisig }, 'signature-invalid');
    const crafted = await craft({ sender: ua, recipients: [me], created: new Date(NOW_MS).toISOString() });
    const truncated = crafted.age.subarray(0, crafted.age.length - 10);
    await expectRefused({ age: truncated, minisig: await resign(truncated, crafted.commentText) }, 'decrypt-failed');
    const header = crafted.age.subarray(0, 40);
    await expectRefused({ age: header, minisig: await resign(header, crafted.commentText) }, 'age-header-malformed');
    const flipped = flipBit(crafted.age, 8 * (crafted.age.length - 20));
    await expectRefused({ age: flipped, minisig: await resign(flipped, crafted.commentText) }, 'decrypt-failed');
    await expectRefused({ age: new Uint8Array(0), minisig: honest.minisig }, 'file-empty');
    const report = await expectRefused({ age: honest.age, minisig: '' }, 'file-empty');
    expect(report.signatureVerified).toBe(false);
  });

  it('missing, empty, swapped, malformed and foreign signatures', async () => {
    const honest = await seal(ua, [me], chainParts(ua, 1), new Date(NOW_MS).toISOString());
    const [age, minisig] = sealedPair(honest);
    const missingSignature = await importUnchanged([age as ExchangeFile]);
    expect(missingSignature.refusal?.code).toBe('missing-signature');
    const missingBundle = await importUnchanged([minisig as ExchangeFile]);
    expect(missingBundle.refusal?.code).toBe('missing-bundle');
    const other = await seal(ua, [me], {}, new Date(NOW_MS).toISOString());
    await expectRefused({ age: honest.age, minisig: other.minisig }, 'signature-invalid');
    const foreign = await seal(pl, [me], {}, new Date(NOW_MS).toISOString());
    // A signature claiming another trusted delegation's key: not blamed on it.
    const forged = await expectRefused({ age: honest.age, minisig: foreign.minisig }, 'signature-invalid', /claims to be by Polish Ministry/u);
    expect(forged.refusal?.claimedSender).toBeUndefined();
    await expectRefused({ age: honest.age, minisig: 'hello\n' }, 'signature-malformed');
  });

  it('unknown, unverified and revoked signers; the unknown and unverified are told to verify the card first', async () => {
    const stranger = makeDelegation('Unknown Ministry', 'NO', 'partner', 'hostile-stranger');
    const created = new Date(NOW_MS).toISOString();
    const unknown = await expectRefused(await seal(stranger, [me], chainParts(stranger, 1), created), 'signer-unknown', /contact card/u);
    expect(unknown.sender).toBeNull();

    const unverified = makeDelegation('Lithuanian Ministry of Defence', 'LT', 'partner', 'hostile-lt');
    await trustDelegation(client, unverified, { verify: false });
    const report = await expectRefused(await seal(unverified, [me], chainParts(unverified, 1), created), 'signer-unverified', /verify its fingerprint/u);
    // Named only as the claimed signer, for the "verify its card first" hint.
    expect(report.refusal?.claimedSender).toEqual({ id: unverified.id, name: 'Lithuanian Ministry of Defence' });

    const revoked = makeDelegation('French Ministry of Foreign Affairs', 'FR', 'partner', 'hostile-fr');
    await trustDelegation(client, revoked);
    const before = await seal(revoked, [me], chainParts(revoked, 1), created);
    revoked.revoke();
    // The revocation arrives on a card (key events from cards take effect on import).
    await trustDelegation(client, revoked, { verify: false });
    await expectRefused(before, 'signer-revoked');
  });

  it('not addressed to us, wrong stanzas, payload hash mismatch, newer format, inner header mismatch, bad JSON and schema, clock skew', async () => {
    const created = new Date(NOW_MS).toISOString();
    await expectRefused(await seal(ua, [pl], chainParts(ua, 1), created), 'not-for-us');
    await expectRefused(await craft({ sender: ua, recipients: [me], created, ageRecipients: [ageRecipientFromKey(pl.peer().encryptionKey)] }), 'decrypt-failed');
    await expectRefused(
      await craft({ sender: ua, recipients: [me], created, ageRecipients: [ageRecipientFromKey(me.peer().encryptionKey), ageRecipientFromKey(pl.peer().encryptionKey)] }),
      'age-stanza-count',
    );
    await expectRefused(await craft({ sender: ua, recipients: [me], created, comment: { payloadHash: 'ab'.repeat(32) } }), 'payload-hash-mismatch');
    const plain = await craft({ sender: ua, recipients: [me], created });
    await expectRefused(await craft({ sender: ua, recipients: [me], created, commentText: plain.commentText.replace('tallinn-desk-bundle/1', 'tallinn-desk-bundle/2') }), 'format-newer', /Update Tallinn Desk/u);
    await expectRefused(await craft({ sender: ua, recipients: [me], created, payload: (p) => ({ ...p, header: { ...p.header, format: 2 } }) }), 'format-newer');
    await expectRefused(
      await craft({ sender: ua, recipients: [me], created, payload: (p) => ({ ...p, header: { ...p.header, recipients: [...p.header.recipients, { delegation: pl.id, keyId: pl.peer().keyIdText }] } }) }),
      'header-mismatch',
    );
    await expectRefused(await craft({ sender: ua, recipients: [me], created, payload: (p) => ({ ...p, header: { ...p.header, sender: pl.id } }) }), 'header-mismatch');
    await expectRefused(await craft({ sender: ua, recipients: [me], created, payloadText: '{"header":{},"header":{}}' }), 'json-invalid');
    await expectRefused(await craft({ sender: ua, recipients: [me], created, payloadText: JSON.stringify({ header: { __proto__: 1 } }).replace('{}', '{"__proto__":1}') }), 'json-invalid');
    await expectRefused(await craft({ sender: ua, recipients: [me], created, payload: (p) => ({ ...p, surprise: true }) }), 'payload-schema');
    await expectRefused(await seal(ua, [me], chainParts(ua, 1, { startMs: Date.now() + 5 * 3_600_000 }), created), 'sync-refused', /ahead/u);
  });

  it('wrong owner, TLP-violating relay and uncovered change-sets: rejected one by one, nothing applied', async () => {
    const created = new Date(NOW_MS).toISOString();
    const wrongOwner = await importUnchanged(sealedPair(await seal(ua, [me], chainParts(ua, 1, { owner: pl.id }), created)));
    expect(wrongOwner).toMatchObject({ outcome: 'applied', counts: { applied: 0, rejected: 1 } });
    expect(wrongOwner.problems.map((p) => p.reason)).toEqual(['wrong-owner']);

    const relayed = chainParts(ua, 1, { tlp: 'AMBER' });
    const relay = await importUnchanged(sealedPair(await seal(pl, [me], { ...relayed, keyEventLogs: [ua.log] }, created)));
    expect(relay.problems.map((p) => p.reason)).toEqual(['tlp-relay']);

    const uncovered = writeChain(ua, 3, { startMs: NOW_MS });
    const flood = await importUnchanged(sealedPair(await seal(ua, [me], { changeSets: uncovered.changeSets }, created)));
    expect(new Set(flood.problems.map((p) => p.reason))).toEqual(new Set(['uncovered']));
  });
});
