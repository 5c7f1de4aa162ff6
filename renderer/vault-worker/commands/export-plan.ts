/**
 * What an export sends (issue #7; DESIGN.md §3 TLP, §4 acknowledgements), decided in memory before
 * anything is signed. Shared by `export-preview` (counts only) and `export-seal`.
 *
 * Per recipient, the candidate change-sets are
 * - scope `incremental`: every logged change-set above the version vector it last acknowledged (the
 *   vectors of the bundles it sent us, exchange-store.ts; none received → everything), plus those it asked
 *   for as content missing that may now go in full;
 * - scope `everything`: the whole log (plus the same answered requests).
 * The audience rules of shared/bundle (payloadFor: TLP as authored AND as the record currently is, so a
 * raised TLP withholds older content (`tlp-raised`); RED audiences; relays only at CLEAR/GREEN) decide
 * full or header-only, and one rule of the domain on top ("drafts never leave the vault"; the chain still
 * verifies at the recipient), as headers only with reason `draft`, whatever the TLP, for ever:
 * - every change-set of a record that is currently a draft (shared/domain isShareable);
 * - every change-set that sets a need's status to draft;
 * - every change-set of a need authored (by HLC) before the first change-set that set a non-draft
 *   status (shared/domain draftTransition), i.e. written while it was a draft: submitting a need does not
 *   release its draft history (the submitting change-set re-publishes the current values instead).
 * These rules apply to answers to content-missing requests too.
 *
 * Grouping `per-recipient` makes one bundle each; `by-audience` sends the union of what the recipients
 * lack and groups recipients who may see exactly the same (splitByAudience).
 */
import { payloadFor, splitByAudience, type AudienceReason } from '@shared/bundle';
import { BUNDLE_LIMITS } from '@shared/bundle/limits';
import { draftTransition, isShareable } from '@shared/domain/sharing';
import type { ExportBundlePlan, ExportOptions, RedactionReason } from '@shared/ipc/vault-protocol';
import { type ChangeSet, changeSetsMissingFrom, changeSetsWithContent, type LoggedChangeSet, type SignedCheckpoint, signCheckpoint, type Tlp, versionVector, viewOf } from '@shared/sync';
import { VaultFailure } from '../errors';
import type { ExchangeState } from '../exchange-store';
import type { LoadedReplica, StoredDelegation } from '../replica-store';

export interface PlannedBundle {
  readonly recipients: readonly StoredDelegation[];
  readonly changeSets: readonly ChangeSet[];
  readonly plan: ExportBundlePlan;
}

/** What every bundle of one export carries besides its change-sets. */
export interface CommonParts {
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly keyEventLogs: readonly (readonly unknown[])[];
  readonly versionVector: Readonly<Record<string, number>>;
  readonly contentMissing: readonly string[];
}

function refuse(reason: string, message: string, delegation?: string): never {
  throw new VaultFailure('export-refused', message, { details: { reason, ...(delegation === undefined ? {} : { delegation }) } });
}

/** Recipients must be verified (by fingerprint), unrevoked, other delegations; demo delegations have no real keys. */
export function checkRecipients(loaded: LoadedReplica, ids: readonly string[]): StoredDelegation[] {
  if (new Set(ids).size !== ids.length) refuse('duplicate-recipient', 'A recipient is named twice.');
  return ids.map((id) => {
    const stored = loaded.delegations.get(id);
    if (stored === undefined) return refuse('unknown-recipient', `No delegation ${id} is known: import its contact card and verify it first.`, id);
    if (id === loaded.state.localDelegation) return refuse('local-recipient', 'You cannot export a bundle to your own delegation.', id);
    if (stored.known.revoked) return refuse('revoked-recipient', `${stored.name} revoked its keys: nothing may be encrypted to it.`, id);
    if (stored.verification?.method === 'demo-data') return refuse('demo-recipient', `${stored.name} is a demo delegation: nobody holds its keys.`, id);
    if (!stored.known.verified || stored.verification === null) return refuse('unverified-recipient', `${stored.name} is not verified yet: verify its fingerprint first.`, id);
    return stored;
  });
}

