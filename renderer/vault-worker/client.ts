/**
 * The UI side of the vault protocol: starts the vault worker and turns requests into promises.
 *
 *   const vault = createVaultClient();
 *   const profile = await vault.request({ cmd: 'unlock', passphrase });   // typed: Profile
 *
 * Every response is checked twice before the UI sees it: the envelope (shared/ipc vaultResponseEnvelopeSchema)
 * and the command's result schema (vaultResultSchemas). A failure rejects with `VaultClientError`, whose
 * `code` is a protocol error code (shown to the user in their language) or one of the client's own:
 * - `timeout`: no answer within the timeout (default 2 minutes: calibration and Argon2id take seconds, a
 *   tampered but in-bounds parameter set could take a minute). The worker's state is then unknown, so it
 *   is terminated and every other pending call fails with `worker-failed`;
 * - `worker-failed`: the worker died (`error` / `messageerror` event) or was stopped after a timeout;
 * - `invalid-response`: an answer that does not match the protocol (a bug, never shown as data);
 * - `terminated`: the client was terminated (after `lock`, the UI terminates it and reloads).
 * After `timeout`, `worker-failed` or `terminated` the client is dead: the UI treats it like a lock.
 */
import {
  type VaultCommand,
  type VaultError,
  type VaultErrorCode,
  type VaultProgress,
  vaultProgressEnvelopeSchema,
  type VaultRequest,
  vaultResponseEnvelopeSchema,
  type VaultResult,
  vaultResultSchemas,
} from '@shared/ipc/vault-protocol';
import { trustedVaultWorkerUrl } from './trusted-worker-url';
import { VAULT_WORKER_NAME } from './worker-options';

export type VaultRequestFor<C extends VaultCommand> = Extract<VaultRequest, { cmd: C }>;

/** Per-call options of `request`. */
export interface VaultRequestOptions {
  /**
   * Receives the progress the worker reports while the command runs (export-seal, import-bundles), parsed
   * with the protocol schema. Each report also restarts the call's timeout: a long import that keeps
   * reporting is alive.
   */
  readonly onProgress?: (progress: VaultProgress) => void;
}

/** What the UI depends on; tests of the UI inject a fake. */
export interface VaultClient {
  request<C extends VaultCommand>(request: VaultRequestFor<C>, options?: VaultRequestOptions): Promise<VaultResult<C>>;
  /** Stops the worker (its keys die with it) and rejects every pending call with `terminated`. */
  terminate(): void;
}

export type VaultClientErrorCode = VaultErrorCode | 'timeout' | 'worker-failed' | 'invalid-response' | 'terminated';

export class VaultClientError extends Error {
  override readonly name = 'VaultClientError';
  readonly code: VaultClientErrorCode;
  /** For `wrong-passphrase` and `retry-later`: when the next attempt is accepted (ISO 8601). */
  readonly retryAt: string | undefined;
  readonly details: VaultError['details'];

  constructor(code: VaultClientErrorCode, message: string, options: { retryAt?: string | undefined; details?: VaultError['details'] } = {}) {
    super(message);
    this.code = code;
    this.retryAt = options.retryAt;
    this.details = options.details;
  }
}

/** The part of `Worker` the client uses, so tests can pass a fake. */
export interface VaultWorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
}

export type VaultWorkerFactory = () => VaultWorkerLike;

/**
 * Deliberately shadows the global `Worker` in this module. Vite bundles a worker only when it sees the
 * literal form `new Worker(new URL('./file', import.meta.url), …)`, which it rewrites to the built URL;
 * the document's Trusted Types policy then refuses that URL unless it arrives as a TrustedScriptURL
 * (trusted-worker-url.ts). This subclass keeps the form Vite needs and converts the URL it is given.
 */
const Worker = class TrustedVaultWorker extends globalThis.Worker {
  constructor(url: URL, options: WorkerOptions) {
    // The Worker constructor accepts a TrustedScriptURL; the DOM typings here only list string | URL.
    super(trustedVaultWorkerUrl(url) as string, options);
  }
};

/**
 * The production worker: bundled as its own file (`assets/vault-worker-[hash].js`, the one path whose CSP
 * allows WebAssembly; see vault-worker.ts).
 */
