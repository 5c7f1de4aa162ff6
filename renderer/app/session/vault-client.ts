/**
 * Failures of the vault worker's client (renderer/vault-worker) as the UI handles them. The client
 * rejects with a VaultClientError whose `code` is a protocol error code or one of the client's own
 * (`timeout`, `worker-failed`, `terminated`: the worker is gone; `invalid-response`: a bug).
 * `toVaultFailure` reads any rejection without depending on the class, so a fake client in tests or an
 * unexpected exception are turned into something the UI can put into words, never a stack trace.
 */
import { vaultErrorCodeSchema, type VaultError, type VaultErrorCode } from '@shared/ipc/vault-protocol';

export type { VaultClient } from '../../vault-worker';

/** Client codes after which the worker is gone: the session cannot go on and must lock (reload). */
const FATAL_CLIENT_CODES = new Set(['timeout', 'worker-failed', 'terminated']);

/** A failed vault operation as the UI sees it: the protocol's code and the facts its message needs. */
export interface VaultFailure {
  readonly code: VaultErrorCode;
  /** When the next attempt is accepted (ISO date), for wrong passphrases and `retry-later`. */
  readonly retryAt?: string;
  readonly details?: NonNullable<VaultError['details']>;
  /** The worker is gone (timed out, crashed, terminated): nothing more can be asked of this client. */
  readonly fatal?: true;
}

function isDetails(value: unknown): value is NonNullable<VaultError['details']> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value as Record<string, unknown>).every(
    (item) =>
      typeof item === 'string' ||
      typeof item === 'number' ||
      (Array.isArray(item) && item.every((entry) => typeof entry === 'string' || typeof entry === 'number')),
  );
}

/**
 * Any rejection from the client → a VaultFailure. Something without a protocol code is `internal`: the
 * UI says the vault did not answer as expected. A dead worker is `internal` and `fatal`.
 */
export function toVaultFailure(error: unknown): VaultFailure {
  if (typeof error !== 'object' || error === null) return { code: 'internal' };
  const { code, retryAt, details } = error as { code?: unknown; retryAt?: unknown; details?: unknown };
  if (typeof code === 'string' && FATAL_CLIENT_CODES.has(code)) return { code: 'internal', fatal: true };
  const parsed = vaultErrorCodeSchema.safeParse(code);
  if (!parsed.success) return { code: 'internal' };
  return {
    code: parsed.data,
    ...(typeof retryAt === 'string' && !Number.isNaN(Date.parse(retryAt)) ? { retryAt } : {}),
    ...(isDetails(details) ? { details } : {}),
  };
}

/** Thrown by the session's operations: a VaultFailure with Error's shape, for `catch`. */
export class VaultOperationError extends Error {
  override readonly name = 'VaultOperationError';
  readonly failure: VaultFailure;

  constructor(failure: VaultFailure) {
    super(`vault operation failed: ${failure.code}`);
    this.failure = failure;
  }
}

/** The VaultFailure behind anything a session operation threw. */
export function failureOf(error: unknown): VaultFailure {
  return error instanceof VaultOperationError ? error.failure : toVaultFailure(error);
}
