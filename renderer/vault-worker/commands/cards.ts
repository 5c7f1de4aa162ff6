/**
 * Contact cards (issue #7, DESIGN.md §5): `card-export` writes this vault's own card; `card-inspect`
 * and `card-import` read another delegation's card with every check of shared/bundle card.ts, then the
 * collision rules (a key id or a confusable name of a known delegation is refused) and, for a known
 * delegation, its key event log against the stored one (assessKeyLog).
 *
 * A new delegation is stored UNVERIFIED (its change-sets stay parked, its bundles are refused) with the
 * name and role its card proposes until the verification ceremony assigns them. Key events from a card
 * take effect when the card is imported: a known delegation's longer log (new device, revocation)
 * replaces the stored one, and change-sets parked for its new devices are released if it is verified.
 * The fingerprint is never returned here: the user types it as read out by the other side.
 */
import { assessKeyLog, BundleError, cardFileName, checkCardCollisions, createCard, formatCardFile, readCardFile, type VerifiedCard } from '@shared/bundle';
import { utf8Encode } from '@shared/crypto';
import type { CardPreview, ExchangeFile } from '@shared/ipc/vault-protocol';
import { emptyDelta, releaseParked } from '@shared/sync';
import { VaultFailure } from '../errors';
import { plainBytes } from '../file-digest';
import type { LoadedReplica, StoredDelegation } from '../replica-store';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler, VaultContext } from './context';
import { commitReplicaDelta, delegationFromLog } from './delegation-registry';
import { delegationView } from './delegations';
import { kindRulesFor } from './kind-rules';
import { keyStateOf, peerOf, trustList, withKeyLog } from './trust';

/**
 * `details.reason` of `card-refused`: own-card, key-id-collision, confusable-name, key-conflict, revoked,
 * or the bundle layer's code for an unreadable card (file-empty, file-too-large, card-invalid, format-newer).
 */
function refuse(reason: string, message: string, extra: Record<string, string> = {}): never {
  throw new VaultFailure('card-refused', message, { details: { reason, ...extra } });
}

function readCard(file: ExchangeFile): VerifiedCard {
  try {
    return readCardFile(file.bytes);
  } catch (error) {
    // file-empty, file-too-large, card-invalid, format-newer: the bundle layer's code is the reason.
    if (error instanceof BundleError) refuse(error.code, error.message);
    throw error;
  }
}

interface Assessment {
  readonly card: VerifiedCard;
  readonly preview: CardPreview;
  readonly existing: StoredDelegation | undefined;
  /** The stored delegation after importing the card (undefined: nothing to store). */
  readonly next: StoredDelegation | undefined;
}

/** Every check of card-inspect and card-import; stores nothing. */
function assess(loaded: LoadedReplica, file: ExchangeFile): Assessment {
  const card = readCard(file);
  const id = card.state.delegationId;
  if (id === loaded.state.localDelegation) refuse('own-card', 'This is your own contact card: give it to the other delegations, there is nothing to import.');
  // Both the proposed and the assigned name of every known delegation (the local one included) count.
  const known = [...loaded.delegations.values()].flatMap((stored) => {
    const peer = peerOf(stored);
    const proposed = keyStateOf(stored).inception.name;
    return proposed === peer.name ? [peer] : [peer, { ...peer, name: proposed }];
  });
  try {
    checkCardCollisions(card, known);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    const keyClash = known.some((peer) => peer.delegationId !== id && peer.keyIdText === card.peer.keyIdText);
    refuse(keyClash ? 'key-id-collision' : 'confusable-name', error.message, { with: String(error.details['with'] ?? '') });
  }
  const base = {
    delegationId: id,
    proposedName: card.card.name,
    country: card.card.country,
    proposedRole: card.card.proposedRole,
    devices: card.state.devices.length,
    keyEvents: card.card.keyEventLog.length,
  };
  const existing = loaded.delegations.get(id);
  if (existing === undefined) {
    if (card.peer.revoked) refuse('revoked', 'This card carries a revocation: the delegation revoked these keys, so they cannot be trusted.');
    return { card, existing, next: delegationFromLog(card.card.keyEventLog, null, undefined, card.state), preview: { ...base, status: 'new' } };
  }
  const [trusted] = trustList([existing]);
  const outcome = assessKeyLog(card.card.keyEventLog, new Map(trusted === undefined ? [] : [[id, trusted]]));
  switch (outcome.status) {
    case 'known':
    case 'older':
      return { card, existing, next: undefined, preview: { ...base, status: existing.known.verified ? 'verified' : 'unverified' } };
    case 'extends':
    case 'revocation':
      // card.state: the card's log, verified by readCardFile (its delegation id is `id`).
      return { card, existing, next: withKeyLog(existing, card.card.keyEventLog, card.state), preview: { ...base, status: 'key-update' } };
    default:
      return refuse('key-conflict', `${outcome.message} The card contradicts the key event log you hold for ${existing.name}.`);
  }
}

export const cardExport: CommandHandler<'card-export'> = async (ctx) => {
  const vault = ctx.session.current();
  // createCard verifies the log against the keys.
  const card = createCard(vault.record.keyEventLog, vault.keys);
  const bytes = plainBytes(utf8Encode(formatCardFile(card)));
  const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'card-export');
  plan.appendAudit('card-exported', { delegation: vault.record.delegationId, keyEvents: vault.record.keyEventLog.length }, ctx.now().toISOString());
  await commitForSession(ctx, vault, plan);
  return { name: cardFileName({ country: card.country, name: card.name }), bytes };
};

export const cardInspect: CommandHandler<'card-inspect'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  return { card: assess(loaded, request.file).preview };
};

/** Releases what was parked for `delegation`'s devices (a verified delegation's card added devices). */
function releaseFor(ctx: VaultContext, loaded: LoadedReplica, delegations: ReadonlyMap<string, StoredDelegation>, delegation: StoredDelegation) {
  if (!delegation.known.verified) return emptyDelta(loaded.state);
  const state = { ...loaded.state, delegations: new Map([...delegations].map(([id, stored]) => [id, stored.known])) };
  const { delta, report } = releaseParked(state, delegation.known.id, { now: ctx.now().getTime(), kindRules: kindRulesFor() });
  return report.refused === null ? delta : emptyDelta(loaded.state);
}

export const cardImport: CommandHandler<'card-import'> = async (ctx, request) => {
  const vault = ctx.session.current();
  // With the log: releasing parked change-sets needs duplicates and chain links.
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const { preview, next, existing } = assess(loaded, request.file);
  const at = ctx.now().toISOString();
  const audit = (plan: WritePlan): void => {
    plan.appendAudit('card-imported', { delegation: preview.delegationId, status: preview.status, keyEvents: preview.keyEvents }, at);
  };
  if (next === undefined) {
    // Nothing new in the card: only the audit entry is written.
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'card-import');
    audit(plan);
    await commitForSession(ctx, vault, plan);
    return { card: preview, delegation: delegationView(existing as StoredDelegation, false) };
  }
  const delegations = new Map(loaded.delegations);
  delegations.set(next.known.id, next);
  const delta = existing === undefined ? emptyDelta(loaded.state) : releaseFor(ctx, loaded, delegations, next);
  await commitReplicaDelta(ctx, loaded, delta, delegations, 'card-import', audit);
  return { card: preview, delegation: delegationView(next, false) };
};
