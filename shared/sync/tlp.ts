/**
 * Traffic Light Protocol 2.0 (FIRST) labels, in increasing order of restriction. Every change-set header
 * carries the TLP of the record as authored, so relayers and recipients can apply the sharing rules of
 * DESIGN.md §3 without seeing the content. The rules themselves (who may receive what) live in
 * shared/domain; this module only names the levels and their order.
 */
import { z } from 'zod';

export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export const TlpSchema = z.enum(TLP_LEVELS);

/** Negative when `a` is less restrictive than `b`. */
export function compareTlp(a: Tlp, b: Tlp): number {
  return TLP_LEVELS.indexOf(a) - TLP_LEVELS.indexOf(b);
}

/** Records owned by others are relayed only at these levels (DESIGN.md §3). */
export function isRelayable(tlp: Tlp): boolean {
  return tlp === 'CLEAR' || tlp === 'GREEN';
}
