/**
 * The stored delegations as the bundle layer wants them: verified key states (cached per stored
 * object: a StoredDelegation is immutable and replaced whenever it changes, so verifying its log once per
 * object is enough — every import and export would otherwise check every signature of every log), the
 * trust list of the reading pipeline and Peers for the writer and the card collision rules.
 */
import { type TrustedDelegation, peerFromKeyState, type Peer } from '@shared/bundle';
import { fingerprintDigits, type KeyState, verifyKeyEventLog } from '@shared/crypto';
import type { StoredDelegation } from '../replica-store';

const keyStates = new WeakMap<StoredDelegation, KeyState>();
const fingerprints = new WeakMap<StoredDelegation, string>();

export function keyStateOf(stored: StoredDelegation): KeyState {
  let state = keyStates.get(stored);
  if (state === undefined) {
    state = verifyKeyEventLog(stored.keyEventLog, { expectedDelegationId: stored.known.id });
    keyStates.set(stored, state);
  }
  return state;
}

/**
 * `stored` with the longer key event log `log`, already verified as `state` (a card's or a bundle's,
 * extending the stored one): its devices and revocation follow the log; `state` is cached for it.
 */
export function withKeyLog(stored: StoredDelegation, log: readonly unknown[], state: KeyState): StoredDelegation {
  const next: StoredDelegation = {
    ...stored,
    keyEventLog: [...log],
    known: { ...stored.known, devices: state.devices.map(({ device }) => device.id), revoked: state.revoked !== null },
  };
  keyStates.set(next, state);
  return next;
}

/** Caches `state` as the verified key state of `stored` (built from the log `state` was verified from). */
export function seedKeyState(stored: StoredDelegation, state: KeyState): void {
  keyStates.set(stored, state);
}

/**
 * The fingerprint digits of the stored keys (cached like keyStateOf). Whether it may be shown (only once
 * verified, DESIGN.md §5) is for the caller to decide.
 */
export function fingerprintOf(stored: StoredDelegation): string {
  let digits = fingerprints.get(stored);
  if (digits === undefined) {
    const keys = keyStateOf(stored);
    digits = fingerprintDigits({ delegationId: keys.delegationId, signingKey: keys.signingKey, encryptionKey: keys.encryptionKey });
    fingerprints.set(stored, digits);
  }
  return digits;
}

/**
 * The reading pipeline's trust list: every stored delegation with its verification state. Only verified
 * ones may sign (reader.ts step 3); unverified ones are listed so that their bundles are refused as
 * `signer-unverified` ("verify its card first") rather than `signer-unknown`.
 */
export function trustList(delegations: Iterable<StoredDelegation>): TrustedDelegation[] {
  return [...delegations].map((stored) => ({ state: keyStateOf(stored), keyEventLog: stored.keyEventLog, verified: stored.known.verified, name: stored.name }));
}

/** The delegation as bundles name it, with the name the verifying user assigned. */
export function peerOf(stored: StoredDelegation): Peer {
  return { ...peerFromKeyState(keyStateOf(stored)), name: stored.name, country: stored.country };
}
