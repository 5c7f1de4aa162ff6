import { describe, expect, it } from 'vitest';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import {
  CryptoError,
  fromBase64,
  KDF_FLOOR,
  kdfParamsDigest,
  newMasterKey,
  newRecoveryKey,
  PassphraseWrapSchema,
  recoveryKeyFromWords,
  toBase64,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  wrapWithPassphrase,
  wrapWithRecoveryKey,
  type PassphraseWrap,
} from '@shared/crypto';
import { fakeArgon2id, flipBit, seededRandom } from './helpers';

const PASSPHRASE = 'Тарас і café — 2023 Tallinn';

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string): Promise<CryptoError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).code).toBe(code);
    return error as CryptoError;
  }
  throw new Error(`expected a ${code} error`);
}

describe('passphrase wrap', () => {
  const kdf = fakeArgon2id();

  it('wraps and unwraps the same master key; the record parses and carries the parameters', async () => {
    const master = newMasterKey(seededRandom('master'));
    const wrap = await wrapWithPassphrase(master, PASSPHRASE, KDF_FLOOR, { kdf, random: seededRandom('wrap') });
    expect(PassphraseWrapSchema.parse(JSON.parse(JSON.stringify(wrap)))).toEqual(wrap);
    expect(wrap.kdf).toMatchObject({ algorithm: 'argon2id', version: 19, memoryKiB: 65_536, iterations: 3, parallelism: 1 });
    expect(await unwrapWithPassphrase(JSON.parse(JSON.stringify(wrap)), PASSPHRASE, { kdf })).toEqual(master);
  });

  it('uses a fresh salt and nonce on every wrap (a passphrase change re-wraps the same master key)', async () => {
    const master = newMasterKey();
    const a = await wrapWithPassphrase(master, PASSPHRASE, KDF_FLOOR, { kdf });
    const b = await wrapWithPassphrase(master, 'a brand new passphrase', KDF_FLOOR, { kdf });
    expect(a.kdf.saltB64).not.toBe(b.kdf.saltB64);
    expect(a.nonceB64).not.toBe(b.nonceB64);
    expect(await unwrapWithPassphrase(b, 'a brand new passphrase', { kdf })).toEqual(master);
    expect(await unwrapWithPassphrase(a, PASSPHRASE, { kdf })).toEqual(master); // the old wrap still opens until removed
  });

  it('unlocks with the passphrase typed composed or decomposed (real Argon2id at the floor)', async () => {
    const master = newMasterKey();
    const composed = 'R\u00e9sum\u00e9 of the d\u00e9l\u00e9gation';
    const decomposed = 'Re\u0301sume\u0301 of the de\u0301le\u0301gation';
    expect(composed).not.toBe(decomposed);
    const wrap = await wrapWithPassphrase(master, composed, KDF_FLOOR);
    expect(await unwrapWithPassphrase(wrap, decomposed)).toEqual(master);
  });

  it('refuses a short passphrase at wrap time', async () => {
    const error = await expectCode(wrapWithPassphrase(newMasterKey(), 'e\u0301'.repeat(11), KDF_FLOOR, { kdf }), 'passphrase-too-short');
    expect(error.details).toMatchObject({ length: 11, minLength: 12 });
  });

  it('says "wrong passphrase" for a wrong passphrase', async () => {
    const wrap = await wrapWithPassphrase(newMasterKey(), PASSPHRASE, KDF_FLOOR, { kdf });
    const error = await expectCode(unwrapWithPassphrase(wrap, `${PASSPHRASE}!`, { kdf }), 'wrong-passphrase');
    expect(error.message).toMatch(/^Wrong passphrase/u);
  });

  describe('tampered parameters', () => {
    let wrap: PassphraseWrap;
    const master = newMasterKey();
    const prepare = async (): Promise<PassphraseWrap> => (wrap = await wrapWithPassphrase(master, PASSPHRASE, KDF_FLOOR, { kdf }));

    it('in-bounds edits are reported as altered parameters, before any KDF runs', async () => {
      await prepare();
      for (const change of [{ iterations: 4 }, { memoryKiB: 131_072 }, { parallelism: 2 }, { saltB64: toBase64(new Uint8Array(16)) }]) {
        const before = kdf.calls;
        const error = await expectCode(unwrapWithPassphrase({ ...wrap, kdf: { ...wrap.kdf, ...change } }, PASSPHRASE, { kdf }), 'kdf-params-altered');
        expect(error.message).toMatch(/altered/u);
        expect(kdf.calls).toBe(before);
      }
    });

    it('out-of-bounds edits name the field, before any KDF runs', async () => {
      await prepare();
      const before = kdf.calls;
      const error = await expectCode(unwrapWithPassphrase({ ...wrap, kdf: { ...wrap.kdf, memoryKiB: 32 } }, PASSPHRASE, { kdf }), 'kdf-params-invalid');
      expect(error.details['field']).toBe('memoryKiB');
      expect(kdf.calls).toBe(before);
    });

    it('an edit that also recomputes the public check value still never opens the vault (honest limit: reads as wrong passphrase)', async () => {
      await prepare();
      const kdfParams = { ...wrap.kdf, iterations: 4 };
      const forged = { ...wrap, kdf: kdfParams, kdfDigestB64: toBase64(kdfParamsDigest(kdfParams)) };
      const error = await expectCode(unwrapWithPassphrase(forged, PASSPHRASE, { kdf }), 'wrong-passphrase');
      expect(error.message).toMatch(/altered/u);
    });

    it('a box re-bound to other parameters (key unchanged) is caught by the sealed binding', async () => {
      // Simulates a KDF that ignores one parameter: the box opens, but its sealed binding names the old parameters.
      const ignoresIterations = fakeArgon2id();
      const lax: typeof kdf = Object.assign((input: Parameters<typeof kdf>[0]) => ignoresIterations({ ...input, iterations: 3 }), { calls: 0 });
      const original = await wrapWithPassphrase(master, PASSPHRASE, KDF_FLOOR, { kdf: lax });
      const kdfParams = { ...original.kdf, iterations: 5 };
      const forged = { ...original, kdf: kdfParams, kdfDigestB64: toBase64(kdfParamsDigest(kdfParams)) };
      await expectCode(unwrapWithPassphrase(forged, PASSPHRASE, { kdf: lax }), 'kdf-params-altered');
    });

    it('a malformed record names the field', async () => {
      await prepare();
      const error = await expectCode(unwrapWithPassphrase({ ...wrap, boxB64: toBase64(new Uint8Array(10)) }, PASSPHRASE, { kdf }), 'wrap-invalid');
      expect(error.details['field']).toBe('boxB64');
      await expectCode(unwrapWithPassphrase({ ...wrap, kind: 'recovery' }, PASSPHRASE, { kdf }), 'wrap-invalid');
      await expectCode(unwrapWithPassphrase('nonsense', PASSPHRASE, { kdf }), 'wrap-invalid');
    });

    it('a flipped ciphertext bit reads as a failure to open, never as success', async () => {
      await prepare();
      const box = flipBit(fromBase64(wrap.boxB64), 77);
      await expectCode(unwrapWithPassphrase({ ...wrap, boxB64: toBase64(box) }, PASSPHRASE, { kdf }), 'wrong-passphrase');
    });
  });
});

