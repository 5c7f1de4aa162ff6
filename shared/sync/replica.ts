/**
 * A replica and its one way in from outside: `ingest` (DESIGN.md §4–§5, docs/sync.md §7).
 *
 * The engine never writes anything itself. `ingest`, `releaseParked` and `localWrite` (local-write.ts)
 * compute a **ReplicaDelta** in memory from a read-only ReplicaState; the vault worker writes the delta in
 * one IndexedDB transaction and only after it committed calls `commitDelta`, which applies the same delta
 * to the in-memory state. So a failed write leaves memory and disk as they were, and an import is all or
 * nothing.
 *
 * `ingest` never throws: a hostile file must not abort it halfway. Per change-set, in this order:
 *   1. parse (schema, content digest)                                   → rejected `schema` / `content-digest`
 *   2. device → delegation: unknown device or unverified delegation     → parked (not applied, counted,
 *      relayed or acknowledged until the delegation is verified: `releaseParked`)
 *      revoked delegation                                               → rejected `revoked`
 *      device registered by two delegations                             → rejected `device-ambiguous`
 *   3. chain authentication (chain.ts)                                  → `uncovered` / `forged` /
 *      `chain-frozen` (fork evidence kept), checkpoints `checkpoint-*`
 *   4. duplicates (hash held with content, or held redacted and received redacted) → counted, no-op
 *   5. redacted (header only): logged, chain advances, content marked missing; flagged `wrongly-redacted`
 *      when its TLP is CLEAR or GREEN and it was sent by a delegation other than its author (a relayer
 *      withheld content it may pass on, OR the owner has since raised the record's TLP above GREEN and the
 *      relayer rightly withholds it: a header does not name its record, so the receiver cannot tell, and
 *      the flag says "may"; an author may withhold its own content from anyone)
 *   6. clock drift, over authentic new content whose HLC is the writing device's: any HLC more than
 *      maxDriftMs ahead of `now` → the WHOLE input is refused (`refused.reason = 'clock-skew'`, skew,
 *      device, delegation and sender named), nothing applied, so replicas never diverge on what they
 *      accepted because of a clock. (Checked after authentication so that nobody but the device's own
 *      delegation can have a bundle refused; `releaseParked` rejects just the items dated too far ahead.)
 *   7. content (new, or filling a header held redacted), in HLC order: HLC of the writing device and a
 *      boolean tombstone (`schema`), owner of the record must be the author's delegation (`wrong-owner`),
 *      kind must match the record's (`kind-mismatch`), record bounds (`too-many-fields`,
 *      `too-many-heads`), kind rules on the values the change-set writes (`kind-rule`), relayed content
 *      above GREEN refused (`tlp-relay`), then merged.
 * A rejected change-set is not logged: its device's chain shows a gap there.
 */
import { type ChangeSet, type Content, type Header, parseChangeSet, TOMBSTONE_FIELD } from './changeset';
import { SignedCheckpointSchema, type SignedCheckpoint } from './checkpoint';
import { advanceChain, authenticateDevice, chainGaps, checkpointKey, forkEvidence, verifyDeviceCheckpoints } from './chain';
import { DEFAULT_MAX_DRIFT_MS, compareHlc, type Hlc, parseHlc, receive, zeroHlc } from './hlc';
import { ownerOfRecord } from './ids';
import { type KindRules, writtenValues } from './kind-rules';
import { LogIndex } from './log-index';
import { conflictFields } from './merge';
import type { DeviceChain, ForkEvidence, KnownDelegation, LoggedChangeSet, RecordState } from './model';
import { emptyReport, type IngestReport, ReportBuilder } from './report';
import { compareTlp } from './tlp';
import { compareText, WorkingRecord } from './working-record';

/** Uncovered change-sets named one by one in a report before the rest are summarised. */
export const DEFAULT_MAX_UNCOVERED = 256;
/** Parked entries (change-sets and checkpoints together) a replica keeps at most (a hostile sender must not fill the vault with them). */
export const DEFAULT_MAX_PARKED = 100_000;

/** A change-set from a device this replica cannot verify yet, kept verbatim until it can. */
export interface ParkedItem {
  /** The change-set exactly as received (parsed successfully, digest checked). */
  readonly changeSet: unknown;
  readonly hash: string;
  readonly device: string;
  /** The device's delegation when it is known but unverified; null for an unknown device. */
  readonly delegation: string | null;
  /** The delegation that sent the bundle it came in (the TLP relay rule applies when it is released). */
  readonly from: string | null;
}

