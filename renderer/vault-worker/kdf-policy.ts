/**
 * How the worker chooses Argon2id cost for a new passphrase wrap (create, passphrase change, recovery).
 *
 * Production always calibrates to about 0.5 s on this machine (DESIGN.md §6; shared/crypto `calibrate`
 * never goes below 64 MiB and 3 passes). Tests may use the floor itself to save the 1–2 s a calibration
 * costs; that choice reaches the worker only through worker-options.ts, never through the protocol, and
 * is refused in production builds. Unlocking is not affected either way: it uses the parameters stored
 * with the wrap.
 */
import { calibrate, KDF_FLOOR, type KdfCost } from '@shared/crypto';

export const CALIBRATION_TARGET_MS = 500;

export interface KdfPolicy {
  readonly mode: 'calibrate' | 'floor';
  chooseCost(): Promise<KdfCost>;
}

export function calibratingPolicy(targetMs: number = CALIBRATION_TARGET_MS): KdfPolicy {
  return {
    mode: 'calibrate',
    chooseCost: async () => (await calibrate({ targetMs })).cost,
  };
}

export const floorPolicy: KdfPolicy = {
  mode: 'floor',
  chooseCost: () => Promise.resolve({ ...KDF_FLOOR }),
};
