/**
 * The one way the main process answers IPC. Every channel goes through `handle`, which checks the sender
 * before anything else, parses the arguments with the channel's zod schema, and turns every failure into
 * a plain Error whose message says what was wrong: the renderer gets a rejected promise, main keeps
 * running. The registry also remembers which channels it guards, which is what the posture reports.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { z } from 'zod';
import { isTrustedSender } from './sender';

/** Thrown for a call refused before it ran: untrusted sender or malformed arguments. */
export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}

/** "files.0.name: file name is a reserved device name; ..." — short enough to show, precise enough to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? 'request' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
}

export interface GuardedIpc {
  /**
   * Registers `run` for `channel`. `schema` parses the one argument the renderer sends (a channel that
   * takes none uses `z.undefined()`); a second argument is refused.
   */
  handle<S extends z.ZodType, R>(channel: string, schema: S, run: (request: z.output<S>) => Promise<R>): void;
  /** The channels registered through this guard. */
  guardedChannels(): ReadonlySet<string>;
}

export function createGuardedIpc(ipcMain: IpcMain, trustedContents: () => WebContents | null): GuardedIpc {
  const channels = new Set<string>();
  return {
    handle(channel, schema, run) {
      channels.add(channel);
      ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
        if (!isTrustedSender(event, trustedContents())) {
          throw new IpcRefusedError(`${channel} refused: the caller is not the Tallinn Desk window`);
        }
        if (args.length > 1) {
          throw new IpcRefusedError(`${channel} refused: expected at most one argument, got ${args.length}`);
        }
        const parsed = schema.safeParse(args[0]);
        if (!parsed.success) {
          throw new IpcRefusedError(`${channel} refused: invalid request: ${describeIssues(parsed.error)}`);
        }
        return run(parsed.data);
      });
    },
    guardedChannels: () => channels,
  };
}