const REASONS: Partial<Record<AudienceReason, RedactionReason>> = {
  'content-not-held': 'content-not-held',
  'red-audience': 'red-audience',
  'not-in-audience': 'not-in-audience',
  'relay-above-green': 'relay-above-green',
  'tlp-raised': 'tlp-raised',
};

/** The record's current TLP as this replica holds it (what it was last published at). */
function currentTlp(loaded: LoadedReplica): (recordId: string) => Tlp | undefined {
  return (recordId) => loaded.state.records.get(recordId)?.tlp;
}

/**
 * Decides which change-sets were written as drafts (see the file comment). The log is scanned once for
 * the first change-set (by HLC) that released each need from draft; the current state is computed once
 * per record (viewOf is not free at 10,000 records).
 */
function draftTest(loaded: LoadedReplica): (logged: LoggedChangeSet) => boolean {
  const released = new Map<string, string>();
  for (const logged of loaded.state.log.values()) {
    const content = logged.changeSet.content;
    if (content === undefined || draftTransition(content.kind, content.ops) !== 'released') continue;
    const first = released.get(content.record);
    if (first === undefined || content.hlc < first) released.set(content.record, content.hlc);
  }
  const currentlyDraft = new Map<string, boolean>();
  const isCurrentlyDraft = (recordId: string): boolean => {
    let draft = currentlyDraft.get(recordId);
    if (draft === undefined) {
      const record = loaded.state.records.get(recordId);
      // A record not held (its change-sets held as headers only) has no content to withhold.
      draft = record !== undefined && !isShareable(record.kind, viewOf(record).values);
      currentlyDraft.set(recordId, draft);
    }
    return draft;
  };
  return (logged) => {
    const content = logged.changeSet.content;
    if (content === undefined) return false;
    const transition = draftTransition(content.kind, content.ops);
    if (transition === 'draft' || isCurrentlyDraft(content.record)) return true;
    // Kinds without drafts: draftTransition ignores their status.
    if (draftTransition(content.kind, [{ field: 'status', value: 'draft' }]) === null) return false;
    const first = released.get(content.record);
    return first === undefined || content.hlc < first;
  };
}

/** Candidates for one recipient: what it lacks (by scope), and its content requests. */
function candidatesFor(loaded: LoadedReplica, exchange: ExchangeState, recipient: string, scope: ExportOptions['scope']): { missing: LoggedChangeSet[]; requested: LoggedChangeSet[] } {
  const peer = exchange.peers.get(recipient);
  const floor = scope === 'incremental' ? (peer?.acknowledged ?? {}) : {};
  const missing = changeSetsMissingFrom(loaded.state, floor);
  const inMissing = new Set(missing.map((logged) => logged.hash));
  const requested = changeSetsWithContent(loaded.state, peer?.contentMissing ?? []).filter((logged) => !inMissing.has(logged.hash));
  return { missing, requested };
}

function bundleFor(
  loaded: LoadedReplica,
  recipients: readonly StoredDelegation[],
  missing: readonly LoggedChangeSet[],
  requested: readonly LoggedChangeSet[],
  requests: ReadonlySet<string>,
  isDraft: (logged: LoggedChangeSet) => boolean,
): PlannedBundle {
  const all = [...missing, ...requested];
  const requestedOnly = new Set(requested.map((logged) => logged.hash));
  const result = payloadFor({ sender: loaded.state.localDelegation, recipients: recipients.map((r) => r.known.id), changeSets: all, currentTlpOf: currentTlp(loaded) });
  const changeSets: ChangeSet[] = [];
  const reasons: Partial<Record<RedactionReason, number>> = {};
  const records = new Set<string>();
  let full = 0;
  let answered = 0;
  result.decisions.forEach((decision, index) => {
    const logged = all[index] as LoggedChangeSet;
    const content = logged.changeSet.content;
    let reason: RedactionReason | undefined = decision.included ? undefined : (REASONS[decision.reason] ?? 'not-in-audience');
    if (reason === undefined && isDraft(logged)) reason = 'draft';
    // A requested change-set that still may not go in full is left out: the recipient holds its header.
    if (reason !== undefined && requestedOnly.has(logged.hash)) return;
    if (reason === undefined) {
      full += 1;
      if (content !== undefined) records.add(content.record);
      if (requests.has(logged.hash)) answered += 1;
      changeSets.push(logged.changeSet);
    } else {
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      changeSets.push({ header: logged.changeSet.header });
    }
  });
  return {
    recipients,
    changeSets,
    plan: {
      recipients: recipients.map((r) => r.known.id),
      changeSets: changeSets.length,
      full,
      redacted: changeSets.length - full,
      reasons,
      records: records.size,
      contentRequestsAnswered: answered,
    },
  };
}

