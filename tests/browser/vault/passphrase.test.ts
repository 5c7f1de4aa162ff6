/**
 * Wrong passphrases (DESIGN.md §6): a clear error, a growing delay that survives a new worker, sealed data
 * untouched, and the count copied into the audit log at the next unlock. Passphrase change: the old one
 * stops working, the new one works.
 */
import { describe, expect, it } from 'vitest';
import { failureDelayMs, MAX_DELAY_MS, retryAtMs } from '../../../renderer/vault-worker/failure-delay';
import { createVault, expectVaultError, lockAndClose, OTHER_PASSPHRASE, PASSPHRASE, useTestVault } from './helpers';
import { snapshotVault } from './raw-idb';

const vault = useTestVault('passphrase');

function sleepUntil(iso: string | undefined): Promise<void> {
  const ms = Math.max(0, Date.parse(iso ?? '') - Date.now()) + 50;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('failure delay schedule', () => {
  it('is free for 2 failures, then 2^(n-2) s, capped at 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 11, 12, 1000].map(failureDelayMs)).toEqual([0, 0, 0, 2000, 4000, 8000, 256_000, MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
  });

  it('counts from the last failure, but never waits longer than one delay from now (clock moved back)', () => {
    const now = Date.parse('2025-01-01T12:00:00.000Z');
    expect(retryAtMs({ count: 0, lastFailureAt: null }, now)).toBeNull();
    expect(retryAtMs({ count: 3, lastFailureAt: '2025-01-01T11:59:59.000Z' }, now)).toBe(now + 1000);
    expect(retryAtMs({ count: 3, lastFailureAt: '2025-01-02T00:00:00.000Z' }, now)).toBe(now + 2000);
    expect(retryAtMs({ count: 3, lastFailureAt: 'garbage' }, now)).toBe(now + 2000);
  });
});

describe('wrong passphrase', () => {
  it('answers wrong-passphrase with a growing retryAt, refuses early attempts, and keeps the counter across workers', async () => {
    const { client: creator } = await createVault(vault);
    await lockAndClose(creator);
    const before = await snapshotVault(vault.dbName, { except: ['meta'] });

    const client = vault.client();
    // The failure is recorded between sending the attempt and its answer (Argon2id runs in between, for
    // however long it takes on this machine), so retryAt lies in [sent + delay, answered + delay].
    const expectRetryAfter = async (passphrase: string, count: number, delayMs: number) => {
      const sent = Date.now();
      const error = await expectVaultError(client.request({ cmd: 'unlock', passphrase }), 'wrong-passphrase');
      const answered = Date.now();
      expect(error.details).toEqual({ count });
      const retryAt = Date.parse(error.retryAt ?? '');
      expect(retryAt).toBeGreaterThanOrEqual(sent + delayMs);
      expect(retryAt).toBeLessThanOrEqual(answered + delayMs);
    };
    await expectRetryAfter('wrong passphrase 1', 1, 0);
    await expectRetryAfter('wrong passphrase 2', 2, 0);
    await expectRetryAfter('wrong passphrase 3', 3, 2000);

    // Too early: refused before Argon2id, even with the right passphrase, and not counted.
    const early = await expectVaultError(client.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'retry-later');
    const state = await client.request({ cmd: 'state' });
    expect(state.failures.count).toBe(3);
    expect(early.retryAt).toBe(state.failures.retryAt);
    client.terminate();

    // A new worker (a reload) sees the same counter and the same wait.
    const reloaded = vault.client();
    expect((await reloaded.request({ cmd: 'state' })).failures).toEqual(state.failures);
    await sleepUntil(state.failures.retryAt ?? undefined);
    const sent = Date.now();
    const fourth = await expectVaultError(reloaded.request({ cmd: 'unlock', passphrase: 'wrong passphrase 4' }), 'wrong-passphrase');
    const answered = Date.now();
    expect(fourth.details).toEqual({ count: 4 });
    expect(Date.parse(fourth.retryAt ?? '')).toBeGreaterThanOrEqual(sent + 4000);
    expect(Date.parse(fourth.retryAt ?? '')).toBeLessThanOrEqual(answered + 4000);

    // Sealed data and the keyring were never touched; only the counter row changed.
    expect(await snapshotVault(vault.dbName, { except: ['meta'] })).toEqual(before);
  });

  it('copies the count into the audit log at the next unlock and resets it', async () => {
    const { client: creator } = await createVault(vault);
    await lockAndClose(creator);
    const client = vault.client();
    await expectVaultError(client.request({ cmd: 'unlock', passphrase: 'not the passphrase' }), 'wrong-passphrase');
    await expectVaultError(client.request({ cmd: 'unlock', passphrase: 'Correct Horse Battery Staple' }), 'wrong-passphrase');
    const { failures } = await client.request({ cmd: 'state' });
    expect(failures.count).toBe(2);

    await client.request({ cmd: 'unlock', passphrase: PASSPHRASE });
    expect((await client.request({ cmd: 'state' })).failures).toEqual({ count: 0, retryAt: null });
    const { entries, chainIntact } = await client.request({ cmd: 'audit-list' });
    expect(chainIntact).toBe(true);
    const tail = entries.slice(-2);
    expect(tail.map((entry) => entry.action)).toEqual(['unlock-failed', 'unlock']);
    expect(tail[0]?.details['count']).toBe(2);
    expect(typeof tail[0]?.details['lastFailureAt']).toBe('string');
  });
});

describe('change-passphrase', () => {
  it('re-wraps the master key: the old passphrase stops working, the new one works, records survive', async () => {
    const { client } = await createVault(vault);
    const { records: written } = await client.request({ cmd: 'records-write', edits: [{ kind: 'note', tlp: 'AMBER', ops: [{ field: 'text', value: 'kept across the change' }] }] });

    const tooShort = await expectVaultError(client.request({ cmd: 'change-passphrase', current: PASSPHRASE, next: 'short' }), 'passphrase-too-short');
    expect(tooShort.details).toEqual({ length: 5, minLength: 12 });
    await expectVaultError(client.request({ cmd: 'change-passphrase', current: 'not the passphrase', next: OTHER_PASSPHRASE }), 'wrong-passphrase');
    expect(await client.request({ cmd: 'change-passphrase', current: PASSPHRASE, next: OTHER_PASSPHRASE })).toEqual({ changed: true });
    await lockAndClose(client);

    const again = vault.client();
    await expectVaultError(again.request({ cmd: 'unlock', passphrase: PASSPHRASE }), 'wrong-passphrase');
    // NFC: the same passphrase typed with a decomposed "й" (и + U+0306) opens it too.
    await again.request({ cmd: 'unlock', passphrase: OTHER_PASSPHRASE.normalize('NFD') });
    const { records } = await again.request({ cmd: 'records-list' });
    expect(records).toEqual(written);
    expect(records.map(({ kind, tlp, values }) => ({ kind, tlp, values }))).toEqual([{ kind: 'note', tlp: 'AMBER', values: { text: 'kept across the change' } }]);
    const actions = (await again.request({ cmd: 'audit-list' })).entries.map((entry) => entry.action);
    expect(actions).toEqual(['vault-created', 'unlock-failed', 'passphrase-changed', 'locked', 'unlock-failed', 'unlock']);
  });
});
