/**
 * Key event logs carried in a bundle (docs/bundle-format.md §7.3). A bundle's signer must already be
 * known before it is opened (DESIGN.md §5), so a log in a bundle never changes who may sign THIS bundle:
 *
 * - a log of a delegation we do not trust is carried along unverified (`unknown-delegation`): it becomes
 *   relevant only once that delegation's card is verified;
 * - a log of a trusted delegation is verified (`verifyKeyEventLog`, same delegation id) unless it equals
 *   (or is a prefix of) the log we verified; it must extend ours: same events up to our head, same
 *   signing key. Devices it registers after our head, signed by the current key, are accepted for this
 *   bundle's change-sets (`extends`): that is how a new workstation, or the CLI's fresh device per seal,
 *   becomes known. A revocation in it is reported (`revocation`) and takes effect from the next bundle;
 *   a log that contradicts ours is `conflict` (competing key events: the identity must be re-verified
 *   out of band), and an invalid one `invalid`. Neither adds devices.
 * - the sender's own log must not be `invalid` or `conflict`: that refuses the whole bundle.
 */
import { canonicalJson, delegationIdFromInception, isCryptoError, keyEventHash, toBase64, verifyKeyEventLog, type KeyState } from '../crypto';

export interface TrustedDelegation {
  /** The key state of the verified log. */
  readonly state: KeyState;
  /** The log `state` was verified from: identical logs in bundles are then not verified again. */
  readonly keyEventLog?: readonly unknown[];
  /** Whether the user verified its fingerprint; only verified delegations may sign bundles. */
  readonly verified: boolean;
  /** The name the verifying user assigned (shown instead of the proposed one). */
  readonly name?: string;
}

export type KeyLogStatus = 'known' | 'older' | 'extends' | 'revocation' | 'conflict' | 'invalid' | 'unknown-delegation';

export interface KeyLogOutcome {
  /** Null when not even the inception could be read. */
  readonly delegationId: string | null;
  readonly status: KeyLogStatus;
  /** Device ids accepted for this bundle (registered after our head). */
  readonly newDevices: readonly string[];
  readonly events: number;
  readonly message: string;
  /** The raw log, for the caller to keep (e.g. until an unknown delegation's card is verified). */
  readonly log: readonly unknown[];
  /** The key state `log` verified as: set for `extends` and `revocation` (the caller stores it). */
  readonly state?: KeyState;
}

/** The delegation id a log claims (from its first event), or null. Cheap: one hash, no signature. */
export function logDelegationId(log: readonly unknown[]): string | null {
  const first = log[0];
  if (typeof first !== 'object' || first === null) return null;
  const event = (first as Record<string, unknown>)['event'];
  if (typeof event !== 'object' || event === null || (event as Record<string, unknown>)['type'] !== 'inception') return null;
  try {
    return delegationIdFromInception(event);
  } catch {
    return null;
  }
}

function sameEvents(a: readonly unknown[], b: readonly unknown[], count: number): boolean {
  for (let i = 0; i < count; i += 1) {
    const x = (a[i] as { event?: unknown } | undefined)?.event;
    const y = (b[i] as { event?: unknown } | undefined)?.event;
    try {
      if (canonicalJson(x) !== canonicalJson(y)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export function assessKeyLog(log: readonly unknown[], trust: ReadonlyMap<string, TrustedDelegation>): KeyLogOutcome {
  const delegationId = logDelegationId(log);
  const base = { delegationId, log, events: log.length, newDevices: [] as string[] };
  if (delegationId === null) return { ...base, status: 'invalid', message: 'The log does not start with a readable inception.' };
  const trusted = trust.get(delegationId);
  if (trusted === undefined) return { ...base, status: 'unknown-delegation', message: 'A delegation you have not verified; its log is kept unverified.' };
  const ours = trusted.keyEventLog;
  if (ours !== undefined && log.length <= ours.length && sameEvents(log, ours, log.length)) {
    return { ...base, status: log.length === ours.length ? 'known' : 'older', message: 'Nothing new.' };
  }
  let state: KeyState;
  try {
    state = verifyKeyEventLog(log, { expectedDelegationId: delegationId });
  } catch (error) {
    const message = isCryptoError(error) ? error.message : 'The log does not verify.';
    return { ...base, status: 'invalid', message };
  }
  const mine = trusted.state;
  if (state.seq < mine.seq) {
    // Shorter than ours: it must be a prefix of our chain (same head at its length).
    const ok = ours === undefined || sameEvents(log, ours, Math.min(log.length, state.seq + 1));
    return { ...base, status: ok ? 'older' : 'conflict', message: ok ? 'An older copy of the log.' : 'The log contradicts the one you verified.' };
  }
  const atOurHead = log[mine.seq] as { event?: unknown } | undefined;
  let headHash: string | null = null;
  try {
    headHash = atOurHead === undefined ? null : toBase64(keyEventHash(atOurHead.event));
  } catch {
    headHash = null;
  }
  if (headHash !== mine.head || toBase64(state.signingKey) !== toBase64(mine.signingKey)) {
    return { ...base, status: 'conflict', message: 'The log contradicts the one you verified (competing key events): verify this delegation again out of band.' };
  }
  const known = new Set(mine.devices.map(({ device }) => device.id));
  const newDevices = state.devices.filter(({ device }) => !known.has(device.id)).map(({ device }) => device.id);
  if (state.revoked !== null && mine.revoked === null) {
    return { ...base, newDevices, state, status: 'revocation', message: 'The log ends with a revocation: it takes effect from the next bundle.' };
  }
  if (newDevices.length > 0) return { ...base, newDevices, state, status: 'extends', message: `${newDevices.length} new device(s).` };
  return { ...base, newDevices, status: 'known', message: 'Nothing new.' };
}
