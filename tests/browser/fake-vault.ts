/**
 * An in-memory VaultClient for component tests: the protocol of shared/ipc/vault-protocol.ts with the
 * worker's observable behaviour (passphrase check with a growing delay, recovery words with the same
 * three mistakes, settings, an audit log, record views and conflicts, the domain's ownership rules on
 * writes, the delegation list, demo data from shared/domain's generator) and none of its cryptography.
 * Every request and every answer is parsed with the protocol's schemas, so a test that passes here
 * cannot hide a call the real worker would refuse. Failures are the real client's VaultClientError.
 */
import { bytesToWords, normalizeWords, wordsToBytes } from '@shared/crypto/mnemonic';
import { isCryptoError } from '@shared/crypto/errors';
import { normalizePassphrase, passphraseRules } from '@shared/crypto/passphrase';
import {
  DEFAULT_SETTINGS,
  vaultRequestSchema,
  vaultProgressSchema,
  vaultResultSchemas,
  type AuditAction,
  type AuditEntry,
  type Conflict,
  type ConflictHead,
  type DelegationView,
  type HistoryEntry,
  type IngestReport,
  type Profile,
  type RecordEdit,
  type RecordView,
  type Settings,
  type VaultCommand,
  type VaultErrorCode,
  type VaultProgress,
  type VaultRequest,
  type VaultResult,
} from '@shared/ipc/vault-protocol';
import { kindRules } from '@shared/domain/kind-rules';
import { DEMO_DELEGATIONS, generateDemoData, resolveDemoValues, type DemoDelegationKey } from '@shared/domain/demo-data';
import type { Json } from '@shared/sync/json';
import type { RecoverySheet } from '@shared/crypto/recovery-sheet';
import { VaultClientError, type VaultClient, type VaultRequestFor, type VaultRequestOptions } from '../../renderer/vault-worker';
import { createFakeExchange, type FakeExchange } from './fake-exchange';

export type FakeVaultState = 'empty' | 'locked' | 'unlocked';

export const FAKE_PASSPHRASE = 'correct horse battery staple';

export interface FakeVaultOptions {
  readonly state?: FakeVaultState;
  readonly passphrase?: string;
  readonly settings?: Partial<Settings>;
  readonly profile?: Partial<Pick<Profile, 'name' | 'country' | 'role'>>;
  /** The clock retry times are computed with (Date.now by default). */
  readonly now?: () => number;
  /** Delay after the n-th consecutive wrong passphrase; none for the first two, then 2^(n−2) s. */
  readonly retryDelayMs?: (failures: number) => number;
  /** Failures already counted when the fake starts (as the unsealed counter would after a reload). */
  readonly failures?: number;
  readonly chainIntact?: boolean;
  /** Records the vault holds from the start (see `fakeRecordView`). */
  readonly records?: readonly RecordView[];
  /** Milliseconds every answer waits, to let a test see a progress state. */
  readonly latencyMs?: number;
  /** Other delegations the vault knows (`delegations-list` puts this vault's own first). */
  readonly delegations?: readonly DelegationView[];
}

export interface FakeVault extends VaultClient {
  /** Every request, in order, as parsed by the protocol schema. */
  readonly calls: readonly VaultRequest[];
  callsOf<C extends VaultCommand>(cmd: C): VaultRequestFor<C>[];
  readonly terminated: boolean;
  readonly state: FakeVaultState;
  readonly settings: Settings;
  readonly passphrase: string;
  /** The recovery words of the current sheet (none before `create`, unless the fake started with a vault). */
  readonly recoveryWords: readonly string[];
  readonly audit: readonly AuditEntry[];
  /** Makes the next request of `cmd` fail with `code` (and optional details). */
  failNext(cmd: VaultCommand, code: VaultErrorCode | 'worker-failed', options?: { retryAt?: string; details?: Record<string, string | number | (string | number)[]> }): void;
  /** Holds every answer of `cmd` until `release` is called (to observe progress states). */
  hold(cmd: VaultCommand): () => void;
  /** The delegation and device of this vault (owner of the records it writes). */
  readonly profile: Profile;
  /** Every record view, by id, as `records-list` would answer. */
  readonly records: ReadonlyMap<string, RecordView>;
  /** The open conflicts, as `conflicts-list` would answer. */
  readonly conflicts: readonly Conflict[];
  /**
   * Adds an open conflict (as an import would), with the record's view if the vault does not hold it
   * yet. The view is marked: the field joins its `conflicts` (and `deleteConflict` is also set for `_deleted`)
   * and shows the first head's value. Seed before the app reads the working set (before rendering).
   */
  seedConflict(conflict: Conflict, view?: RecordView): void;
  /** The delegations `delegations-list` answers with, this vault's own first. */
  readonly delegations: readonly DelegationView[];
  /** Adds record views as an import would (no history). Seed before the app reads the working set. */
  seedRecords(views: readonly RecordView[]): void;
  /** The exchange commands' state (cards, parked change-sets, exports, imports, history): fake-exchange.ts. */
  readonly exchange: FakeExchange;
}

