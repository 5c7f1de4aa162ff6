/**
 * `import-bundles` (issue #7; DESIGN.md §5 "reading a bundle is a pipeline"): bundle pairs picked as
 * files or a whole folder, in any order, duplicates included.
 *
 * - Pairs: `X.tdesk.age` beside `X.tdesk.age.minisig` in the same relative folder; anything else is
 *   ignored; an unpaired half is reported refused (`missing-signature`, `missing-bundle`).
 * - Order: by the creation time in the signed comment (read only to order; the pipeline verifies it),
 *   so the chains of one sender apply oldest first. Any other order converges too (every export carries
 *   a checkpoint over its head, and the engine's merge is order-free).
 * - Each bundle goes through shared/bundle openBundle, whose last step is the sync engine's ingest on the
 *   current replica (ingestStep). The signer must be a verified, unrevoked delegation: an unknown or
 *   unverified sender is refused with the instruction to import and verify its card first.
 * - Each opened bundle is then ONE transaction (all or nothing): the replica delta (records, a log
 *   segment, the sync row), the sender's acknowledgement and requests with the history entry
 *   (rows/exchange), and the audit entry. A refused bundle writes only a history entry and an audit
 *   entry, and not in a transaction of its own: refusals wait in memory and are written with the next
 *   opened bundle's transaction, or in one transaction at the end of the import (also when the import
 *   stops on a vault error), so a stick of 500 hostile files costs one commit, not 500 re-seals of the
 *   history. A bundle from which nothing was accepted leaves the replica untouched (a checkpoint alone
 *   is not kept: every honest export brings its own).
 * - The acknowledgement kept is bounded by our own state (exchange-store.ts acknowledge): devices in our
 *   chains, requests for change-sets in our log.
 * - Attribution: until the signature is proven (SIGNATURE_UNPROVEN_CODES), the key id in the .minisig is only a
 *   claim anyone can write. Such a refusal names no sender (report `sender` null, no peer in the
 *   history, no sender in the audit); for signer-unknown/-unverified the claimed delegation is given as
 *   `refusal.claimedSender`, only for the "import and verify its card first" hint.
 * - The history `reason` is the bare refusal code (the UI translates it); the English message stays in
 *   the report.
 * - Key events inside a bundle take effect from the next bundle (DESIGN.md §5): a trusted delegation's
 *   longer log is stored with this bundle's transaction, and what was parked for its new devices is then
 *   released in a transaction of its own.
 * A hostile file never throws out of this command: every failure of the pipeline becomes a refused
 * report with its BundleError code. (A failure to write the vault itself is not the file's doing and
 * is answered as the error it is, after the bundles before it were committed.)
 */
import { BundleError, ingestStep, openBundle, SIGNATURE_UNPROVEN_CODES, SIGNER_CARD_CODES, type KeyLogOutcome } from '@shared/bundle';
import { SIGNATURE_EXTENSION } from '@shared/bundle/names';
import type { BundleImportReport, ExchangeEntry } from '@shared/ipc/vault-protocol';
import { emptyDelta, type IngestOutcome, releaseParked, type ReplicaDelta } from '@shared/sync';
import { acknowledge, encodeExchange, type ExchangeState, type Holdings, loadExchange, withHistory } from '../exchange-store';
import { sha256Hex } from '../file-digest';
import { applyCommitted, type LoadedReplica, planDelta, type StoredDelegation } from '../replica-store';
import type { UnlockedVault } from '../session';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler, VaultContext } from './context';
import { pairFiles, type Pair } from './bundle-pairs';
import { claimedSigner, countsOf, emptyReport, problemsOf, senderOf } from './import-report';
import { kindRulesFor } from './kind-rules';
import { keyStateOf, trustList, withKeyLog } from './trust';

const VERIFY_CARD_FIRST = ' Import its contact card and verify its fingerprint with the other side first, then import this bundle again.';