export interface ParkedCheckpoint {
  /** The signed checkpoint exactly as received (schema-checked, signature not yet verified). */
  readonly checkpoint: unknown;
  /** `device:seq:head:signature`: what releases and de-duplicates it. */
  readonly key: string;
  readonly device: string;
  readonly delegation: string | null;
  readonly from: string | null;
}

export interface ReplicaState {
  readonly delegations: ReadonlyMap<string, KnownDelegation>;
  readonly chains: ReadonlyMap<string, DeviceChain>;
  readonly records: ReadonlyMap<string, RecordState>;
  readonly log: LogIndex;
  /** Hashes of change-sets held as headers only, to be requested back (DESIGN.md §4, Redaction). */
  readonly contentMissing: ReadonlySet<string>;
  readonly parked: readonly ParkedItem[];
  readonly parkedCheckpoints: readonly ParkedCheckpoint[];
  readonly hlc: Hlc;
  readonly localDelegation: string;
  readonly localDevice: string;
}

/** The same state, owned by whoever commits deltas into it (the vault worker). */
export interface MutableReplicaState {
  delegations: Map<string, KnownDelegation>;
  chains: Map<string, DeviceChain>;
  records: Map<string, RecordState>;
  log: LogIndex;
  contentMissing: Set<string>;
  parked: ParkedItem[];
  parkedCheckpoints: ParkedCheckpoint[];
  hlc: Hlc;
  localDelegation: string;
  localDevice: string;
}

/** Everything one import, release or local write changes: what the worker writes, then commits. */
export interface ReplicaDelta {
  /** Every touched record, full new state. */
  readonly records: readonly RecordState[];
  /** New change-sets and content-filled ones (full version replacing the header), in apply order. */
  readonly logged: readonly LoggedChangeSet[];
  /** Changed device chains, full new state. */
  readonly chains: readonly DeviceChain[];
  readonly contentMissingAdded: readonly string[];
  readonly contentMissingRemoved: readonly string[];
  /** Newly parked entries. */
  readonly parked: readonly ParkedItem[];
  readonly parkedCheckpoints: readonly ParkedCheckpoint[];
  /** How many parked entries this delta consumes (change-sets + checkpoints). */
  readonly releasedParked: number;
  /** Exactly which: hashes of released parked change-sets and keys of released parked checkpoints. */
  readonly releasedParkedHashes: readonly string[];
  readonly releasedParkedCheckpoints: readonly string[];
  /** The local clock once the delta is committed (never behind the current one). */
  readonly hlc: Hlc;
}

export interface IngestInput {
  readonly changeSets: readonly unknown[];
  readonly checkpoints: readonly unknown[];
  /** The delegation that sent the bundle; null for tests and local injection. */
  readonly from: string | null;
}

export interface IngestOptions {
  /** Physical clock, ms since the epoch. */
  readonly now: number;
  readonly maxDriftMs?: number;
  readonly maxUncovered?: number;
  readonly maxParked?: number;
  readonly kindRules?: KindRules;
}

export interface IngestOutcome {
  readonly delta: ReplicaDelta;
  readonly report: IngestReport;
}

export function createReplicaState(params: { readonly localDelegation: string; readonly localDevice: string; readonly delegations: readonly KnownDelegation[] }): MutableReplicaState {
  return {
    delegations: new Map(params.delegations.map((delegation) => [delegation.id, delegation])),
    chains: new Map(),
    records: new Map(),
    log: new LogIndex(),
    contentMissing: new Set(),
    parked: [],
    parkedCheckpoints: [],
    hlc: zeroHlc(params.localDevice),
    localDelegation: params.localDelegation,
    localDevice: params.localDevice,
  };
}

export function emptyDelta(state: Pick<ReplicaState, 'hlc'>): ReplicaDelta {
  return {
    records: [],
    logged: [],
    chains: [],
    contentMissingAdded: [],
    contentMissingRemoved: [],
    parked: [],
    parkedCheckpoints: [],
    releasedParked: 0,
    releasedParkedHashes: [],
    releasedParkedCheckpoints: [],
    hlc: state.hlc,
  };
}

