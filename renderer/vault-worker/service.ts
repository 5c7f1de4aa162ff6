/**
 * The vault service: one object owning the database, the repository, the session and the KDF policy, and
 * turning protocol messages into command calls. It runs in the worker (vault-worker.ts) and, for tests
 * that need to reach inside a transaction, directly in a page.
 *
 * `handleMessage` is the protocol boundary: it parses every envelope with the shared zod schema, runs the
 * command, and answers `{id, ok: true, result}` or `{id, ok: false, error}`. It never throws: every failure
 * becomes a protocol error (errors.ts).
 */
import {
  type VaultCommand,
  type VaultProgress,
  type VaultRequest,
  vaultRequestEnvelopeSchema,
  type VaultResponseEnvelope,
  type VaultResult,
} from '@shared/ipc/vault-protocol';
import { COMMANDS, type VaultContext } from './commands';
import { VaultDatabase, VAULT_DB_NAME } from './db';
import { toVaultError } from './errors';
import { calibratingPolicy, type KdfPolicy } from './kdf-policy';
import { type RepositoryHooks, VaultRepository } from './repository';
import { VaultSession } from './session';

export interface VaultServiceOptions {
  readonly dbName?: string;
  readonly kdf?: KdfPolicy;
  readonly hooks?: RepositoryHooks;
  readonly now?: () => Date;
  /** Accept the test-only commands (worker-options.ts); false unless a test asked for them. */
  readonly testCommands?: boolean;
}

type AnyHandler = (ctx: VaultContext, request: VaultRequest) => Promise<unknown>;

function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/** Receives the progress of the request being run (worker-endpoint.ts posts it as `{id, progress}`). */
export type ProgressSink = (progress: VaultProgress) => void;

export class VaultService {
  readonly db: VaultDatabase;
  readonly context: VaultContext;
  /** The sink of the request being run; commands run one at a time (serial-queue.ts). */
  private progressSink: ProgressSink | null = null;

  constructor(options: VaultServiceOptions = {}) {
    this.db = new VaultDatabase(options.dbName ?? VAULT_DB_NAME);
    this.context = {
      repo: new VaultRepository(this.db, options.hooks),
      session: new VaultSession(),
      kdf: options.kdf ?? calibratingPolicy(),
      now: options.now ?? (() => new Date()),
      testCommands: options.testCommands ?? false,
      progress: (progress) => {
        try {
          this.progressSink?.(progress);
        } catch {
          // A progress message that cannot be posted must not fail the command.
        }
      },
    };
  }

  /** Runs one (already validated) request; throws on failure. `onProgress` receives its progress reports. */
  async execute<C extends VaultCommand>(request: Extract<VaultRequest, { cmd: C }>, onProgress?: ProgressSink): Promise<VaultResult<C>> {
    const handler = COMMANDS[request.cmd] as AnyHandler;
    this.progressSink = onProgress ?? null;
    try {
      return (await handler(this.context, request)) as VaultResult<C>;
    } finally {
      this.progressSink = null;
    }
  }

  /**
   * One protocol message in, one response out (null when the message has no id to answer to).
   * `postProgress` receives the request's progress envelopes, all before the response.
   */
  async handleMessage(data: unknown, postProgress?: (envelope: { id: number; progress: VaultProgress }) => void): Promise<VaultResponseEnvelope | null> {
    const parsed = vaultRequestEnvelopeSchema.safeParse(data);
    if (!parsed.success) {
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
      return { id, ok: false, error: { code: 'invalid-request', message: `Invalid request (${describeIssue(parsed.error)}).` } };
    }
    const { id, request } = parsed.data;
    try {
      const sink =
        postProgress === undefined
          ? undefined
          : (progress: VaultProgress) => {
              postProgress({ id, progress });
            };
      return { id, ok: true, result: await this.execute(request, sink) };
    } catch (error) {
      return { id, ok: false, error: toVaultError(error) };
    }
  }

  /** Zeroes the keys and closes the database (tests; the worker is simply terminated). */
  close(): void {
    this.context.session.lock();
    this.db.close();
  }
}