/** Does the delta change the replica? Checkpoints alone do not count (see the file comment). */
function changesReplica(loaded: LoadedReplica, delta: ReplicaDelta): boolean {
  return (
    delta.records.length > 0 ||
    delta.logged.length > 0 ||
    delta.parked.length > 0 ||
    delta.parkedCheckpoints.length > 0 ||
    delta.contentMissingAdded.length > 0 ||
    delta.contentMissingRemoved.length > 0 ||
    delta.chains.some((chain) => chain.fork !== null && loaded.state.chains.get(chain.device)?.fork == null)
  );
}

/** Trusted delegations whose longer logs the bundle carried: stored now, effective from the next bundle. */
function extendedDelegations(loaded: LoadedReplica, outcomes: readonly KeyLogOutcome[]): StoredDelegation[] {
  const out: StoredDelegation[] = [];
  for (const outcome of outcomes) {
    if (outcome.delegationId === null || (outcome.status !== 'extends' && outcome.status !== 'revocation')) continue;
    const stored = loaded.delegations.get(outcome.delegationId);
    if (stored === undefined || stored.known.id === loaded.state.localDelegation) continue;
    // assessKeyLog verified the log (as this delegation's: its id is the log's) for `extends` and `revocation`.
    if (outcome.state === undefined) continue;
    out.push(withKeyLog(stored, outcome.log, outcome.state));
  }
  return out;
}

interface Committed {
  readonly exchange: ExchangeState;
  /** Verified delegations that gained devices: their parked change-sets may be released. */
  readonly released: readonly string[];
}

interface PendingRefusal {
  readonly entry: ExchangeEntry;
  readonly audit: Record<string, string | number | null>;
  readonly at: string;
}

class ImportRun {
  private exchange: ExchangeState;
  /** Refusals not written yet (see the file comment). */
  private pending: PendingRefusal[] = [];

  constructor(
    private readonly ctx: VaultContext,
    private readonly loaded: LoadedReplica,
    exchange: ExchangeState,
  ) {
    this.exchange = exchange;
  }

  private get vault(): UnlockedVault {
    return this.ctx.session.current();
  }

  async run(pair: Pair, index: number, total: number): Promise<BundleImportReport> {
    const report = emptyReport(pair);
    const item = report.name.slice(0, 255);
    this.ctx.progress({ stage: 'read', done: index, total, item });
    const sha256 = { age: pair.age === null ? null : await sha256Hex(pair.age.bytes), minisig: pair.minisig === null ? null : await sha256Hex(pair.minisig.bytes) };
    const base: BundleImportReport = { ...report, sha256 };
    if (pair.age === null || pair.minisig === null) {
      const refusal =
        pair.age === null
          ? { code: 'missing-bundle', message: `The signature ${report.name} has no bundle file (${report.name.slice(0, -SIGNATURE_EXTENSION.length)}) beside it.` }
          : { code: 'missing-signature', message: `The bundle ${report.name} has no signature file (${report.name}${SIGNATURE_EXTENSION}) beside it: it cannot be verified.` };
      return this.refused({ ...base, refusal }, null);
    }
    this.ctx.progress({ stage: 'verify', done: index, total, item });
    let opened;
    try {
      opened = await openBundle<IngestOutcome>(
        { age: pair.age.bytes, minisig: pair.minisig.bytes },
        {
          trust: trustList(this.loaded.delegations.values()),
          me: { state: keyStateOf(this.localStored()), encryptionSecret: this.vault.keys.encryption.secretKey },
          sync: ingestStep({ state: this.loaded.state, localDelegation: this.loaded.state.localDelegation, localDevice: this.loaded.state.localDevice, now: this.ctx.now().getTime(), kindRules: kindRulesFor() }),
        },
      );
    } catch (error) {
      const failure = error instanceof BundleError ? error : new BundleError('internal', error instanceof Error ? error.message : String(error));
      // Codes raised before the signature is proven: the report then says "signature not verified".
      const verified = !SIGNATURE_UNPROVEN_CODES.has(failure.code);
      // Before the signature is proven, the key id is a claim: never a sender.
      const claimed = claimedSigner(this.loaded, pair.minisig.bytes, failure);
      const signer = verified ? claimed : undefined;
      // The claimed signer is named (as claimed) in the report, for the "verify its card first" hint.
      const hint = SIGNER_CARD_CODES.has(failure.code);
      const message = hint ? `${failure.message}${VERIFY_CARD_FIRST}` : failure.message;
      const refusal = {
        code: failure.code,
        message: message.slice(0, 1000),
        ...(hint && claimed !== undefined ? { claimedSender: { id: claimed.known.id, name: claimed.name } } : {}),
      };
      return this.refused({ ...base, signatureVerified: verified, sender: signer === undefined ? null : senderOf(signer), refusal }, signer ?? null);
    }
    this.ctx.progress({ stage: 'apply', done: index, total, item });
    const sender = this.loaded.delegations.get(opened.sender.delegationId) as StoredDelegation;
    const outcome = opened.sync as IngestOutcome;
    const extended = extendedDelegations(this.loaded, opened.keyLogs);
    const replicaChanges = changesReplica(this.loaded, outcome.delta);
    const { report: ingest } = outcome;
    // "Duplicate": this very bundle was read before and changes nothing now. A new bundle that brings
    // nothing new is still `applied`: its acknowledgement and requests are taken.
    const seen = this.exchange.history.some((entry) => entry.direction === 'received' && entry.outcome !== 'refused' && entry.bundleId === opened.comment.bundleId);
    const duplicate = seen && !replicaChanges && extended.length === 0;
    const result: BundleImportReport = {
      ...base,
      outcome: duplicate ? 'duplicate' : 'applied',
      sender: senderOf(sender),
      signatureVerified: true,
      bundleId: opened.comment.bundleId,
      counts: countsOf(ingest),
      problems: problemsOf(ingest),
    };
    const header = opened.payload.header;
    const acknowledged = acknowledge(
      this.exchange,
      sender.known.id,
      { versionVector: header.versionVector, contentMissing: opened.payload.contentMissing, created: header.created },
      this.holdings(outcome.delta),
    );
    const committed = await this.commit(result, sender, acknowledged, replicaChanges ? outcome.delta : null, extended);
    this.exchange = committed.exchange;
    for (const id of committed.released) await this.release(id);
    return result;
  }