/** Applies a delta the caller has persisted. O(size of the delta), plus one pass over parked on release. */
export function commitDelta(state: MutableReplicaState, delta: ReplicaDelta): void {
  for (const record of delta.records) state.records.set(record.id, record);
  for (const logged of delta.logged) state.log.add(logged);
  for (const chain of delta.chains) state.chains.set(chain.device, chain);
  for (const hash of delta.contentMissingRemoved) state.contentMissing.delete(hash);
  for (const hash of delta.contentMissingAdded) state.contentMissing.add(hash);
  if (delta.releasedParkedHashes.length > 0) removeInPlace(state.parked, new Set(delta.releasedParkedHashes), (item) => item.hash);
  if (delta.releasedParkedCheckpoints.length > 0) removeInPlace(state.parkedCheckpoints, new Set(delta.releasedParkedCheckpoints), (item) => item.key);
  for (const item of delta.parked) state.parked.push(item);
  for (const item of delta.parkedCheckpoints) state.parkedCheckpoints.push(item);
  if (compareHlc(delta.hlc, state.hlc) > 0) state.hlc = delta.hlc;
}

function removeInPlace<T>(list: T[], keys: ReadonlySet<string>, keyOf: (item: T) => string): void {
  let kept = 0;
  for (const item of list) if (!keys.has(keyOf(item))) list[kept++] = item;
  list.length = kept;
}

/** Imports change-sets and checkpoints (one bundle's worth). Never throws. */
export function ingest(state: ReplicaState, input: IngestInput, options: IngestOptions): IngestOutcome {
  try {
    const sourced = (list: readonly unknown[]): Sourced[] => (Array.isArray(list) ? list.map((raw: unknown) => ({ raw, from: input.from })) : []);
    const changeSets = sourced(input.changeSets);
    const checkpoints = sourced(input.checkpoints);
    return runIngest(state, changeSets, checkpoints, options, 'refuse');
  } catch (error) {
    return internalFailure(state, error);
  }
}

/**
 * Once the user verified a delegation (the caller updated `state.delegations` first), ingests the parked
 * change-sets and checkpoints of its registered devices, each with the `from` it arrived with. The delta
 * removes exactly those from `parked` (whatever became of them: applied, duplicate or rejected). Items
 * whose content is dated beyond the drift bound are rejected one by one (`clock-skew`) rather than
 * refusing the release: they were received long ago, and refusing would keep everything parked for as
 * long as one of them stays in the future. (An internal error still refuses it, and then nothing is
 * released.) Call it also when a known delegation registers a new device. Never throws.
 */
export function releaseParked(state: ReplicaState, delegationId: string, options: IngestOptions): IngestOutcome {
  try {
    const known = state.delegations.get(delegationId);
    if (known === undefined || !known.verified) return { delta: emptyDelta(state), report: emptyReport() };
    const devices = new Set(known.devices);
    const items = state.parked.filter((item) => devices.has(item.device));
    const checkpoints = state.parkedCheckpoints.filter((item) => devices.has(item.device));
    if (items.length === 0 && checkpoints.length === 0) return { delta: emptyDelta(state), report: emptyReport() };
    const outcome = runIngest(
      state,
      items.map((item) => ({ raw: item.changeSet, from: item.from })),
      checkpoints.map((item) => ({ raw: item.checkpoint, from: item.from })),
      options,
      'reject',
    );
    if (outcome.report.refused !== null) return outcome;
    return {
      report: outcome.report,
      delta: {
        ...outcome.delta,
        releasedParked: items.length + checkpoints.length,
        releasedParkedHashes: items.map((item) => item.hash),
        releasedParkedCheckpoints: checkpoints.map((item) => item.key),
      },
    };
  } catch (error) {
    return internalFailure(state, error);
  }
}

function internalFailure(state: ReplicaState, error: unknown): IngestOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { delta: emptyDelta(state), report: new ReportBuilder().refuse('internal', `The input could not be processed: ${message}`) };
}

interface Sourced {
  readonly raw: unknown;
  readonly from: string | null;
}

interface Candidate {
  readonly hash: string;
  readonly changeSet: ChangeSet;
  readonly header: Header;
  readonly delegation: string;
  readonly from: string | null;
}

