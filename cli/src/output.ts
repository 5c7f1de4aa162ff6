/** Where a command writes. Passed in rather than taken from `process`, so tests capture it. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit codes of every command (issue #6 fixes them): success, a verification or validation failure, a usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
