/** Contact cards: creation, verification order, fingerprints, newer formats and collisions. */
import { describe, expect, it } from 'vitest';
import { canonicalBytes, fingerprintDigits, toBase64, utf8Encode } from '@shared/crypto';
import {
  BundleError,
  cardMinisignPublicKeyFile,
  checkCardCollisions,
  formatCardFile,
  nameSkeleton,
  readCardFile,
  verifyCard,
  type Card,
} from '@shared/bundle';
import { makeDelegation } from './helpers';

const ua = makeDelegation('Державна служба спеціального зв’язку', 'UA', 'beneficiary', 'card-ua');
const ee = makeDelegation('Ministry of Foreign Affairs of Estonia', 'EE', 'partner', 'card-ee');

function refused(raw: unknown): BundleError {
  try {
    verifyCard(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return error as BundleError;
  }
  throw new Error('card accepted');
}

describe('contact cards', () => {
  it('verify: keys, key id and fingerprint are those of the key event log', () => {
    const card = ua.card();
    const verified = readCardFile(utf8Encode(formatCardFile(card)));
    expect(verified.state.delegationId).toBe(ua.id);
    expect(verified.fingerprint).toBe(fingerprintDigits({ delegationId: ua.id, signingKey: ua.state.signingKey, encryptionKey: ua.state.encryptionKey }));
    expect(verified.fingerprintText).toMatch(/^(\d{5} ){7}\d{5}$/u);
    expect(card.ageRecipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/u);
    expect(cardMinisignPublicKeyFile(verified)).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16} of UA derzhavna-sluzhba-spetsialnoho-zv-iazku\nRW[A-Za-z0-9+/]{54}\n$/u);
  });

  it('refuses an altered card: each field is covered by the self-signature or the log', () => {
    const card = ua.card();
    expect(refused({ ...card, name: 'Other' }).message).toMatch(/name, country or role/u);
    expect(refused({ ...card, proposedRole: 'partner' }).message).toMatch(/name, country or role/u);
    expect(refused({ ...card, ageRecipient: ee.card().ageRecipient }).message).toMatch(/age recipient is not the encryption key/u);
    expect(refused({ ...card, minisignPublicKey: ee.card().minisignPublicKey }).message).toMatch(/minisign public key is not the signing key/u);
    expect(refused({ ...card, keyEventLog: ee.log }).message).toMatch(/name, country or role|signing key/u);
    expect(refused({ ...card, selfSignature: ee.card().selfSignature }).message).toMatch(/self-signature does not verify/u);
    expect(refused({ ...card, extra: 1 }).code).toBe('card-invalid');
    expect(refused([]).code).toBe('card-invalid');
  });

  it('refuses a card whose key event log does not verify', () => {
    const card = ua.card();
    const log = [{ ...(card.keyEventLog[0] as object), signature: toBase64(new Uint8Array(64)) }];
    expect(refused({ ...card, keyEventLog: log }).message).toMatch(/key event log does not verify/u);
  });

  it('refuses a newer card format with a clear message', () => {
    const error = refused({ ...ua.card(), format: 'tallinn-desk-card/2' });
    expect(error.code).toBe('format-newer');
    expect(error.message).toMatch(/version 2; this version of Tallinn Desk reads version 1 only/u);
  });

  it('reports a revoked delegation instead of hiding it', () => {
    const fr = makeDelegation('French MFA', 'FR', 'partner', 'card-fr');
    fr.revoke();
    expect(verifyCard(fr.card()).peer.revoked).toBe(true);
  });

  it('refuses hostile card files before parsing them', () => {
    expect(() => readCardFile(new Uint8Array(0))).toThrow(/empty/u);
    expect(() => readCardFile(new Uint8Array(2 * 1024 * 1024))).toThrow(/at most/u);
    expect(() => readCardFile(utf8Encode('{"__proto__":{}}'))).toThrow(/forbidden key/u);
    expect(() => readCardFile(Uint8Array.from([0xff]))).toThrow(/not UTF-8/u);
  });

  it('refuses a card whose confusable name or key id collides with a known delegation', () => {
    const lookalike = makeDelegation('Міnistry оf Foreign Аffairs of Estonia', 'EE', 'partner', 'card-lookalike'); // Cyrillic і, о, А
    expect(nameSkeleton(lookalike.state.inception.name)).toBe(nameSkeleton('Ministry of Foreign Affairs of Estonia'));
    expect(() => { checkCardCollisions(verifyCard(lookalike.card()), [ee.peer()]); }).toThrow(/confused/u);
    const same = verifyCard(ee.card());
    expect(() => { checkCardCollisions(same, [ee.peer()]); }).not.toThrow();
    const fake = { ...ua.peer(), delegationId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa', name: 'Somebody else', keyId: same.peer.keyId };
    expect(() => { checkCardCollisions(same, [fake]); }).toThrow(/key id/u);
  });

  it('signs the canonical card without the signature (an independent recomputation)', () => {
    const card: Card = ua.card();
    const { selfSignature: _, ...body } = card;
    expect(canonicalBytes(body).length).toBeGreaterThan(100);
  });
});
