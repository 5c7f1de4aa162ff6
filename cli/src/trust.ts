/** Contact cards and identities as the bundle layer's trust list. */
import { basename } from 'node:path';
import { BUNDLE_LIMITS, checkCardCollisions, escapeControl, isBundleError, readCardFile, type TrustedDelegation, type VerifiedCard } from '@shared/bundle';
import { Failure } from './errors';
import { readBounded } from './files';

export async function loadCard(path: string): Promise<VerifiedCard> {
  const bytes = await readBounded(path, 'contact card', BUNDLE_LIMITS.cardFileBytes);
  try {
    return readCardFile(bytes);
  } catch (error) {
    if (isBundleError(error)) throw new Failure(`${basename(path)}: ${error.message}`);
    throw error;
  }
}

export async function loadCards(paths: readonly string[]): Promise<VerifiedCard[]> {
  const cards: VerifiedCard[] = [];
  for (const path of paths) cards.push(await loadCard(path));
  return cards;
}

/**
 * Cards handed to the CLI by its user are what the user verified: they are trusted as verified. Two cards
 * of different delegations whose key ids or names can be confused are refused (DESIGN.md §5).
 */
export function trustFromCards(cards: readonly VerifiedCard[]): TrustedDelegation[] {
  const byId = new Map<string, TrustedDelegation>();
  cards.forEach((card, index) => {
    try {
      checkCardCollisions(card, cards.slice(0, index).map((c) => c.peer));
    } catch (error) {
      if (isBundleError(error)) throw new Failure(error.message);
      throw error;
    }
  });
  for (const card of cards) {
    const existing = byId.get(card.state.delegationId);
    // Two cards of one delegation: keep the longer (newer) log.
    if (existing === undefined || (existing.keyEventLog?.length ?? 0) < card.card.keyEventLog.length) {
      byId.set(card.state.delegationId, { state: card.state, keyEventLog: card.card.keyEventLog, verified: true });
    }
  }
  return [...byId.values()];
}

/** "UA Державна служба… (delegation abc…)" with control characters escaped. */
export function describePeer(peer: { readonly country: string; readonly name: string; readonly delegationId: string }): string {
  return `${peer.country} ${escapeControl(peer.name)} (delegation ${peer.delegationId})`;
}