/** The commands fake-exchange.ts answers (asynchronously, some with progress). */
const EXCHANGE_COMMANDS: Readonly<Record<string, true>> = {
  'card-export': true,
  'card-inspect': true,
  'card-import': true,
  'delegation-verify': true,
  'delegation-detail': true,
  'export-preview': true,
  'export-seal': true,
  'export-commit': true,
  'import-bundles': true,
  'exchange-history': true,
};

function defaultDelay(failures: number): number {
  return failures <= 2 ? 0 : Math.min(2 ** (failures - 2) * 1000, 300_000);
}

function randomWords(): string[] {
  return bytesToWords(crypto.getRandomValues(new Uint8Array(32)));
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** 26 random base32 characters: the shape of delegation ids, device ids and a record id's random part. */
export function randomBase32Id(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(26)), (byte) => BASE32[byte % 32]).join('');
}

/** A change-set hash as the worker names heads: base64 of 32 bytes. */
export function randomChangeSetHash(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

/** HLC text (`WWWWWWWWWWWWWWW.CCCCC.<device>`) for a wall-clock time, counter and device. */
export function fakeHlc(wallMs: number, device: string, counter = 0): string {
  return `${String(wallMs).padStart(15, '0')}.${String(counter).padStart(5, '0')}.${device}`;
}

/** A record view for seeding the fake: owned by `owner` (a fresh delegation id by default), GREEN. */
export function fakeRecordView(fields: Partial<RecordView> & Pick<RecordView, 'kind'>): RecordView {
  const owner = fields.owner ?? fields.id?.split('-')[0] ?? randomBase32Id();
  const hlc = fakeHlc(Date.UTC(2025, 2, 1, 9, 0, 0), randomBase32Id());
  return {
    id: `${owner}-${randomBase32Id()}`,
    owner,
    tlp: 'GREEN',
    deleted: false,
    values: {},
    conflicts: [],
    deleteConflict: false,
    created: hlc,
    updated: hlc,
    ...fields,
  };
}

/** A delegation as `delegations-list` shows it: verified by fingerprint unless said otherwise. */
export function fakeDelegationView(fields: Partial<DelegationView> & Pick<DelegationView, 'name' | 'role'>): DelegationView {
  return {
    id: randomBase32Id(),
    country: 'DE',
    local: false,
    verification: { method: 'fingerprint', at: '2025-03-01T09:00:00.000Z', by: randomBase32Id() },
    revoked: false,
    devices: 1,
    fingerprint: ['11111', '22222', '33333', '44444', '55555', '66666', '77777', '88888'],
    ...fields,
  };
}

const EMPTY_REPORT: IngestReport = { applied: 0, duplicates: 0, contentFilled: 0, redacted: 0, parked: 0, newConflicts: 0, rejected: [], flagged: [], forks: [], gaps: [], refused: null };

export function createFakeVault(options: FakeVaultOptions = {}): FakeVault {
  const now = options.now ?? (() => Date.now());
  const delay = options.retryDelayMs ?? defaultDelay;
  const latency = options.latencyMs ?? 0;
  let state: FakeVaultState = options.state ?? 'unlocked';
  let passphrase = options.passphrase ?? FAKE_PASSPHRASE;
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let failures = options.failures ?? 0;
  let lastFailureAt: number | null = failures > 0 ? now() : null;
  let terminated = false;
  let recoveryWords: string[] = state === 'empty' ? [] : randomWords();
  const calls: VaultRequest[] = [];
  const records = new Map<string, RecordView>((options.records ?? []).map((record) => [record.id, structuredClone(record)]));
  /** Open conflicts by `recordId/field`, in the order they arose. */
  const conflicts = new Map<string, Conflict>();
  const history = new Map<string, HistoryEntry[]>();
  let seq = 0;
  let lastWall = 0;
  let counter = 0;
  const audit: AuditEntry[] = [];
  const forced = new Map<VaultCommand, VaultClientError>();
  const others: DelegationView[] = [...(options.delegations ?? [])];
  const held = new Map<VaultCommand, Promise<void>>();

  let profile: Profile = {
    delegationId: randomBase32Id(),
    name: options.profile?.name ?? 'Estonia — Ministry of Foreign Affairs',
    country: options.profile?.country ?? 'EE',
    role: options.profile?.role ?? 'partner',
    deviceId: randomBase32Id(),
    fingerprint: ['12345', '67890', '13579', '24680', '11223', '34455', '66778', '89900'],
    kdf: { memoryKiB: 65536, iterations: 3, parallelism: 1 },
  };

  const log = (action: AuditAction, details: AuditEntry['details'] = {}): void => {
    const seq = audit.length;
    audit.push({ seq, at: new Date(now()).toISOString(), action, details, hash: seq.toString(16).padStart(64, '0') });
  };
  if (state !== 'empty') log('vault-created', { delegationId: profile.delegationId });

  const fail = (code: VaultErrorCode, message: string, extra: { retryAt?: string; details?: Record<string, string | number | (string | number)[]> } = {}): never => {
    throw new VaultClientError(code, message, extra);
  };
  const exchange = createFakeExchange({ profile: () => profile, others, records, now, log, fail });
  const retryAt = (): number | null => (failures > 0 && lastFailureAt !== null ? lastFailureAt + delay(failures) : null);
  const requireUnlocked = (): void => {
    if (state !== 'unlocked') fail('locked', 'The vault is locked.');
  };
  const checkPassphrase = (given: string): void => {
    const wait = retryAt();
    if (wait !== null && wait > now()) fail('retry-later', 'Wait before trying again.', { retryAt: new Date(wait).toISOString() });
    if (normalizePassphrase(given) !== passphrase) {
      failures += 1;
      lastFailureAt = now();
      const next = retryAt();
      fail('wrong-passphrase', 'Wrong passphrase.', next === null || next <= now() ? {} : { retryAt: new Date(next).toISOString() });
    }
  };
  const succeeded = (): void => {
    if (failures > 0) log('unlock-failed', { count: failures });
    failures = 0;
    lastFailureAt = null;
  };
  const newSheet = (): RecoverySheet => {
    recoveryWords = randomWords();
    return {
      v: 1,
      delegation: { name: profile.name, id: profile.delegationId },
      fingerprint: [...profile.fingerprint],
      recoveryWords: [...recoveryWords],
      nextRotationKeyWords: randomWords(),
      revocationCertificateB64: btoa('{"event":{"type":"revocation"},"signature":"fake"}'.repeat(4)),
      created: new Date(now()).toISOString(),
    };
  };

  const conflictKey = (recordId: string, field: string): string => `${recordId}/${field}`;

  /** The next local HLC (wall clock, counter within one millisecond) and a new change-set hash. */
  const nextWrite = (): ConflictHead => {
    const wall = now();
    counter = wall === lastWall ? counter + 1 : 0;
    lastWall = wall;
    seq += 1;
    const hlc = fakeHlc(wall, profile.deviceId, counter);
    return {
      cs: randomChangeSetHash(),
      value: null,
      hlc,
      at: new Date(wall).toISOString(),
      device: profile.deviceId,
      delegation: profile.delegationId,
      delegationName: profile.name,
    };
  };

  /** Marks a view with what is open against it, from the conflicts map. */
  const withMarkers = (view: RecordView): RecordView => {
    const open = [...conflicts.values()].filter((conflict) => conflict.recordId === view.id);
    return {
      ...view,
      // As shared/sync viewOf: every conflicting field, `_deleted` included for a delete conflict.
      conflicts: open.map((conflict) => conflict.field).sort(),
      deleteConflict: open.some((conflict) => conflict.field === '_deleted'),
    };
  };

  /**
   * One operation by this device: the value becomes the field's head, replacing the heads named in
   * `base` (all of them when omitted, as the worker does). Heads it did not name stay: still a conflict.
   * Simplified: a delete conflict ends once its `_deleted` heads are replaced, whatever the base says
   * of the unseen edits (tests assert the base the UI sends instead).
   */
  const applyOp = (
    view: RecordView,
    op: { readonly field: string; readonly value: Json; readonly base?: readonly string[] | undefined },
    write: ConflictHead,
  ): RecordView => {
    const key = conflictKey(view.id, op.field);
    const open = conflicts.get(key);
    const head: ConflictHead = { ...write, value: op.value };
    const show = (target: RecordView, value: Json): RecordView =>
      op.field === '_deleted' ? { ...target, deleted: value === true } : { ...target, values: { ...target.values, [op.field]: value } };
    let next = show(view, op.value);
    if (open !== undefined) {
      const base = new Set(op.base ?? [...open.heads.map((h) => h.cs), ...(open.unseenEdits ?? []).map((edit) => edit.head.cs)]);
      const remaining = open.heads.filter((h) => !base.has(h.cs));
      if (remaining.length === 0) conflicts.delete(key);
      else {
        // The displayed value stays the first head by HLC, on every replica.
        const heads = [head, ...remaining].sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0));
        conflicts.set(key, { ...open, heads });
        const shown = heads[0] as ConflictHead;
        next = show(next, shown.value);
      }
    }
    return { ...next, updated: write.hlc };
  };

  const logWrite = (view: RecordView, write: ConflictHead, ops: readonly { field: string; value: Json }[]): void => {
    const entries = history.get(view.id) ?? [];
    entries.push({
      cs: write.cs,
      seq,
      device: write.device,
      delegation: write.delegation,
      delegationName: write.delegationName,
      tlp: view.tlp,
      hlc: write.hlc,
      at: write.at,
      ops: ops.map(({ field, value }) => ({ field, value })),
    });
    history.set(view.id, entries);
  };

  const writeEdit = (edit: RecordEdit): RecordView => {
    const write = nextWrite();
    let view: RecordView;
    if (edit.record === undefined) {
      view = {
        id: `${profile.delegationId}-${randomBase32Id()}`,
        kind: edit.kind,
        owner: profile.delegationId,
        tlp: edit.tlp,
        deleted: false,
        values: {},
        conflicts: [],
        deleteConflict: false,
        created: write.hlc,
        updated: write.hlc,
      };
    } else {
      const existing = records.get(edit.record);
      if (existing === undefined) return fail('write-refused', `Unknown record ${edit.record}.`, { details: { reason: 'unknown-record' } });
      if (existing.owner !== profile.delegationId) return fail('write-refused', 'Only the owner may change a record.', { details: { reason: 'not-owner' } });
      if (existing.kind !== edit.kind) return fail('write-refused', 'The kind of a record cannot change.', { details: { reason: 'kind-mismatch' } });
      view = { ...existing, tlp: edit.tlp };
    }
    for (const op of edit.ops) view = applyOp(view, op, write);
    // The domain's ownership rules, as the sync layer applies them to local writes (an edit of an
    // existing record replaces earlier heads, so it has a base).
    const reason = kindRules.check({
      kind: view.kind,
      recordId: view.id,
      owner: view.owner,
      authorDelegation: profile.delegationId,
      values: view.values,
      ops: edit.ops.map((op) => ({ field: op.field, base: edit.record === undefined ? [] : (op.base ?? ['head']) })),
    });
    if (reason !== null) return fail('write-refused', `Kind rule: ${reason}.`, { details: { reason: 'kind-rule' } });
    view = withMarkers(view);
    records.set(view.id, view);
    logWrite(view, write, edit.ops);
    return view;
  };

  const syncStatus = (): VaultResult<'sync-status'> => ({
    versionVector: seq === 0 ? {} : { [profile.deviceId]: seq },
    chains: seq === 0 ? [] : [{ device: profile.deviceId, delegation: profile.delegationId, contiguous: seq, beyond: [], frozen: false }],
    contentMissing: 0,
    parked: 0,
    conflicts: conflicts.size,
    logSize: seq,
  });

  function answer(request: VaultRequest): unknown {
    switch (request.cmd) {
      case 'state': {
        const wait = retryAt();
        return { state, failures: { count: failures, retryAt: wait === null ? null : new Date(wait).toISOString() } };
      }
      case 'create': {
        if (state !== 'empty') fail('vault-exists', 'A vault already exists.');
        if (!passphraseRules(request.passphrase).ok) fail('passphrase-too-short', 'Too short.');
        passphrase = normalizePassphrase(request.passphrase);
        profile = { ...profile, name: request.profile.name, country: request.profile.country, role: request.profile.role };
        state = 'unlocked';
        settings = { ...DEFAULT_SETTINGS };
        log('vault-created', { delegationId: profile.delegationId });
        return { profile, recoverySheet: newSheet() };
      }
      case 'unlock':
        if (state === 'empty') fail('no-vault', 'No vault.');
        checkPassphrase(request.passphrase);
        succeeded();
        state = 'unlocked';
        log('unlock');
        return profile;
      case 'unlock-with-recovery': {
        if (state === 'empty') fail('no-vault', 'No vault.');
        try {
          wordsToBytes(request.words);
        } catch (error) {
          const reason = isCryptoError(error, 'mnemonic-word-count')
            ? { reason: 'word-count', count: normalizeWords(request.words).length }
            : isCryptoError(error, 'mnemonic-unknown-word')
              ? { reason: 'unknown-word', positions: [...((error.details['positions'] as readonly number[] | undefined) ?? [])] }
              : { reason: 'checksum' };
          fail('recovery-words-invalid', 'Recovery words invalid.', { details: reason });
        }
        if (normalizeWords(request.words).join(' ') !== recoveryWords.join(' ')) fail('recovery-key-mismatch', 'Another sheet.');
        if (!passphraseRules(request.newPassphrase).ok) fail('passphrase-too-short', 'Too short.');
        passphrase = normalizePassphrase(request.newPassphrase);
        succeeded();
        state = 'unlocked';
        log('recovery-used');
        return profile;
      }
      case 'lock':
        if (state === 'unlocked') log('locked');
        if (state !== 'empty') state = 'locked';
        return { locked: true };
      case 'profile':
        requireUnlocked();
        return profile;
      case 'change-passphrase':
        requireUnlocked();
        checkPassphrase(request.current);
        succeeded();
        if (!passphraseRules(request.next).ok) fail('passphrase-too-short', 'Too short.');
        passphrase = normalizePassphrase(request.next);
        log('passphrase-changed');
        return { changed: true };
      case 'renew-recovery-sheet':
        requireUnlocked();
        checkPassphrase(request.passphrase);
        succeeded();
        log('recovery-sheet-renewed');
        return { recoverySheet: newSheet() };
      case 'settings-get':
        requireUnlocked();
        return settings;
      case 'settings-set': {
        requireUnlocked();
        const given = Object.fromEntries(Object.entries(request.settings).filter(([, value]) => value !== undefined));
        const next = { ...settings, ...given };
        const changed = (Object.keys(next) as (keyof Settings)[]).filter((key) => next[key] !== settings[key]);
        settings = next;
        if (changed.some((key) => key !== 'storagePersisted')) {
          log('settings-changed', { changed: changed.filter((key) => key !== 'storagePersisted').join(', ') });
        }
        if (changed.includes('storagePersisted')) log('storage-persistence', { persisted: settings.storagePersisted });
        return settings;
      }
      case 'records-write': {
        requireUnlocked();
        // One transaction: nothing is kept when any edit is refused.
        const before = {
          records: new Map(records),
          conflicts: new Map(conflicts),
          history: new Map([...history].map(([id, entries]) => [id, [...entries]])),
          seq,
        };
        try {
          const written = request.edits.map(writeEdit);
          return { written: written.length, records: structuredClone(written) };
        } catch (error) {
          records.clear();
          for (const [id, view] of before.records) records.set(id, view);
          conflicts.clear();
          for (const [key, conflict] of before.conflicts) conflicts.set(key, conflict);
          history.clear();
          for (const [id, entries] of before.history) history.set(id, entries);
          seq = before.seq;
          throw error;
        }
      }
      case 'records-list':
        requireUnlocked();
        return { records: structuredClone([...records.values()]) };
      case 'record-history':
        requireUnlocked();
        if (!records.has(request.recordId)) fail('not-found', `No record ${request.recordId}.`);
        return { entries: structuredClone(history.get(request.recordId) ?? []) };
      case 'conflicts-list':
        requireUnlocked();
        return { conflicts: structuredClone([...conflicts.values()]) };
      case 'conflict-resolve': {
        requireUnlocked();
        const view = records.get(request.recordId);
        if (view === undefined) return fail('not-found', `No record ${request.recordId}.`);
        const op = { field: request.field, value: request.value, base: request.base };
        const record = writeEdit({ record: view.id, kind: view.kind, tlp: view.tlp, ops: [op] });
        return { record: structuredClone(record) };
      }
      case 'sync-status':
        requireUnlocked();
        return syncStatus();
      case 'log-rebuild':
        requireUnlocked();
        return { identical: true, records: records.size, changeSets: seq };
      case 'test-inject':
      case 'test-verify-delegation':
        // The fake is not a test build of the worker: seed conflicts with `seedConflict` instead.
        return fail('invalid-request', `${request.cmd} is refused outside test builds of the worker.`);
      case 'audit-list':
        requireUnlocked();
        return { entries: structuredClone(audit), chainIntact: options.chainIntact ?? true };
      case 'delegations-list':
        requireUnlocked();
        return { delegations: structuredClone(delegationList()) };
      case 'demo-load':
        requireUnlocked();
        return loadDemo(request.language, request.today);
      default:
        // The exchange commands (issue #7) are answered by fake-exchange.ts (see `request`).
        return undefined;
    }
  }

  function delegationList(): DelegationView[] {
    const own: DelegationView = {
      id: profile.delegationId,
      name: profile.name,
      country: profile.country,
      role: profile.role,
      local: true,
      verification: { method: 'own', at: new Date(now()).toISOString(), by: profile.delegationId },
      revoked: false,
      devices: 1,
      fingerprint: [...profile.fingerprint],
    };
    return [own, ...[...others].sort((a, b) => a.name.localeCompare(b.name))];
  }

  /**
   * `demo-load` as the worker does it, minus the keys: the same generator (shared/domain/demo-data.ts),
   * one delegation per demo key recorded as verified by "demo data", every record owned by its demo
   * delegation, written in list order. Refused unless the vault is empty.
   */
  function loadDemo(language: 'en' | 'uk', today?: string): VaultResult<'demo-load'> {
    if (records.size > 0 || seq > 0) return fail('write-refused', 'Demo data can only be loaded into an empty vault.', { details: { reason: 'not-empty' } });
    const at = new Date(now()).toISOString();
    const ids = new Map<DemoDelegationKey, string>();
    for (const demo of DEMO_DELEGATIONS) {
      const id = randomBase32Id();
      ids.set(demo.key, id);
      others.push({
        id,
        name: language === 'uk' ? demo.nameUk : demo.name,
        country: demo.country ?? 'ZZ',
        role: demo.role,
        local: false,
        verification: { method: 'demo-data', at, by: profile.delegationId },
        revoked: false,
        devices: 1,
        fingerprint: ['10000', '20000', '30000', '40000', '50000', '60000', '70000', '80000'],
      });
    }
    const idOf = (key: DemoDelegationKey): string => ids.get(key) ?? profile.delegationId;
    const demo = generateDemoData({ today: today ?? at.slice(0, 10) });
    const recordIds = new Map(demo.map((record) => [record.ref, `${idOf(record.delegation)}-${randomBase32Id()}`]));
    demo.forEach((record, index) => {
      const owner = idOf(record.delegation);
      const hlc = fakeHlc(now() - (demo.length - index) * 1000, owner);
      const id = recordIds.get(record.ref) ?? '';
      records.set(id, {
        id,
        kind: record.kind,
        owner,
        tlp: record.tlp,
        deleted: false,
        values: resolveDemoValues(record, (ref) => recordIds.get(ref) ?? ref, idOf),
        conflicts: [],
        deleteConflict: false,
        created: hlc,
        updated: hlc,
      });
    });
    return { report: { ...EMPTY_REPORT, applied: demo.length }, delegations: DEMO_DELEGATIONS.length, records: demo.length };
  }

  const fake: FakeVault = {
    get calls() {
      return calls;
    },
    callsOf<C extends VaultCommand>(cmd: C) {
      return calls.filter((call): call is VaultRequestFor<C> => call.cmd === cmd);
    },
    get terminated() {
      return terminated;
    },
    get state() {
      return state;
    },
    get settings() {
      return settings;
    },
    get passphrase() {
      return passphrase;
    },
    get recoveryWords() {
      return recoveryWords;
    },
    get audit() {
      return audit;
    },
    get profile() {
      return profile;
    },
    get records() {
      return records;
    },
    get conflicts() {
      return [...conflicts.values()];
    },
    get delegations() {
      return delegationList();
    },
    seedConflict(conflict, view) {
      const existing = view ?? records.get(conflict.recordId);
      if (existing === undefined) throw new Error(`seedConflict: no view of ${conflict.recordId}; pass one`);
      if (existing.id !== conflict.recordId || existing.kind !== conflict.kind) throw new Error('seedConflict: the view is of another record');
      conflicts.set(conflictKey(conflict.recordId, conflict.field), structuredClone(conflict));
      const shown = conflict.heads[0]?.value ?? null;
      const marked = withMarkers(
        conflict.field === '_deleted' ? { ...existing, deleted: shown === true } : { ...existing, values: { ...existing.values, [conflict.field]: shown } },
      );
      records.set(marked.id, structuredClone(marked));
    },
    seedRecords(views) {
      for (const view of views) records.set(view.id, structuredClone(view));
    },
    failNext(cmd, code, extra = {}) {
      forced.set(cmd, new VaultClientError(code, `forced failure of ${cmd}`, extra));
    },
    hold(cmd) {
      let release = (): void => undefined;
      held.set(
        cmd,
        new Promise<void>((resolve) => {
          release = () => {
            held.delete(cmd);
            resolve();
          };
        }),
      );
      return () => {
        release();
      };
    },
    get exchange() {
      return exchange;
    },
    async request<C extends VaultCommand>(request: VaultRequestFor<C>, options: VaultRequestOptions = {}): Promise<VaultResult<C>> {
      if (terminated) throw new VaultClientError('terminated', 'The vault client was terminated.');
      const parsed = vaultRequestSchema.parse(request);
      calls.push(parsed);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      await held.get(parsed.cmd);
      const forcedError = forced.get(parsed.cmd);
      if (forcedError !== undefined) {
        forced.delete(parsed.cmd);
        throw forcedError;
      }
      // The real worker answers asynchronously too; its progress reports are parsed as the client does.
      await Promise.resolve();
      let result: unknown;
      if (EXCHANGE_COMMANDS[parsed.cmd] === true) {
        requireUnlocked();
        const { onProgress } = options;
        const report = onProgress === undefined ? undefined : (progress: VaultProgress) => {
          onProgress(vaultProgressSchema.parse(progress));
        };
        result = await exchange.answer(parsed, report);
      } else result = answer(parsed);
      return vaultResultSchemas[parsed.cmd].parse(result) as VaultResult<C>;
    },
    terminate() {
      terminated = true;
    },
  };
  return fake;
}
