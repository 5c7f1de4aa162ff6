/** The writer: signed comment grammar, file names, refusals, and what it puts in the payload. */
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_LIMITS,
  bundleFileName,
  formatComment,
  openBundle,
  parseComment,
  sealBundle,
  slug,
  type BundleComment,
} from '@shared/bundle';
import { makeDelegation, seal, writeChain } from './helpers';

const ua = makeDelegation('Державна служба спеціального зв’язку', 'UA', 'beneficiary', 'writer-ua');
const ee = makeDelegation('Estonian MFA', 'EE', 'partner', 'writer-ee');
const pl = makeDelegation('Polish Ministry of Digital Affairs', 'PL', 'partner', 'writer-pl');

const COMMENT: BundleComment = {
  format: 1,
  bundleId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
  sender: 'bbbbbbbbbbbbbbbbbbbbbbbbbb',
  senderKeyId: '0123456789ABCDEF',
  recipients: ['FEDCBA9876543210', '0000000000000001'],
  created: '2026-02-01T12:00:00.000Z',
  payloadHash: 'ab'.repeat(32),
};

describe('signed comment', () => {
  it('is one canonical line that round-trips', () => {
    const text = formatComment(COMMENT);
    expect(text).toBe(
      'tallinn-desk-bundle/1 id=aaaaaaaaaaaaaaaaaaaaaaaaaa from=bbbbbbbbbbbbbbbbbbbbbbbbbb key=0123456789ABCDEF to=FEDCBA9876543210,0000000000000001 at=2026-02-01T12:00:00.000Z payload=' +
        'ab'.repeat(32),
    );
    expect(parseComment(text)).toEqual(COMMENT);
  });

  it('fits minisign’s limit with the maximum number of recipients', () => {
    const text = formatComment({ ...COMMENT, recipients: Array.from({ length: BUNDLE_LIMITS.recipients }, (_, i) => i.toString(16).toUpperCase().padStart(16, '0')) });
    expect(text.length).toBeLessThan(BUNDLE_LIMITS.trustedCommentBytes);
  });

  it('refuses anything else, newer versions with their own code', () => {
    const text = formatComment(COMMENT);
    const bad = [
      text.replace('tallinn-desk-bundle/1', 'other/1'),
      text.replace(' id=', '  id='),
      text.replace('key=0123456789ABCDEF', 'key=0123456789abcdef'),
      text.replace('to=FEDCBA9876543210,', 'to=0000000000000001,'),
      text.replace('at=2026-02-01T12:00:00.000Z', 'at=2026-02-01T12:00:00Z'),
      text.replace('payload=ab', 'payload=AB'),
      `${text} extra=1`,
      text.replace('from=', 'sender='),
      `${text}\u001b[2J`,
    ];
    for (const candidate of bad) expect(() => parseComment(candidate), candidate).toThrow(expect.objectContaining({ code: 'comment-malformed' }));
    expect(() => parseComment(text.replace('bundle/1', 'bundle/3'))).toThrow(expect.objectContaining({ code: 'format-newer' }));
    expect(() => parseComment(text.replace('bundle/1', 'bundle/0'))).toThrow(expect.objectContaining({ code: 'format-unsupported' }));
  });
});

describe('file names', () => {
  it('tell sender, recipients, date and sequence with FAT/NTFS-safe characters only', () => {
    const name = bundleFileName({
      sender: { country: 'UA', name: 'Державна служба спеціального зв’язку' },
      recipients: [
        { country: 'EE', name: 'Välisministeerium' },
        { country: 'PL', name: 'Ministerstwo Cyfryzacji' },
      ],
      created: '2026-02-01T09:30:00.000Z',
      sequence: 7,
      bundleId: 'abcdefghijklmnopqrstuvwxyz',
    });
    expect(name).toBe('UA-derzhavna-sluzhba-spetsi_to_EE-valisministeerium+PL-ministerstwo-cyfryzacji_2026-02-01_0930Z_n0007_abcdef.tdesk.age');
    expect(name).toMatch(/^[A-Za-z0-9+_.-]+$/u);
    const many = bundleFileName({ sender: { country: 'UA', name: 'x' }, recipients: Array.from({ length: 9 }, () => ({ country: 'DE', name: 'y' })), created: '2026-02-01T09:30:00.000Z', sequence: 1, bundleId: 'a'.repeat(26) });
    expect(many).toContain('_to_9-recipients_');
    expect(slug('<>:"/\\|?*')).toBe('');
    expect(slug('Ґалицька обл. / “CON” ')).toBe('galytska-obl-con');
  });
});

describe('sealBundle', () => {
  it('puts the sender’s log first, the recipients in order, and opens for every recipient', async () => {
    const chain = writeChain(ua, 2);
    const sealed = await seal(ua, [ee, pl], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()], keyEventLogs: [pl.log, ua.log] });
    expect(sealed.comment.recipients).toEqual([ee.peer().keyIdText, pl.peer().keyIdText]);
    for (const me of [ee, pl]) {
      const opened = await openBundle({ age: sealed.age, minisig: sealed.minisig }, { trust: [ua.trust(), ee.trust(), pl.trust()], me: me.me() });
      expect(opened.payload.keyEventLogs.map((log) => log.length)).toEqual([1, 1]);
      expect(opened.keyLogs.map((k) => k.delegationId)).toEqual([ua.id, pl.id]);
      expect(opened.payload.changeSets).toHaveLength(2);
    }
  });

  it('refuses what a reader would refuse', async () => {
    const revoked = makeDelegation('Revoked', 'FR', 'partner', 'writer-revoked');
    revoked.revoke();
    await expect(seal(ua, [])).rejects.toMatchObject({ code: 'seal-invalid', message: expect.stringMatching(/at least one recipient/u) as unknown });
    await expect(seal(ua, [ee, ee])).rejects.toMatchObject({ code: 'seal-invalid', message: expect.stringMatching(/named twice/u) as unknown });
    await expect(seal(ua, [revoked])).rejects.toMatchObject({ code: 'seal-invalid', message: expect.stringMatching(/revoked/u) as unknown });
    await expect(seal(revoked, [ee])).rejects.toMatchObject({ code: 'seal-invalid' });
    await expect(sealBundle({ sender: { ...ua.sender(), signing: ee.keys.signing }, recipients: [ee.peer()], parts: {}, sequence: 1 })).rejects.toMatchObject({ code: 'seal-invalid' });
    await expect(seal(ua, [ee], {}, '2026-02-01T12:00:00Z')).rejects.toMatchObject({ code: 'seal-invalid' });
    await expect(seal(ua, [ee], { contentMissing: ['not base64'] })).rejects.toMatchObject({ message: expect.stringMatching(/contentMissing/u) as unknown });
  });
});
