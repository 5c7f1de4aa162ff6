/**
 * Step 15 of the reading pipeline: the sync engine's `ingest` (shared/sync/replica.ts), with `from` = the
 * bundle's sender. It checks chain links, checkpoints and their signatures, uncovered and forged
 * change-sets, forks, ownership, kind rules, TLP relays and clock drift, and computes the merge in memory
 * (a delta the caller commits, or not).
 *
 * The delegations the engine sees are the caller's, with the devices that the bundle's key event logs
 * registered (reader.ts step 14) added for this bundle only: a key event in a bundle changes nothing
 * about who may sign the bundle, but a new device of a trusted delegation is known to this import.
 *
 * A report that refuses the whole input (clock skew, internal error) becomes `sync-refused`; rejections of
 * single change-sets stay in the report for the caller to show.
 */
import type { KindRules } from '../sync/kind-rules';
import type { KnownDelegation } from '../sync/model';
import { createReplicaState, ingest, type IngestOutcome, type ReplicaState } from '../sync/replica';
import { BundleError } from './errors';
import type { SyncStep, SyncStepInput } from './reader';

export interface IngestStepOptions {
  /** The replica to ingest into (read-only; the caller commits the delta). Omitted: a fresh, empty one. */
  readonly state?: ReplicaState;
  /** For a fresh replica: who we are. */
  readonly localDelegation: string;
  readonly localDevice: string;
  /** Physical clock, ms since the epoch. */
  readonly now: number;
  readonly maxDriftMs?: number;
  readonly kindRules?: KindRules;
}

function overlay(state: ReplicaState, delegations: readonly KnownDelegation[]): ReplicaState {
  const merged = new Map(state.delegations);
  for (const incoming of delegations) {
    const current = merged.get(incoming.id);
    if (current === undefined) continue;
    merged.set(incoming.id, { ...current, devices: [...new Set([...current.devices, ...incoming.devices])] });
  }
  return { ...state, delegations: merged };
}

export function ingestStep(options: IngestStepOptions): SyncStep<IngestOutcome> {
  return (input: SyncStepInput): IngestOutcome => {
    const state =
      options.state === undefined
        ? createReplicaState({ localDelegation: options.localDelegation, localDevice: options.localDevice, delegations: input.delegations })
        : overlay(options.state, input.delegations);
    const outcome = ingest(
      state,
      { changeSets: input.changeSets, checkpoints: input.checkpoints, from: input.from },
      { now: options.now, ...(options.maxDriftMs === undefined ? {} : { maxDriftMs: options.maxDriftMs }), ...(options.kindRules === undefined ? {} : { kindRules: options.kindRules }) },
    );
    const refused = outcome.report.refused;
    if (refused !== null) {
      throw new BundleError('sync-refused', `The bundle was refused as a whole: ${refused.message}`, {
        reason: refused.reason,
        ...(refused.skewMs === undefined ? {} : { skewMs: refused.skewMs }),
      });
    }
    return outcome;
  };
}
