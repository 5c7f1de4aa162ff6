/**
 * The production KDF policy through the real worker: Argon2id calibrated to about 0.5 s in Chromium's
 * WebAssembly, never below 64 MiB and 3 passes, recorded with the vault and used again at unlock.
 */
import { describe, expect, it } from 'vitest';
import { lockAndClose, PASSPHRASE, PROFILE, useTestVault } from './helpers';

const vault = useTestVault('calibrate');

describe('Argon2id calibration', () => {
  it('creates with calibrated parameters at or above the floor, and unlocks with them', async () => {
    const client = vault.client('calibrate');
    let started = performance.now();
    const { profile } = await client.request({ cmd: 'create', profile: PROFILE, passphrase: PASSPHRASE });
    const createMs = Math.round(performance.now() - started);
    expect(profile.kdf.memoryKiB).toBeGreaterThanOrEqual(65_536);
    expect(profile.kdf.iterations).toBeGreaterThanOrEqual(3);
    expect(profile.kdf.parallelism).toBe(1);
    const created = (await client.request({ cmd: 'audit-list' })).entries[0];
    expect(created?.details).toMatchObject({ kdfMemoryKiB: profile.kdf.memoryKiB, kdfIterations: profile.kdf.iterations });
    await lockAndClose(client);

    const again = vault.client('calibrate');
    started = performance.now();
    expect((await again.request({ cmd: 'unlock', passphrase: PASSPHRASE })).kdf).toEqual(profile.kdf);
    const unlockMs = Math.round(performance.now() - started);
    console.log(
      `[vault perf] calibrated Argon2id: ${profile.kdf.memoryKiB / 1024} MiB × ${profile.kdf.iterations} passes; create ${createMs} ms (calibration + wrap), unlock ${unlockMs} ms`,
    );
  }, 60_000);
});
