import { describe, expect, it } from 'vitest';
import {
  buildRecoverySheet,
  createInception,
  createRevocation,
  fingerprintDigits,
  generateDelegationKeys,
  newDeviceId,
  newRecoveryKey,
  nextRotationKeyFromWords,
  recoveryKeyFromWords,
  RecoverySheetSchema,
  revocationCertificateFromBase64,
  verifyKeyEventLog,
} from '@shared/crypto';
import { seededRandom } from './helpers';

describe('recovery sheet', () => {
  it('carries everything needed to recover and to revoke, and each part reads back', () => {
    const random = seededRandom('sheet');
    const keys = generateDelegationKeys(random);
    const { signed, delegationId } = createInception(
      { name: 'Secretariat', country: 'EE', proposedRole: 'secretariat', device: { id: newDeviceId(random) }, created: '2024-01-01T00:00:00Z' },
      keys,
    );
    const state = verifyKeyEventLog([signed]);
    const recovery = newRecoveryKey(random);
    const certificate = createRevocation(state, keys.next, '2024-01-01T00:00:00Z');
    const digits = fingerprintDigits({ delegationId, signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey });
    const sheet = buildRecoverySheet({
      delegationName: 'Secretariat',
      delegationId,
      fingerprintDigits: digits,
      recoveryKey: recovery.key,
      nextKeySeed: keys.next.seed,
      revocationCertificate: certificate,
      created: '2024-01-01T00:00:00Z',
    });

    expect(RecoverySheetSchema.parse(JSON.parse(JSON.stringify(sheet)))).toEqual(sheet);
    expect(sheet.fingerprint.join('')).toBe(digits);
    expect(recoveryKeyFromWords(sheet.recoveryWords)).toEqual(recovery.key);
    const next = nextRotationKeyFromWords(sheet.nextRotationKeyWords.join(' '));
    expect(next.publicKey).toEqual(keys.next.publicKey);
    const decoded = revocationCertificateFromBase64(sheet.revocationCertificateB64);
    expect(decoded).toEqual(certificate);
    expect(verifyKeyEventLog([signed, decoded]).revoked).not.toBeNull();
    // The sheet's next key can mint a fresh certificate too (e.g. after the printed one is lost).
    expect(verifyKeyEventLog([signed, createRevocation(state, next)]).revoked).not.toBeNull();
  });

  it('refuses a damaged certificate', () => {
    expect(() => revocationCertificateFromBase64('not base64!')).toThrow(/revocation certificate/u);
    expect(() => revocationCertificateFromBase64(btoa('{"event":{},"signature":""}'))).toThrow(/signed revocation/u);
  });
});
