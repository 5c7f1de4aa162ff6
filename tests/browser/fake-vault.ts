/**
 * An in-memory VaultClient for component tests: the protocol of shared/ipc/vault-protocol.ts with the
 * worker's observable behaviour (passphrase check with a growing delay, recovery words with the same
 * three mistakes, settings, an audit log) and none of its cryptography. Every request and every answer
 * is parsed with the protocol's schemas, so a test that passes here cannot hide a call the real worker
 * would refuse. Failures are the real client's VaultClientError.
 */
import { bytesToWords, normalizeWords, wordsToBytes } from '@shared/crypto/mnemonic';
import { isCryptoError } from '@shared/crypto/errors';
import { normalizePassphrase, passphraseRules } from '@shared/crypto/passphrase';
import {
  DEFAULT_SETTINGS,
  vaultRequestSchema,
  vaultResultSchemas,
  type AuditAction,
  type AuditEntry,
  type Profile,
  type Settings,
  type VaultCommand,
  type VaultErrorCode,
  type VaultRecord,
  type VaultRequest,
  type VaultResult,
} from '@shared/ipc/vault-protocol';
import type { RecoverySheet } from '@shared/crypto/recovery-sheet';
import { VaultClientError, type VaultClient, type VaultRequestFor } from '../../renderer/vault-worker';

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
  /** Records the vault holds from the start. */
  readonly records?: readonly VaultRecord[];
  /** Milliseconds every answer waits, to let a test see a progress state. */
  readonly latencyMs?: number;
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
}

function defaultDelay(failures: number): number {
  return failures <= 2 ? 0 : Math.min(2 ** (failures - 2) * 1000, 300_000);
}

function randomWords(): string[] {
  return bytesToWords(crypto.getRandomValues(new Uint8Array(32)));
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
function randomDelegationId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(26)), (byte) => BASE32[byte % 32]).join('');
}

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
  const records = new Map<string, VaultRecord>((options.records ?? []).map((record) => [record.id, record]));
  const audit: AuditEntry[] = [];
  const forced = new Map<VaultCommand, VaultClientError>();
  const held = new Map<VaultCommand, Promise<void>>();

  let profile: Profile = {
    delegationId: randomDelegationId(),
    name: options.profile?.name ?? 'Estonia — Ministry of Foreign Affairs',
    country: options.profile?.country ?? 'EE',
    role: options.profile?.role ?? 'partner',
    deviceId: 'device-1',
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
      case 'records-put':
        requireUnlocked();
        for (const record of request.records) records.set(record.id, structuredClone(record));
        return { written: request.records.length };
      case 'records-list':
        requireUnlocked();
        return { records: structuredClone([...records.values()]) };
      case 'audit-list':
        requireUnlocked();
        return { entries: structuredClone(audit), chainIntact: options.chainIntact ?? true };
    }
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
    async request<C extends VaultCommand>(request: VaultRequestFor<C>): Promise<VaultResult<C>> {
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
      // The real worker answers asynchronously too.
      await Promise.resolve();
      return vaultResultSchemas[parsed.cmd].parse(answer(parsed)) as VaultResult<C>;
    },
    terminate() {
      terminated = true;
    },
  };
  return fake;
}
