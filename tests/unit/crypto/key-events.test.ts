import { describe, expect, it } from 'vitest';
import {
  canonicalBytes,
  createDeviceRegistration,
  createInception,
  createRevocation,
  CryptoError,
  delegationIdFromInception,
  DOMAINS,
  domainHash,
  domainSign,
  generateDelegationKeys,
  keyEventHash,
  newDeviceId,
  nextKeyDigest,
  signKeyEvent,
  toBase32,
  toBase64,
  verifyKeyEventLog,
  type DelegationKeys,
  type KeyState,
  type SignedKeyEvent,
} from '@shared/crypto';
import { seededRandom } from './helpers';

const created = '2024-05-01T08:00:00.000Z';

function setup(label = 'kel'): { keys: DelegationKeys; log: SignedKeyEvent[]; delegationId: string; state: KeyState } {
  const random = seededRandom(label);
  const keys = generateDelegationKeys(random);
  const { signed, delegationId } = createInception(
    { name: 'Ministère de l’Europe et des Affaires étrangères', country: 'FR', proposedRole: 'partner', device: { id: newDeviceId(random), label: 'Poste 1' }, created },
    keys,
  );
  return { keys, log: [signed], delegationId, state: verifyKeyEventLog([signed]) };
}

function failure(log: readonly unknown[], options?: { expectedDelegationId?: string }): CryptoError {
  try {
    verifyKeyEventLog(log, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error('expected the log to be refused');
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('inception', () => {
  it('verifies and establishes the keys, device and delegation id', () => {
    const { keys, log, delegationId, state } = setup();
    expect(state.delegationId).toBe(delegationId);
    expect(state.signingKey).toEqual(keys.signing.publicKey);
    expect(state.encryptionKey).toEqual(keys.encryption.publicKey);
    expect(state.nextKeyDigest).toEqual(nextKeyDigest(keys.next.publicKey));
    expect(state.devices).toHaveLength(1);
    expect(state.revoked).toBeNull();
    expect(state.seq).toBe(0);
    expect(state.head).toBe(toBase64(keyEventHash(log[0]?.event)));
    // The next key itself is not published, only its digest.
    expect(JSON.stringify(log)).not.toContain(toBase64(keys.next.publicKey));
  });

  it('derives the delegation id exactly as DESIGN.md §5 says', () => {
    const { log, delegationId } = setup();
    const digest = domainHash(DOMAINS.delegationId, canonicalBytes(log[0]?.event));
    expect(delegationId).toBe(toBase32(digest.subarray(0, 16)));
    expect(delegationId).toMatch(/^[a-z2-7]{26}$/u);
    // Key order in the stored JSON does not matter: the id is over the canonical form.
    const event = log[0]?.event as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    expect(delegationIdFromInception(reordered)).toBe(delegationId);
    expect(verifyKeyEventLog([{ event: reordered, signature: log[0]?.signature }]).delegationId).toBe(delegationId);
  });

  it('refuses a tampered event, a tampered signature, a wrong expected id and a malformed event', () => {
    const { log, delegationId } = setup();
    const renamed = clone(log);
    (renamed[0]?.event as { name: string }).name = 'Someone else';
    expect(failure(renamed).details).toMatchObject({ index: 0, reason: 'signature' });

    const badSignature = clone(log);
    const signature = Uint8Array.from(atob(badSignature[0]?.signature ?? ''), (c) => c.charCodeAt(0));
    signature[5] = (signature[5] ?? 0) ^ 1;
    (badSignature[0] as { signature: string }).signature = toBase64(signature);
    expect(failure(badSignature).details).toMatchObject({ index: 0, reason: 'signature' });

    expect(failure(log, { expectedDelegationId: 'a'.repeat(26) }).details).toMatchObject({ reason: 'delegation-id' });
    expect(verifyKeyEventLog(log, { expectedDelegationId: delegationId }).delegationId).toBe(delegationId);

    const extra = clone(log);
    (extra[0]?.event as Record<string, unknown>)['extra'] = 1;
    expect(failure(extra).details).toMatchObject({ index: 0, reason: 'schema' });
    const badCountry = clone(log);
    (badCountry[0]?.event as { country: string }).country = 'fra';
    expect(failure(badCountry).details).toMatchObject({ reason: 'schema', field: 'country' });
    expect(failure([]).details).toMatchObject({ reason: 'empty' });
    expect(failure([{ event: {}, signature: 'x' }]).details).toMatchObject({ reason: 'schema' });
  });

  it('refuses an inception signed by another key, even if internally consistent otherwise', () => {
    const { log } = setup();
    const other = generateDelegationKeys(seededRandom('other'));
    const forged = signKeyEvent(log[0]?.event as SignedKeyEvent['event'], other.signing.secretKey);
    expect(failure([forged]).details).toMatchObject({ reason: 'signature' });
  });

  it('refuses non-canonical input: unnormalised name, offset timestamp, bad role', () => {
    const keys = generateDelegationKeys(seededRandom('x'));
    const device = { id: newDeviceId(seededRandom('d')) };
    expect(() => createInception({ name: 'A', country: 'EE', proposedRole: 'partner', device, created: '2024-05-01T10:00:00+02:00' }, keys)).toThrow(/created/u);
    expect(() => createInception({ name: 'A', country: 'EE', proposedRole: 'donor' as 'partner', device, created }, keys)).toThrow(/proposedRole/u);
    // NFC is applied on creation, so a decomposed name yields the same event as a composed one.
    const a = createInception({ name: 'Eesti Vabariigi Välisministeerium', country: 'EE', proposedRole: 'partner', device, created }, keys);
    const b = createInception({ name: 'Eesti Vabariigi Va\u0308lisministeerium', country: 'EE', proposedRole: 'partner', device, created }, keys);
    expect(b.delegationId).toBe(a.delegationId);
  });
});

describe('device registration chain', () => {
  it('appends, verifies and tracks devices', () => {
    const { keys, log, state } = setup();
    const second = createDeviceRegistration(state, keys.signing, { id: newDeviceId(seededRandom('dev2')), label: 'Laptop 2' }, created);
    const afterSecond = verifyKeyEventLog([...log, second]);
    const third = createDeviceRegistration(afterSecond, keys.signing, { id: newDeviceId(seededRandom('dev3')) }, created);
    const final = verifyKeyEventLog([...log, second, third]);
    expect(final.seq).toBe(2);
    expect(final.devices.map((d) => d.seq)).toEqual([0, 1, 2]);
    expect(final.head).toBe(toBase64(keyEventHash(third.event)));
  });

  it('refuses a broken prev, a wrong seq, a foreign delegation, a bad signature, a duplicate device, reordering', () => {
    const { keys, log, state } = setup();
    const second = createDeviceRegistration(state, keys.signing, { id: newDeviceId(seededRandom('dev2')) }, created);
    const third = createDeviceRegistration(verifyKeyEventLog([...log, second]), keys.signing, { id: newDeviceId(seededRandom('dev3')) }, created);

    const badPrev = signKeyEvent({ ...second.event, prev: toBase64(new Uint8Array(32)) }, keys.signing.secretKey);
    expect(failure([...log, badPrev]).details).toMatchObject({ index: 1, reason: 'prev' });
    const badSeq = signKeyEvent({ ...second.event, seq: 2 }, keys.signing.secretKey);
    expect(failure([...log, badSeq]).details).toMatchObject({ index: 1, reason: 'sequence' });
    const foreign = signKeyEvent({ ...second.event, delegation: 'b'.repeat(26) }, keys.signing.secretKey);
    expect(failure([...log, foreign]).details).toMatchObject({ index: 1, reason: 'delegation' });
    const tampered = { ...second, event: { ...second.event, device: { id: newDeviceId(seededRandom('evil')) } } };
    expect(failure([...log, tampered]).details).toMatchObject({ index: 1, reason: 'signature' });
    const byNextKey = signKeyEvent(second.event, keys.next.secretKey);
    expect(failure([...log, byNextKey]).details).toMatchObject({ index: 1, reason: 'signature' });
    const duplicate = signKeyEvent({ ...second.event, device: log[0]?.event.type === 'inception' ? log[0].event.device : second.event.device }, keys.signing.secretKey);
    expect(failure([...log, duplicate]).details).toMatchObject({ index: 1, reason: 'duplicate-device' });
    expect(failure([...log, third, second]).details).toMatchObject({ index: 1 });
    expect(failure([...log, log[0]]).details).toMatchObject({ index: 1, reason: 'second-inception' });
    expect(failure([second, ...log]).details).toMatchObject({ index: 0, reason: 'not-inception' });
  });

  it('refuses registrations signed with anything but the current key, and rotation as not yet supported', () => {
    const { keys, log, state } = setup();
    expect(() => createDeviceRegistration(state, keys.next, { id: newDeviceId() })).toThrow(/current signing key/u);
    const rotation = { event: { v: 1, type: 'rotation', delegation: state.delegationId }, signature: toBase64(new Uint8Array(64)) };
    try {
      verifyKeyEventLog([...log, rotation]);
      throw new Error('expected refusal');
    } catch (error) {
      expect((error as CryptoError).code).toBe('key-event-unsupported');
    }
  });
});

describe('revocation (pre-rotation)', () => {
  it('is accepted when signed by the committed next key, also after later device registrations', () => {
    const { keys, log, state } = setup();
    const certificate = createRevocation(state, keys.next, created); // minted at setup, printed on the sheet
    expect(verifyKeyEventLog([...log, certificate]).revoked).toEqual(certificate.event);
    const second = createDeviceRegistration(state, keys.signing, { id: newDeviceId(seededRandom('dev2')) }, created);
    const revoked = verifyKeyEventLog([...log, second, certificate]);
    expect(revoked.revoked).not.toBeNull();
    expect(revoked.devices).toHaveLength(2);
  });

  it('is refused when signed by the current key (a thief holding the laptop cannot revoke)', () => {
    const { keys, log, state } = setup();
    const legit = createRevocation(state, keys.next, created);
    // Same event, signed by the current signing key instead of the next key.
    const byCurrent = { event: legit.event, signature: toBase64(domainSign(DOMAINS.keyEvent, canonicalBytes(legit.event), keys.signing.secretKey)) };
    expect(failure([...log, byCurrent]).details).toMatchObject({ reason: 'revocation-signed-by-current-key' });
    // Or claiming the current key is the next key.
    const claimingCurrent = signKeyEvent({ ...legit.event, nextKey: toBase64(keys.signing.publicKey) }, keys.signing.secretKey);
    expect(failure([...log, claimingCurrent]).details).toMatchObject({ reason: 'revocation-key-not-committed' });
    expect(() => createRevocation(state, keys.signing, created)).toThrow(/next rotation key/u);
  });

  it('is refused with a wrong signature, a wrong establishment, or with events after it', () => {
    const { keys, log, state } = setup();
    const legit = createRevocation(state, keys.next, created);
    const otherKeys = generateDelegationKeys(seededRandom('other'));
    const wrongSig = { event: legit.event, signature: toBase64(domainSign(DOMAINS.keyEvent, canonicalBytes(legit.event), otherKeys.next.secretKey)) };
    expect(failure([...log, wrongSig]).details).toMatchObject({ reason: 'revocation-signature' });
    const wrongEstablishment = signKeyEvent({ ...legit.event, establishment: toBase64(new Uint8Array(32)) }, keys.next.secretKey);
    expect(failure([...log, wrongEstablishment]).details).toMatchObject({ reason: 'revocation-establishment' });
    const second = createDeviceRegistration(state, keys.signing, { id: newDeviceId(seededRandom('dev2')) }, created);
    expect(failure([...log, legit, second]).details).toMatchObject({ index: 1, reason: 'after-revocation' });
    expect(() => createDeviceRegistration(verifyKeyEventLog([...log, legit]), keys.signing, { id: newDeviceId() })).toThrow(/revoked/u);
    // A revocation certificate of another delegation does not apply.
    const other = setup('other-delegation');
    expect(failure([...other.log, legit]).details).toMatchObject({ reason: 'delegation' });
  });

  it('caps the log length', () => {
    const { log } = setup();
    expect(failure(Array.from({ length: 257 }, () => log[0])).details).toMatchObject({ reason: 'too-many' });
  });
});