  /** Our chains and log as they will be once this bundle's delta is committed. */
  private holdings(delta: ReplicaDelta): Holdings {
    const { state } = this.loaded;
    const devices = new Set(delta.chains.map((chain) => chain.device));
    const hashes = new Set(delta.logged.map((logged) => logged.hash));
    return {
      hasDevice: (device) => state.chains.has(device) || devices.has(device),
      hasChangeSet: (hash) => state.log.has(hash) || hashes.has(hash),
    };
  }

  private localStored(): StoredDelegation {
    return this.loaded.delegations.get(this.loaded.state.localDelegation) as StoredDelegation;
  }

  private entry(report: BundleImportReport, peer: StoredDelegation | null): ExchangeEntry {
    const counts: Record<string, number> = {};
    for (const [key, value] of Object.entries(report.counts ?? {})) counts[key] = value;
    return {
      direction: 'received',
      at: this.ctx.now().toISOString(),
      bundleId: report.bundleId,
      name: report.name,
      peers: peer === null ? [] : [{ id: peer.known.id, name: peer.name }],
      size: report.size,
      sha256: report.sha256,
      changeSets: report.counts?.changeSets ?? 0,
      outcome: report.outcome,
      counts,
      // The bare code: the UI translates it (the English message is in the report).
      reason: report.refusal === null ? null : report.refusal.code,
    };
  }

  /**
   * A refused bundle: its history entry and audit entry, nothing else, kept in memory until the next
   * transaction of this import (the next opened bundle's, or `flush`).
   */
  private refused(report: BundleImportReport, peer: StoredDelegation | null): BundleImportReport {
    this.pending.push({
      entry: this.entry(report, peer),
      audit: { file: report.name.slice(0, 200), code: report.refusal?.code ?? 'internal', sender: peer?.known.id ?? null, bundle: report.bundleId, sha256: report.sha256.age },
      at: this.ctx.now().toISOString(),
    });
    return report;
  }