/** A best-effort (device, seq) of an item that failed to parse, for the report. */
function peek(raw: unknown, outer: 'header' | 'checkpoint'): { device: string | null; seq: number | null } {
  const inner = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[outer] : undefined;
  if (typeof inner !== 'object' || inner === null) return { device: null, seq: null };
  const { device, seq } = inner as Record<string, unknown>;
  return {
    device: typeof device === 'string' && device.length <= 64 ? device : null,
    seq: typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null,
  };
}

/**
 * device → delegation. A device id registered by two delegations (only a hostile key event log can do
 * that: ids are 128 random bits) belongs to neither: `ambiguous` lists it, and nothing from it is
 * accepted, rather than letting the order of the delegations decide whose it is.
 */
function deviceIndex(delegations: ReadonlyMap<string, KnownDelegation>): { index: Map<string, KnownDelegation>; ambiguous: Map<string, string[]> } {
  const index = new Map<string, KnownDelegation>();
  const ambiguous = new Map<string, string[]>();
  for (const delegation of delegations.values()) {
    for (const device of delegation.devices) {
      const other = index.get(device);
      if (other !== undefined && other.id !== delegation.id) ambiguous.set(device, [...(ambiguous.get(device) ?? [other.id]), delegation.id].sort());
      index.set(device, delegation);
    }
  }
  for (const device of ambiguous.keys()) index.delete(device);
  return { index, ambiguous };
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/**
 * Content problems the schema cannot see: the HLC's node is the writing device (so no device can date
 * its changes as another's, which would also steal its place in the display order of concurrent heads),
 * and the tombstone holds a boolean.
 */
function contentProblem(header: Header, content: Content): string | null {
  if (!content.hlc.endsWith(`.${header.device}`)) return `the HLC ${content.hlc} is not one of device ${header.device}`;
  const tombstone = content.ops.find((op) => op.field === TOMBSTONE_FIELD);
  return tombstone === undefined || typeof tombstone.value === 'boolean' ? null : `${TOMBSTONE_FIELD} must be true or false`;
}

/**
 * `skew`: what content dated beyond the drift bound does: `refuse` the whole input (ingest: DESIGN.md §4)
 * or `reject` just those change-sets (releaseParked).
 */
function runIngest(state: ReplicaState, changeSets: readonly Sourced[], checkpoints: readonly Sourced[], options: IngestOptions, skew: 'refuse' | 'reject'): IngestOutcome {
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  const builder = new ReportBuilder({ uncovered: options.maxUncovered ?? DEFAULT_MAX_UNCOVERED });
  const report = builder.report;
  const { index: devices, ambiguous } = deviceIndex(state.delegations);
  const rejectAmbiguous = (device: string, seq: number | null, hash: string | null): boolean => {
    const claimants = ambiguous.get(device);
    if (claimants === undefined) return false;
    builder.reject(device, seq, hash, 'device-ambiguous', `Device ${device} is registered by several delegations (${claimants.join(', ')}): nothing from it is accepted.`);
    return true;
  };

  // 1–2. Parse, look the device up, park or reject; de-duplicate by hash (a full copy wins over a header).
  const parked: ParkedItem[] = [];
  const parkedHashes = new Set(state.parked.map((item) => item.hash));
  // Change-sets and checkpoints share one bound: either kind alone could otherwise fill the vault.
  let parkRoom = (options.maxParked ?? DEFAULT_MAX_PARKED) - state.parked.length - state.parkedCheckpoints.length;
  const candidates = new Map<string, Candidate>();
  for (const { raw, from } of changeSets) {
    const parsed = parseChangeSet(raw);
    if (!parsed.ok) {
      const { device, seq } = peek(raw, 'header');
      builder.reject(device, seq, null, parsed.reason, parsed.message);
      continue;
    }
    const { changeSet, hash } = parsed;
    const header = changeSet.header;
    if (rejectAmbiguous(header.device, header.seq, hash)) continue;
    const known = devices.get(header.device);
    if (known === undefined || !known.verified) {
      if (!parkedHashes.has(hash)) {
        if (parkRoom <= 0) {
          builder.reject(header.device, header.seq, hash, 'parked-full', 'Too many change-sets are waiting for their delegation to be verified; this one was dropped.');
          continue;
        }
        parkRoom -= 1;
        parkedHashes.add(hash);
        parked.push({ changeSet: raw, hash, device: header.device, delegation: known?.id ?? null, from });
      }
      report.parked += 1;
      continue;
    }
    if (known.revoked) {
      builder.reject(header.device, header.seq, hash, 'revoked', `Delegation ${known.id} is revoked: nothing it signed is accepted.`);
      continue;
    }
    const existing = candidates.get(hash);
    if (existing !== undefined) {
      report.duplicates += 1;
      if (existing.changeSet.content === undefined && changeSet.content !== undefined) candidates.set(hash, { hash, changeSet, header, delegation: known.id, from });
      continue;
    }
    candidates.set(hash, { hash, changeSet, header, delegation: known.id, from });
  }

  const parkedCheckpoints: ParkedCheckpoint[] = [];
  const parkedKeys = new Set(state.parkedCheckpoints.map((item) => item.key));
  const checkpointsByDevice = new Map<string, SignedCheckpoint[]>();
  for (const { raw, from } of checkpoints) {
    const parsed = SignedCheckpointSchema.safeParse(raw);
    if (!parsed.success) {
      const { device, seq } = peek(raw, 'checkpoint');
      builder.reject(device, seq, null, 'checkpoint-schema', `The checkpoint is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      continue;
    }
    const signed = parsed.data;
    const { device, seq, delegation } = signed.checkpoint;
    if (rejectAmbiguous(device, seq, null)) continue;
    const known = devices.get(device);
    if (known === undefined || !known.verified) {
      const key = checkpointKey(signed);
      if (!parkedKeys.has(key)) {
        if (parkRoom <= 0) {
          builder.reject(device, seq, null, 'parked-full', 'Too many change-sets and checkpoints are waiting for their delegation to be verified; this checkpoint was dropped.');
          continue;
        }
        parkRoom -= 1;
        parkedKeys.add(key);
        parkedCheckpoints.push({ checkpoint: raw, key, device, delegation: known?.id ?? null, from });
      }
      continue;
    }
    if (known.revoked) {
      builder.reject(device, seq, null, 'revoked', `Delegation ${known.id} is revoked: its checkpoints are not accepted.`);
      continue;
    }
    if (delegation !== known.id) {
      builder.reject(device, seq, null, 'checkpoint-delegation', `The checkpoint names delegation ${delegation}, but device ${device} belongs to ${known.id}.`);
      continue;
    }
    const list = checkpointsByDevice.get(device);
    if (list === undefined) checkpointsByDevice.set(device, [signed]);
    else list.push(signed);
  }

  // 3–5. Per device: checkpoints, authentication, forks, duplicates, redacted headers.
  const byDevice = new Map<string, Candidate[]>();
  for (const candidate of candidates.values()) {
    const list = byDevice.get(candidate.header.device);
    if (list === undefined) byDevice.set(candidate.header.device, [candidate]);
    else list.push(candidate);
  }
  const logged: LoggedChangeSet[] = [];
  const contentMissingAdded: string[] = [];
  const contentMissingRemoved: string[] = [];
  const withContent: { candidate: Candidate; fill: boolean }[] = [];
  const chainUpdates = new Map<string, { delegation: string; added: number[]; checkpoint: SignedCheckpoint | null; fork: ForkEvidence | null }>();

  const isDuplicate = (candidate: Candidate): boolean => {
    const held = state.log.get(candidate.hash);
    return held !== undefined && (held.changeSet.content !== undefined || candidate.changeSet.content === undefined);
  };

  const deviceIds = [...new Set([...byDevice.keys(), ...checkpointsByDevice.keys()])].sort(compareText);
  for (const device of deviceIds) {
    const items = (byDevice.get(device) ?? []).sort((a, b) => a.header.seq - b.header.seq || compareText(a.hash, b.hash));
    const known = devices.get(device) as KnownDelegation;
    const stored = state.chains.get(device);
    if (stored?.fork) {
      for (const item of items) {
        if (isDuplicate(item)) report.duplicates += 1;
        else builder.reject(device, item.header.seq, item.hash, 'chain-frozen', `Device ${device} signed two histories (fork at seq ${stored.fork.seq}): nothing more from it is accepted.`);
      }
      continue;
    }
    const { verified, rejected } = verifyDeviceCheckpoints(checkpointsByDevice.get(device) ?? [], known, stored, state.log);
    for (const refusal of rejected) builder.reject(device, refusal.checkpoint.checkpoint.seq, null, refusal.reason, refusal.message);
    const vouchers = stored?.checkpoint ? [...verified, stored.checkpoint] : verified;
    const auth = authenticateDevice(device, items, vouchers, state.log);

    if (auth.fork !== null) {
      const { seq, hashes } = auth.fork;
      const headers: Header[] = [];
      for (const hash of hashes) {
        const header = candidates.get(hash)?.header ?? state.log.get(hash)?.changeSet.header;
        if (header !== undefined) headers.push(header);
      }
      const evidence = forkEvidence({ device, seq, hashes, checkpoints: vouchers, headers, now: options.now });
      report.forks.push({ device, seq, hashes: [...hashes] });
      for (const item of items) {
        if (isDuplicate(item)) report.duplicates += 1;
        else builder.reject(device, item.header.seq, item.hash, 'chain-frozen', `Device ${device} signed two different change-sets at seq ${seq}: its chain is frozen and the evidence kept.`);
      }
      chainUpdates.set(device, { delegation: known.id, added: [], checkpoint: null, fork: evidence });
      continue;
    }

    const newest = verified[0] ?? null;
    const update = { delegation: known.id, added: [] as number[], checkpoint: newest, fork: null };
    chainUpdates.set(device, update);
    for (const item of items) {
      const verdict = auth.unauthentic.get(item.hash);
      if (verdict === 'forged') {
        builder.reject(device, item.header.seq, item.hash, 'forged', `Another change-set is authentic at seq ${item.header.seq} of device ${device}; this one is not signed into its chain.`);
      } else if (verdict === 'uncovered') {
        builder.reject(device, item.header.seq, item.hash, 'uncovered', `No verified checkpoint of device ${device} reaches seq ${item.header.seq}: it cannot be authenticated.`);
      } else if (isDuplicate(item)) {
        report.duplicates += 1;
      } else if (state.log.has(item.hash)) {
        withContent.push({ candidate: item, fill: true });
      } else if (item.changeSet.content === undefined) {
        const entry: LoggedChangeSet = { hash: item.hash, delegation: known.id, changeSet: { header: item.header } };
        logged.push(entry);
        contentMissingAdded.push(item.hash);
        update.added.push(item.header.seq);
        report.redacted += 1;
        if ((item.header.tlp === 'CLEAR' || item.header.tlp === 'GREEN') && item.from !== null && item.from !== known.id) {
          builder.flag(item.hash, 'wrongly-redacted', `Seq ${item.header.seq} of device ${device} was written at ${item.header.tlp} but ${item.from} relayed it without its content: either the relayer withheld content it may pass on, or the owner has since raised the record's TLP (then it rightly stays withheld). It will be requested again.`);
        }
      } else {
        withContent.push({ candidate: item, fill: false });
      }
    }
  }

  // 6. Drift, over authentic new content whose HLC is its device's (contentProblem: anything else is
  // rejected in step 7 and must not be able to refuse or block anything).
  let worst: { skewMs: number; device: string; delegation: string; from: string | null } | null = null;
  const skewed = new Set<string>();
  for (const { candidate } of withContent) {
    const content = candidate.changeSet.content as Content;
    if (contentProblem(candidate.header, content) !== null) continue;
    const skewMs = Number(content.hlc.slice(0, 15)) - options.now;
    if (skewMs <= maxDriftMs) continue;
    skewed.add(candidate.hash);
    if (worst === null || skewMs > worst.skewMs) worst = { skewMs, device: candidate.header.device, delegation: candidate.delegation, from: candidate.from };
  }
  if (worst !== null && skew === 'refuse') {
    const sender = worst.from === null ? 'no named sender' : `delegation ${worst.from}`;
    const message = `Device ${worst.device} of delegation ${worst.delegation} dated changes ${formatDuration(worst.skewMs)} ahead of this computer's clock (at most ${formatDuration(maxDriftMs)} is accepted), in a bundle from ${sender}. Nothing was imported: check the date and time on both computers.`;
    return { delta: emptyDelta(state), report: builder.refuse('clock-skew', message, worst.skewMs) };
  }

  // 7. Content, in HLC order (causal order for honest writers): checks, then merge into working records.
  withContent.sort((a, b) => {
    const x = (a.candidate.changeSet.content as Content).hlc;
    const y = (b.candidate.changeSet.content as Content).hlc;
    return x < y ? -1 : x > y ? 1 : compareText(a.candidate.hash, b.candidate.hash);
  });
  const working = new Map<string, WorkingRecord>();
  let maxHlc: string | null = null;
  for (const { candidate, fill } of withContent) {
    const { hash, header, delegation, from } = candidate;
    const content = candidate.changeSet.content as Content;
    const reject = (reason: string, message: string): void => {
      builder.reject(header.device, header.seq, hash, reason, message);
    };
    const problem = contentProblem(header, content);
    if (problem !== null) {
      reject('schema', problem);
      continue;
    }
    if (skewed.has(hash)) {
      const skewMs = Number(content.hlc.slice(0, 15)) - options.now;
      reject('clock-skew', `Device ${header.device} of delegation ${delegation} dated this change ${formatDuration(skewMs)} ahead of this computer's clock (at most ${formatDuration(maxDriftMs)} is accepted)${from === null ? '' : `; it came from delegation ${from}`}. It can be sent again once the clocks agree.`);
      continue;
    }
    const owner = ownerOfRecord(content.record);
    if (owner !== delegation) {
      reject('wrong-owner', `Record ${content.record} belongs to ${owner ?? 'nobody'}; delegation ${delegation} may not change it.`);
      continue;
    }
    const stored = state.records.get(content.record);
    const record = working.get(content.record) ?? (stored === undefined ? undefined : WorkingRecord.from(stored));
    if (record !== undefined && record.kind !== content.kind) {
      reject('kind-mismatch', `Record ${content.record} is a ${record.kind}; this change-set says ${content.kind}.`);
      continue;
    }
    const bound = record?.capProblem(content, hash) ?? null;
    if (bound !== null) {
      reject(bound.reason, bound.message);
      continue;
    }
    if (options.kindRules !== undefined) {
      const reason = options.kindRules.check({ kind: content.kind, recordId: content.record, owner, authorDelegation: delegation, values: writtenValues(content.ops), ops: content.ops });
      if (reason !== null) {
        reject('kind-rule', reason);
        continue;
      }
    }
    if (from !== null && from !== delegation && compareTlp(header.tlp, 'GREEN') > 0) {
      reject('tlp-relay', `${header.tlp} content of delegation ${delegation} was relayed by ${from}: only CLEAR and GREEN may be relayed.`);
      continue;
    }
    const target = record ?? WorkingRecord.empty(content.record, content.kind, owner);
    working.set(content.record, target);
    const entry: LoggedChangeSet = { hash, delegation, changeSet: candidate.changeSet };
    target.apply(entry);
    logged.push(entry);
    if (fill) {
      contentMissingRemoved.push(hash);
      report.contentFilled += 1;
    } else {
      chainUpdates.get(header.device)?.added.push(header.seq);
      report.applied += 1;
    }
    if (maxHlc === null || content.hlc > maxHlc) maxHlc = content.hlc;
  }

  const records: RecordState[] = [];
  for (const [id, record] of working) {
    const after = record.freeze();
    const before = state.records.get(id);
    const had = new Set(before === undefined ? [] : conflictFields(before));
    for (const field of conflictFields(after)) if (!had.has(field)) report.newConflicts += 1;
    records.push(after);
  }

  const chains: DeviceChain[] = [];
  for (const [device, update] of chainUpdates) {
    const previous = state.chains.get(device);
    const keeps = previous?.checkpoint ?? null;
    const newerCheckpoint = update.checkpoint !== null && (keeps === null || update.checkpoint.checkpoint.seq > keeps.checkpoint.seq);
    if (update.added.length === 0 && !newerCheckpoint && update.fork === null) continue;
    const chain = advanceChain(previous, device, update.delegation, update.added, update.checkpoint, update.fork);
    chains.push(chain);
    report.gaps.push(...chainGaps(chain));
  }

  const remote = maxHlc === null ? null : parseHlc(maxHlc);
  const hlc = remote === null ? state.hlc : receive(state.hlc, remote, options.now);
  return {
    report: builder.build(),
    delta: {
      records,
      logged,
      chains,
      contentMissingAdded,
      contentMissingRemoved,
      parked,
      parkedCheckpoints,
      releasedParked: 0,
      releasedParkedHashes: [],
      releasedParkedCheckpoints: [],
      hlc,
    },
  };
}