describe('recovery key', () => {
  it('is 32 random bytes shown as 24 BIP39 words and read back tolerantly', () => {
    const { key, words } = newRecoveryKey(seededRandom('recovery'));
    expect(key).toHaveLength(32);
    expect(words).toHaveLength(24);
    expect(words.join(' ')).toBe(entropyToMnemonic(key, wordlist));
    expect(recoveryKeyFromWords(words)).toEqual(key);
    const sloppy = `  ${words.map((w, i) => `${i + 1}. ${i % 2 === 0 ? w.toUpperCase() : w}`).join('\n\t')}\u00a0 `;
    expect(recoveryKeyFromWords(sloppy)).toEqual(key);
    // NFKD folds compatibility forms, e.g. full-width letters a scanner or IME may produce.
    const fullWidth = words.map((w, i) => (i === 0 ? Array.from(w, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)).join('') : w));
    expect(recoveryKeyFromWords(fullWidth)).toEqual(key);
  });

  it('names the wrong count, the unknown word and its position, or a checksum failure', async () => {
    const { words } = newRecoveryKey(seededRandom('recovery'));
    const count = await expectCode(() => recoveryKeyFromWords(words.slice(0, 23)), 'mnemonic-word-count');
    expect(count.details).toMatchObject({ count: 23, expected: 24 });
    await expectCode(() => recoveryKeyFromWords([...words, 'abandon']), 'mnemonic-word-count');

    const typo = [...words];
    typo[4] = 'tallinn';
    const unknown = await expectCode(() => recoveryKeyFromWords(typo), 'mnemonic-unknown-word');
    expect(unknown.details).toMatchObject({ positions: [5], words: ['tallinn'] });
    expect(unknown.message).toContain('5 ("tallinn")');

    const swapped = [...words];
    [swapped[0], swapped[1]] = [swapped[1] ?? '', swapped[0] ?? ''];
    if (swapped[0] !== swapped[1]) await expectCode(() => recoveryKeyFromWords(swapped), 'mnemonic-checksum');
    const wrongWord = [...words];
    wrongWord[23] = wordlist[(wordlist.indexOf(words[23] ?? '') + 1) % 2048] ?? '';
    await expectCode(() => recoveryKeyFromWords(wrongWord), 'mnemonic-checksum');
  });

  it('wraps and unwraps the master key; an old sheet is told apart from a typo', async () => {
    const master = newMasterKey();
    const current = newRecoveryKey();
    const wrap = wrapWithRecoveryKey(master, current.key);
    expect(unwrapWithRecoveryKey(JSON.parse(JSON.stringify(wrap)), recoveryKeyFromWords(current.words))).toEqual(master);

    const old = newRecoveryKey();
    const error = await expectCode(() => unwrapWithRecoveryKey(wrap, old.key), 'recovery-key-mismatch');
    expect(error.message).toMatch(/another recovery sheet/u);

    const damaged = { ...wrap, boxB64: toBase64(flipBit(fromBase64(wrap.boxB64), 3)) };
    await expectCode(() => unwrapWithRecoveryKey(damaged, current.key), 'wrap-corrupted');
    await expectCode(() => unwrapWithRecoveryKey({ ...wrap, extra: 1 }, current.key), 'wrap-invalid');
  });

  it('a passphrase box and a recovery box are not interchangeable', async () => {
    const master = newMasterKey();
    const recovery = newRecoveryKey();
    const kdf = fakeArgon2id();
    const passphraseWrap = await wrapWithPassphrase(master, PASSPHRASE, KDF_FLOOR, { kdf });
    const recoveryWrap = wrapWithRecoveryKey(master, recovery.key);
    const crossed = { ...recoveryWrap, nonceB64: passphraseWrap.nonceB64, boxB64: passphraseWrap.boxB64 };
    await expectCode(() => unwrapWithRecoveryKey(crossed, recovery.key), 'wrap-corrupted');
  });
});
