/**
 * Golden files freeze the formats: the JSON in tests/fixtures/crypto was generated once (generate.ts) and
 * cross-checked with independent tools (Python hashlib BLAKE2b + `cryptography` Ed25519/X25519, the argon2
 * reference CLI). These tests recompute every value and compare, and check that the stored artefacts still
 * open: a failure here means existing vaults or peers would break.
 */
import { describe, expect, it } from 'vitest';
import {
  deriveRowKey,
  fromHex,
  openRow,
  recoveryKeyFromWords,
  RecoverySheetSchema,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  utf8Decode,
  verifyKeyEventLog,
} from '@shared/crypto';
import { computeFingerprintVector, computeVaultVector } from '../../fixtures/crypto/golden-inputs';
import { loadFixture } from './helpers';

const fingerprintGolden = loadFixture('fingerprint.json') as ReturnType<typeof computeFingerprintVector>;
const vaultGolden = loadFixture('vault.json') as Awaited<ReturnType<typeof computeVaultVector>>;

describe('golden vectors', () => {
  it('identity: delegation id, canonical inception, signature, fingerprint and log are unchanged', () => {
    const recomputed = computeFingerprintVector();
    expect(recomputed).toEqual(fingerprintGolden);
    const state = verifyKeyEventLog(fingerprintGolden.expected.log, { expectedDelegationId: fingerprintGolden.expected.delegationId });
    expect(state.delegationId).toBe('tnxmtt3gefz5ti6qkwtlmevrfa');
    expect(state.devices).toHaveLength(2);
    expect(state.revoked).not.toBeNull();
  });

  it('vault: wraps, sealed row and recovery sheet are unchanged (real Argon2id at the floor)', async () => {
    expect(await computeVaultVector()).toEqual(vaultGolden);
  });

  it('vault: the stored artefacts still open', async () => {
    const { input, expected } = vaultGolden;
    const master = fromHex(input.masterKeyHex);
    expect(await unwrapWithPassphrase(expected.passphraseWrap, input.passphrase)).toEqual(master);
    expect(unwrapWithRecoveryKey(expected.recoveryWrap, recoveryKeyFromWords(expected.recoveryWords))).toEqual(master);
    const payload = openRow(deriveRowKey(master), input.row, { nonce: fromHex(expected.sealedRow.nonceHex), box: fromHex(expected.sealedRow.boxHex) });
    expect(utf8Decode(payload)).toBe(input.rowPayload);
    expect(RecoverySheetSchema.parse(expected.recoverySheet)).toEqual(expected.recoverySheet);
  });
});
