/**
 * The recovery sheet: unlocking with the 24 words and setting a new passphrase, clear errors for typed
 * mistakes, and a renewed sheet that makes the old words useless.
 */
import { describe, expect, it } from 'vitest';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { createVault, expectVaultError, lockAndClose, OTHER_PASSPHRASE, PASSPHRASE, useTestVault } from './helpers';
import { snapshotVault } from './raw-idb';

const vault = useTestVault('recovery');
const NEW_PASSPHRASE = 'a brand new passphrase after recovery';

/** The same words with the last word's checksum bits changed: every word valid, checksum certainly wrong. */
function withBadChecksum(words: readonly string[]): string[] {
  const last = wordlist.indexOf(words[23] ?? '');
  const changed = (last & 0x700) | ((last + 1) & 0xff);
  return [...words.slice(0, 23), wordlist[changed] ?? ''];
}

describe('unlock-with-recovery', () => {
  it('unlocks with the words, replaces the passphrase, and logs recovery-used', async () => {
    const { client, created } = await createVault(vault);
    const { records: written } = await client.request({ cmd: 'records-write', edits: [{ kind: 'note', tlp: 'GREEN', ops: [{ field: 'text', value: 'survives recovery' }] }] });
    await lockAndClose(client);
    const words = created.recoverySheet.recoveryWords;

    const recovering = vault.client();
    // As copied from the printed sheet: numbered, upper case, one word per line.
    const typed = words.map((word, index) => `${index + 1}. ${word.toUpperCase()}`).join('\n');
    const profile = await recovering.request({ cmd: 'unlock-with-recovery', words: typed, newPassphrase: NEW_PASSPHRASE });
    expect(profile).toEqual(created.profile);
    const { records } = await recovering.request({ cmd: 'records-list' });
    expect(records).toEqual(written);
    expect(records.map((record) => record.values)).toEqual([{ text: 'survives recovery' }]);
    const actions = (await recovering.request({ cmd: 'audit-list' })).entries.map((entry) => entry.action);
    expect(actions.slice(-1)).toEqual(['recovery-used']);
    await lockAndClose(recovering);

    const after = vault.client();
    await expectVaultError(after.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'wrong-passphrase');
    await after.request({ cmd: 'unlock', passphrase: NEW_PASSPHRASE });
  });

  it('names what is wrong with the words, and refuses a short new passphrase, without changing anything', async () => {
    const { client, created } = await createVault(vault);
    await lockAndClose(client);
    const words = created.recoverySheet.recoveryWords;
    const before = await snapshotVault(vault.dbName);
    const recovering = vault.client();

    const typo = [...words];
    const misspelt = `${words[4] ?? ''}x`;
    typo[4] = misspelt;
    const unknown = await expectVaultError(recovering.request({ cmd: 'unlock-with-recovery', words: typo.join(' '), newPassphrase: NEW_PASSPHRASE }), 'recovery-words-invalid');
    expect(unknown.details).toEqual({ positions: [5], reason: 'unknown-word' });
    // A near-miss of a secret word never leaves the worker, not even inside the English message.
    expect(`${unknown.message} ${JSON.stringify(unknown.details)}`).not.toContain(misspelt);

    const missing = await expectVaultError(
      recovering.request({ cmd: 'unlock-with-recovery', words: words.slice(0, 23).join(' '), newPassphrase: NEW_PASSPHRASE }),
      'recovery-words-invalid',
    );
    expect(missing.details).toEqual({ count: 23, expected: 24, reason: 'word-count' });

    const checksum = await expectVaultError(
      recovering.request({ cmd: 'unlock-with-recovery', words: withBadChecksum(words).join(' '), newPassphrase: NEW_PASSPHRASE }),
      'recovery-words-invalid',
    );
    expect(checksum.details).toEqual({ reason: 'checksum' });

    await expectVaultError(recovering.request({ cmd: 'unlock-with-recovery', words: words.join(' '), newPassphrase: 'short' }), 'passphrase-too-short');
    expect((await recovering.request({ cmd: 'state' })).state).toBe('locked');
    expect(await snapshotVault(vault.dbName)).toEqual(before);
    await recovering.request({ cmd: 'unlock', passphrase: PASSPHRASE });
  });
});

describe('renew-recovery-sheet', () => {
  it('needs the passphrase, returns a new sheet, and the old words then give recovery-key-mismatch', async () => {
    const { client, created } = await createVault(vault);
    await expectVaultError(client.request({ cmd: 'renew-recovery-sheet', passphrase: OTHER_PASSPHRASE }), 'wrong-passphrase');
    const { recoverySheet } = await client.request({ cmd: 'renew-recovery-sheet', passphrase: PASSPHRASE });
    expect(recoverySheet.recoveryWords).not.toEqual(created.recoverySheet.recoveryWords);
    // Same delegation, same next rotation key and revocation certificate: only the recovery key is new.
    expect(recoverySheet.delegation).toEqual(created.recoverySheet.delegation);
    expect(recoverySheet.fingerprint).toEqual(created.recoverySheet.fingerprint);
    expect(recoverySheet.nextRotationKeyWords).toEqual(created.recoverySheet.nextRotationKeyWords);
    expect(recoverySheet.revocationCertificateB64).toBe(created.recoverySheet.revocationCertificateB64);
    await lockAndClose(client);

    const recovering = vault.client();
    const mismatch = await expectVaultError(
      recovering.request({ cmd: 'unlock-with-recovery', words: created.recoverySheet.recoveryWords.join(' '), newPassphrase: NEW_PASSPHRASE }),
      'recovery-key-mismatch',
    );
    expect(mismatch.message).toMatch(/another recovery sheet/u);
    await recovering.request({ cmd: 'unlock-with-recovery', words: recoverySheet.recoveryWords.join(' '), newPassphrase: NEW_PASSPHRASE });
    const actions = (await recovering.request({ cmd: 'audit-list' })).entries.map((entry) => entry.action);
    expect(actions).toEqual(['vault-created', 'unlock-failed', 'recovery-sheet-renewed', 'locked', 'recovery-used']);
  });
});