export function createVaultWorker(): VaultWorkerLike {
  return new Worker(new URL('./vault-worker.ts', import.meta.url), { type: 'module', name: VAULT_WORKER_NAME });
}

export const DEFAULT_VAULT_TIMEOUT_MS = 120_000;

export interface VaultClientOptions {
  readonly timeoutMs?: number;
}

interface Pending {
  readonly cmd: VaultCommand;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: VaultClientError) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Starts the timeout again (after a progress report). */
  readonly rearm: () => void;
  readonly onProgress: ((progress: VaultProgress) => void) | undefined;
}

export function createVaultClient(workerFactory: VaultWorkerFactory = createVaultWorker, options: VaultClientOptions = {}): VaultClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VAULT_TIMEOUT_MS;
  const worker = workerFactory();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: VaultClientError | null = null;

  const settle = (id: number): Pending | undefined => {
    const call = pending.get(id);
    if (call === undefined) return undefined;
    pending.delete(id);
    clearTimeout(call.timer);
    return call;
  };

  /** Stops the worker and fails every pending call; later calls fail with `error`. */
  const kill = (error: VaultClientError): void => {
    if (dead !== null) return;
    dead = error;
    worker.terminate();
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };

  worker.addEventListener('message', (event) => {
    const data = (event as MessageEvent<unknown>).data;
    if (typeof data === 'object' && data !== null && 'progress' in data) {
      const progress = vaultProgressEnvelopeSchema.safeParse(data);
      // A malformed progress report is dropped: it carries nothing the answer depends on.
      if (!progress.success) return;
      const call = pending.get(progress.data.id);
      if (call === undefined) return;
      call.rearm();
      try {
        call.onProgress?.(progress.data.progress);
      } catch {
        // The UI's listener failing must not fail the call.
      }
      return;
    }
    const parsed = vaultResponseEnvelopeSchema.safeParse(data);
    if (!parsed.success) {
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id === 'number') settle(id)?.reject(new VaultClientError('invalid-response', 'The vault worker sent a malformed answer.'));
      return;
    }
    const response = parsed.data;
    const call = settle(response.id);
    if (call === undefined) return;
    if (!response.ok) {
      const { code, message, retryAt, details } = response.error;
      call.reject(new VaultClientError(code, message, { retryAt, details }));
      return;
    }
    const result = vaultResultSchemas[call.cmd].safeParse(response.result);
    if (result.success) call.resolve(result.data);
    else call.reject(new VaultClientError('invalid-response', `The vault worker's answer to ${call.cmd} does not match the protocol.`));
  });
  worker.addEventListener('error', (event) => {
    const message = event instanceof ErrorEvent && event.message !== '' ? event.message : 'the worker stopped';
    kill(new VaultClientError('worker-failed', `The vault worker failed: ${message}.`));
  });
  worker.addEventListener('messageerror', () => {
    kill(new VaultClientError('worker-failed', 'The vault worker sent a message that could not be read.'));
  });

  return {
    request<C extends VaultCommand>(request: VaultRequestFor<C>, requestOptions: VaultRequestOptions = {}): Promise<VaultResult<C>> {
      if (dead !== null) return Promise.reject(dead);
      const id = nextId;
      nextId += 1;
      return new Promise<VaultResult<C>>((resolve, reject) => {
        const expire = (): void => {
          settle(id)?.reject(new VaultClientError('timeout', `The vault did not answer ${request.cmd} within ${Math.round(timeoutMs / 1000)} s.`));
          kill(new VaultClientError('worker-failed', 'The vault worker was stopped after a request timed out.'));
        };
        const call: Pending = {
          cmd: request.cmd,
          resolve: resolve as (value: unknown) => void,
          reject,
          timer: setTimeout(expire, timeoutMs),
          rearm: () => {
            clearTimeout(call.timer);
            call.timer = setTimeout(expire, timeoutMs);
          },
          onProgress: requestOptions.onProgress,
        };
        pending.set(id, call);
        try {
          worker.postMessage({ id, request });
        } catch (error) {
          settle(id)?.reject(new VaultClientError('invalid-request', `The request could not be sent: ${String(error)}`));
        }
      });
    },
    terminate(): void {
      kill(new VaultClientError('terminated', 'The vault client was terminated.'));
    },
  };
}
