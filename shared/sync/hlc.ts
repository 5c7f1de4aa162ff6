/**
 * Hybrid logical clocks (Kulkarni, Demirbas et al., "Logical Physical Clocks", 2014).
 *
 * A timestamp is (wall, counter, node): `wall` is milliseconds since the epoch, never behind the
 * physical clock by more than the drift the replica has accepted; `counter` orders events within one
 * millisecond; `node` is the device id, which makes every timestamp unique. HLC orders *concurrent*
 * heads for display only; causality in merge comes from `base`, never from clocks (DESIGN.md §4).
 *
 * Text form (what is stored in change-set content): `WWWWWWWWWWWWWWW.CCCCC.NODE` — wall as 15 decimal
 * digits, counter as 5, then the 26-character device id. Fixed widths make the string order equal the
 * timestamp order, so comparing two HLCs is comparing two strings.
 *
 * Rules:
 * - send (a local transaction): wall' = max(wall, now); counter' = counter + 1 if wall' = wall, else 0.
 * - receive (an imported timestamp m): wall' = max(wall, m.wall, now); counter' follows the paper.
 * - A remote timestamp more than `maxDriftMs` ahead of our physical clock is refused by `checkDrift`
 *   (naming the skew) *before* any merge; `receive` itself never throws, so merge cannot fail halfway.
 * - The local clock is advanced by imports only after the import has committed: callers compute the
 *   next clock with `receive` and keep it until the transaction succeeds.
 */
import { z } from 'zod';

export const HLC_MAX_COUNTER = 99_999;
/** 15 digits of milliseconds reach the year 33658. */
const HLC_MAX_WALL = 999_999_999_999_999;
/** Default drift bound: an air-gapped workstation's clock set by hand may be minutes off, not hours. */
export const DEFAULT_MAX_DRIFT_MS = 60 * 60 * 1000;

export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

export const HLC_PATTERN = /^([0-9]{15})\.([0-9]{5})\.([a-z2-7]{26})$/u;
export const HlcTextSchema = z.string().regex(HLC_PATTERN, { error: 'hlc must be WWWWWWWWWWWWWWW.CCCCC.<device id>' });

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.wall).padStart(15, '0')}.${String(hlc.counter).padStart(5, '0')}.${hlc.node}`;
}

export function parseHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (match === null) return null;
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] as string };
}

/** Total order: wall, then counter, then node (string order of the text form). */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall - b.wall;
  if (a.counter !== b.counter) return a.counter - b.counter;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

export function zeroHlc(node: string): Hlc {
  return { wall: 0, counter: 0, node };
}

function clampWall(ms: number): number {
  return Math.min(Math.max(0, Math.floor(ms)), HLC_MAX_WALL);
}

/**
 * The timestamp of a local event. When the counter would overflow within one millisecond the wall moves
 * on by one millisecond instead (still monotonic, still unique).
 */
export function tick(local: Hlc, nowMs: number): Hlc {
  const now = clampWall(nowMs);
  if (now > local.wall) return { wall: now, counter: 0, node: local.node };
  if (local.counter < HLC_MAX_COUNTER) return { wall: local.wall, counter: local.counter + 1, node: local.node };
  return { wall: local.wall + 1, counter: 0, node: local.node };
}

/** The local clock after seeing a remote timestamp (never throws; drift is checked separately). */
export function receive(local: Hlc, remote: Hlc, nowMs: number): Hlc {
  const now = clampWall(nowMs);
  const wall = Math.max(local.wall, remote.wall, now);
  let counter: number;
  if (wall === local.wall && wall === remote.wall) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wall === local.wall) counter = local.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  if (counter > HLC_MAX_COUNTER) return { wall: wall + 1, counter: 0, node: local.node };
  return { wall, counter, node: local.node };
}

export type DriftCheck = { readonly ok: true } | { readonly ok: false; readonly skewMs: number; readonly maxDriftMs: number };

/** A remote timestamp further ahead of our physical clock than the bound is refused; the skew is named. */
export function checkDrift(remote: Hlc, nowMs: number, maxDriftMs: number = DEFAULT_MAX_DRIFT_MS): DriftCheck {
  const skewMs = remote.wall - nowMs;
  return skewMs > maxDriftMs ? { ok: false, skewMs, maxDriftMs } : { ok: true };
}
