/**
 * The sealed `rows/exchange` row (issue #7): what this vault knows about its exchanges with other
 * delegations, apart from the change log itself.
 *
 * - `peers`: per delegation, the version vector it last acknowledged (the `versionVector` of the
 *   bundles it sent us, merged entry by entry: a peer's holdings only grow, and bundles may arrive in any
 *   order) and its latest content-missing requests. Incremental exports start from here (DESIGN.md §4).
 * - `history`: every bundle sent and received, for the security officer to match against the stick; at
 *   most MAX_HISTORY entries (the oldest are dropped; the audit entry of the transaction that dropped them
 *   says how many, `historyDropped`, and the audit log keeps every bundle's id and SHA-256 for ever).
 * - `exportCounter`: the sequence shown in bundle file names.
 *
 * Kept out of `rows/sync` on purpose: the sync row is the replica's state, which a refused bundle must
 * leave byte for byte unchanged; this row records the refusal itself. One row rather than a table: the
 * history is small (one entry per bundle) and is read whole by the history screen.
 */
import { z } from 'zod';
import { type ExchangeEntry, exchangeEntrySchema } from '@shared/ipc/exchange-protocol';
import { corruptRow } from './errors';
import { decodeJsonOrNull, encodeJson } from './json-payload';
import type { VaultRepository } from './repository';
import type { UnlockedVault } from './session';

export interface PeerExchange {
  readonly id: string;
  /** Merged version vector of every bundle received from it; null before its first bundle. */
  readonly acknowledged: Readonly<Record<string, number>> | null;
  /** Its content-missing requests, from its newest bundle (by signed creation time). */
  readonly contentMissing: readonly string[];
  /** Creation time of the bundle the requests came from. */
  readonly requestsAt: string | null;
}

export interface ExchangeState {
  readonly exportCounter: number;
  readonly peers: ReadonlyMap<string, PeerExchange>;
  /** Oldest first (the command reverses it). */
  readonly history: readonly ExchangeEntry[];
}

const PeerSchema = z.strictObject({
  id: z.string(),
  acknowledged: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  contentMissing: z.array(z.string()),
  requestsAt: z.string().nullable(),
});

const ExchangeRowSchema = z.strictObject({
  v: z.literal(1),
  exportCounter: z.number().int().nonnegative(),
  peers: z.array(PeerSchema),
  history: z.array(exchangeEntrySchema),
});

/**
 * The history keeps at most this many entries (each at most ~1.5 kB sealed, so the row stays under
 * ~15 MB and re-sealing it per import stays cheap); older ones are dropped, noted in the audit log.
 */
export const MAX_HISTORY = 10_000;

export const EMPTY_EXCHANGE: ExchangeState = { exportCounter: 0, peers: new Map(), history: [] };

export async function loadExchange(repo: VaultRepository, vault: UnlockedVault): Promise<ExchangeState> {
  if (!vault.manifest.rows.has('exchange')) return EMPTY_EXCHANGE;
  const parsed = ExchangeRowSchema.safeParse(decodeJsonOrNull(await repo.openRow(vault.rowKey, vault.manifest, 'exchange')));
  if (!parsed.success) throw corruptRow('rows', 'exchange', 'content-invalid', 'The exchange history opened but is malformed.');
  const row = parsed.data;
  return { exportCounter: row.exportCounter, peers: new Map(row.peers.map((peer) => [peer.id, peer])), history: row.history };
}

export function encodeExchange(state: ExchangeState): Uint8Array {
  return encodeJson({ v: 1, exportCounter: state.exportCounter, peers: [...state.peers.values()], history: state.history });
}

/** What this replica holds, to keep a peer's acknowledgement and requests bounded by our own state. */
export interface Holdings {
  /** A device present in the replica's chains. */
  hasDevice(device: string): boolean;
  /** A change-set hash in our log. */
  hasChangeSet(hash: string): boolean;
}

/**
 * The state after a bundle from `peer` was read: its vector merged entry by entry (never lowered by an
 * older bundle read late) and its requests replaced only by a newer bundle's. Only devices present in our
 * chains are kept (a vector entry for a device we do not hold tells an export nothing), and only requests
 * for change-sets in our log (we can answer nothing else): a peer cannot grow this row at will.
 */
export function acknowledge(
  state: ExchangeState,
  peer: string,
  received: { readonly versionVector: Readonly<Record<string, number>>; readonly contentMissing: readonly string[]; readonly created: string },
  holds: Holdings,
): ExchangeState {
  const current = state.peers.get(peer);
  const merged: Record<string, number> = { ...(current?.acknowledged ?? {}) };
  for (const [device, seq] of Object.entries(received.versionVector)) {
    if (holds.hasDevice(device)) merged[device] = Math.max(merged[device] ?? 0, seq);
  }
  const requests = [...new Set(received.contentMissing)].filter((hash) => holds.hasChangeSet(hash));
  const next: PeerExchange =
    current?.requestsAt == null || received.created >= current.requestsAt
      ? { id: peer, acknowledged: merged, contentMissing: requests, requestsAt: received.created }
      : { ...current, acknowledged: merged };
  const peers = new Map(state.peers);
  peers.set(peer, next);
  return { ...state, peers };
}

/** The history with `entries` appended, capped at MAX_HISTORY (oldest dropped); `dropped` says how many. */
export function withHistory(state: ExchangeState, ...entries: ExchangeEntry[]): { exchange: ExchangeState; dropped: number } {
  const history = [...state.history, ...entries];
  const dropped = Math.max(0, history.length - MAX_HISTORY);
  return { exchange: { ...state, history: dropped === 0 ? history : history.slice(dropped) }, dropped };
}
