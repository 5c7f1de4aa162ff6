/**
 * Golden files freeze the bundle and card formats (tests/fixtures/bundle, written once by generate.ts):
 * every deterministic value is recomputed and compared, and the stored bundle must still open to exactly
 * the stored payload under exactly the stored signed comment. A failure means existing bundles, cards or
 * peers would break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCardFile, openBundle, readCardFile, verifyBundle, type BundlePayload } from '@shared/bundle';
import { computeBundleVector, goldenParties, sealGoldenBundle } from '../../fixtures/bundle/golden-inputs';

const dir = join(import.meta.dirname, '../../fixtures/bundle');
const read = (name: string): Buffer => readFileSync(join(dir, name));
const golden = JSON.parse(read('golden.json').toString('utf8')) as Awaited<ReturnType<typeof computeBundleVector>> & { payload: BundlePayload };

describe('golden bundle and cards', () => {
  it('recomputes every deterministic value: ids, key ids, fingerprints, cards, the signed comment', async () => {
    const { payload: _, ...stored } = golden;
    expect(await computeBundleVector()).toEqual(stored);
    expect(read('sender.tdesk-card').toString('utf8')).toBe(formatCardFile(golden.cards.sender));
    expect(read('recipient.tdesk-card').toString('utf8')).toBe(formatCardFile(golden.cards.recipient));
    expect(read('sender.minisign.pub').toString('utf8')).toBe(golden.expected.sender.minisignPublicKeyFile);
  });

  it('the stored cards verify', () => {
    const sender = readCardFile(read('sender.tdesk-card'));
    expect(sender.state.delegationId).toBe(golden.expected.sender.delegationId);
    expect(sender.fingerprintText).toBe(golden.expected.sender.fingerprint);
    expect(readCardFile(read('recipient.tdesk-card')).peer.keyIdText).toBe(golden.expected.recipient.keyId);
  });

  it('the stored bundle still opens, to the stored payload under the stored comment', async () => {
    const { sender, recipient } = goldenParties();
    const files = { age: read('golden.tdesk.age'), minisig: read('golden.tdesk.age.minisig') };
    const opened = await openBundle(files, {
      trust: [{ state: readCardFile(read('sender.tdesk-card')).state, verified: true }],
      me: { state: recipient.state, encryptionSecret: recipient.keys.encryption.secretKey },
    });
    expect(opened.comment.bundleId).toBe(golden.expected.bundleId);
    expect(read('golden.tdesk.age.minisig').toString('utf8')).toContain(`trusted comment: ${golden.expected.commentText}\n`);
    expect(opened.payload).toEqual(golden.payload);
    expect(opened.payload.changeSets.map((c) => c.content === undefined)).toEqual([false, true]);
    expect(sender.state.delegationId).toBe(opened.sender.delegationId);
    // Sealing again gives the same comment (same payload hash): only the age layer differs.
    expect((await sealGoldenBundle()).commentText).toBe(golden.expected.commentText);
  });

  it('a newer format version is refused with a clear message', async () => {
    const files = { age: read('newer-format.tdesk.age'), minisig: read('newer-format.tdesk.age.minisig') };
    await expect(verifyBundle(files, { trust: [{ state: readCardFile(read('sender.tdesk-card')).state, verified: true }] })).rejects.toMatchObject({
      code: 'format-newer',
      message: 'This bundle uses format version 2; this version of Tallinn Desk reads format 1 only. Update Tallinn Desk to open it.',
    });
  });
});