/** The bundles of one export (recipients already checked). */
export function planExport(loaded: LoadedReplica, exchange: ExchangeState, recipients: readonly StoredDelegation[], options: ExportOptions): PlannedBundle[] {
  const isDraft = draftTest(loaded);
  const requestsOf = (ids: readonly StoredDelegation[]): Set<string> => new Set(ids.flatMap((r) => exchange.peers.get(r.known.id)?.contentMissing ?? []));
  if (options.grouping === 'per-recipient' || recipients.length === 1) {
    return recipients.map((recipient) => {
      const { missing, requested } = candidatesFor(loaded, exchange, recipient.known.id, options.scope);
      return bundleFor(loaded, [recipient], missing, requested, requestsOf([recipient]), isDraft);
    });
  }
  // by-audience: the union of what each lacks, in log order of first appearance; duplicates are no-ops
  // for those who hold them already.
  const missing = new Map<string, LoggedChangeSet>();
  const requested = new Map<string, LoggedChangeSet>();
  for (const recipient of recipients) {
    const candidates = candidatesFor(loaded, exchange, recipient.known.id, options.scope);
    for (const logged of candidates.missing) missing.set(logged.hash, logged);
    for (const logged of candidates.requested) requested.set(logged.hash, logged);
  }
  for (const hash of missing.keys()) requested.delete(hash);
  const byId = new Map(recipients.map((r) => [r.known.id, r]));
  const groups = splitByAudience({
    sender: loaded.state.localDelegation,
    recipients: recipients.map((r) => r.known.id),
    changeSets: [...missing.values(), ...requested.values()],
    currentTlpOf: currentTlp(loaded),
  });
  return groups.map((group) => {
    const members = group.map((id) => byId.get(id) as StoredDelegation);
    return bundleFor(loaded, members, [...missing.values()], [...requested.values()], requestsOf(members), isDraft);
  });
}

/**
 * Checkpoints (a fresh one over this device's head, DESIGN.md §4 "signed at every export", and the latest
 * of every other device known, whatever its TLP, so equivocation surfaces wherever two versions meet),
 * the key event logs of verified delegations (so recipients learn new devices), our version vector and our
 * content-missing requests: the acknowledgements flow with every bundle.
 */
export function commonParts(loaded: LoadedReplica, signingSecretKey: Uint8Array): CommonParts {
  const { state } = loaded;
  const checkpoints: SignedCheckpoint[] = [];
  const local = state.chains.get(state.localDevice);
  if (local !== undefined && local.contiguous > 0) {
    const head = state.log.hashAt(state.localDevice, local.contiguous);
    if (head !== undefined) checkpoints.push(signCheckpoint({ delegation: state.localDelegation, device: state.localDevice, seq: local.contiguous, head }, signingSecretKey));
  }
  for (const chain of state.chains.values()) {
    if (checkpoints.length >= BUNDLE_LIMITS.checkpoints) break;
    if (chain.device === state.localDevice && checkpoints.length > 0) continue;
    if (chain.checkpoint !== null) checkpoints.push(chain.checkpoint);
  }
  const keyEventLogs: unknown[][] = [];
  let events = loaded.delegations.get(state.localDelegation)?.keyEventLog.length ?? 1;
  for (const stored of loaded.delegations.values()) {
    if (stored.known.id === state.localDelegation || !stored.known.verified || stored.verification?.method === 'demo-data') continue;
    if (keyEventLogs.length + 1 >= BUNDLE_LIMITS.keyEventLogs || events + stored.keyEventLog.length > BUNDLE_LIMITS.keyEventsTotal) break;
    keyEventLogs.push([...stored.keyEventLog]);
    events += stored.keyEventLog.length;
  }
  return {
    checkpoints,
    keyEventLogs,
    versionVector: versionVector(state.chains),
    contentMissing: [...state.contentMissing].slice(0, BUNDLE_LIMITS.contentMissing),
  };
}