  /**
   * Adds the waiting refusals to `plan`; returns the exchange state with their history entries. When the
   * cap drops old history entries, the last refusal's audit entry says how many (`historyDropped`).
   */
  private planRefusals(plan: WritePlan, exchange: ExchangeState): ExchangeState {
    const { exchange: next, dropped } = withHistory(exchange, ...this.pending.map((refusal) => refusal.entry));
    this.pending.forEach((refusal, index) => {
      const note = dropped > 0 && index === this.pending.length - 1 ? { historyDropped: dropped } : {};
      plan.appendAudit('bundle-refused', { ...refusal.audit, ...note }, refusal.at);
    });
    return next;
  }

  /** Writes the waiting refusals in one transaction (at the end of the import, or when it stops). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const vault = this.vault;
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'import-bundles');
    const exchange = this.planRefusals(plan, this.exchange);
    plan.putRow('exchange', encodeExchange(exchange));
    await commitForSession(this.ctx, vault, plan);
    this.pending = [];
    this.exchange = exchange;
  }

  private async commit(report: BundleImportReport, sender: StoredDelegation, exchange: ExchangeState, delta: ReplicaDelta | null, extended: readonly StoredDelegation[]): Promise<Committed> {
    const vault = this.vault;
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'import-bundles');
    // Refusals read before this bundle go first, in the same transaction (they are not part of its
    // all-or-nothing: they would be written anyway).
    const { exchange: next, dropped } = withHistory(this.planRefusals(plan, exchange), this.entry(report, sender));
    const counts = report.counts;
    plan.appendAudit(
      'bundle-imported',
      {
        file: report.name.slice(0, 200),
        bundle: report.bundleId,
        sender: sender.known.id,
        outcome: report.outcome,
        applied: counts?.applied ?? 0,
        duplicates: counts?.duplicates ?? 0,
        parked: counts?.parked ?? 0,
        rejected: counts?.rejected ?? 0,
        sha256: report.sha256.age,
        ...(dropped > 0 ? { historyDropped: dropped } : {}),
      },
      this.ctx.now().toISOString(),
    );
    plan.putRow('exchange', encodeExchange(next));
    const delegations = new Map(this.loaded.delegations);
    for (const stored of extended) delegations.set(stored.known.id, stored);
    const replicaDelta = delta ?? (extended.length > 0 ? emptyDelta(this.loaded.state) : null);
    if (replicaDelta !== null) planDelta(plan, this.loaded, replicaDelta, { delegations });
    await commitForSession(this.ctx, vault, plan);
    this.pending = [];
    if (replicaDelta !== null) applyCommitted(this.loaded, replicaDelta, delegations);
    const released = extended.filter((stored) => stored.known.verified && !stored.known.revoked).map((stored) => stored.known.id);
    return { exchange: next, released };
  }

  /** Parked change-sets of a verified delegation's newly known devices, in their own transaction. */
  private async release(delegationId: string): Promise<void> {
    const { delta, report } = releaseParked(this.loaded.state, delegationId, { now: this.ctx.now().getTime(), kindRules: kindRulesFor() });
    if (report.refused !== null || delta.releasedParked === 0) return;
    const vault = this.vault;
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'import-bundles-release');
    planDelta(plan, this.loaded, delta);
    await commitForSession(this.ctx, vault, plan);
    applyCommitted(this.loaded, delta);
  }
}

export const importBundles: CommandHandler<'import-bundles'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const run = new ImportRun(ctx, loaded, await loadExchange(ctx.repo, vault));
  const pairs = pairFiles(request.files);
  const reports: BundleImportReport[] = [];
  try {
    for (const [index, pair] of pairs.entries()) reports.push(await run.run(pair, index, pairs.length));
  } catch (error) {
    // A vault error stops the import: the refusals read before it are still logged, if the vault lets us.
    await run.flush().catch(() => undefined);
    throw error;
  }
  await run.flush();
  ctx.progress({ stage: 'apply', done: pairs.length, total: pairs.length });
  return { reports };
};

export const exchangeHistory: CommandHandler<'exchange-history'> = async (ctx) => {
  const vault = ctx.session.current();
  const exchange = await loadExchange(ctx.repo, vault);
  return { entries: [...exchange.history].reverse() };
};
