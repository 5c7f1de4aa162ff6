/**
 * The two ways a command fails: `Failure` (exit 1: a verification or validation failure, a missing or
 * unreadable file) and `UsageError` (exit 2: the command line itself is wrong). Both carry one line of
 * English for `error: <reason>`; main.ts turns every other exception into a Failure, never a stack trace.
 */
import { escapeControl, isBundleError } from '@shared/bundle';
import { isCryptoError } from '@shared/crypto';

export class Failure extends Error {
  override readonly name = 'Failure';
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The usage text of the command the error is about (printed after the error line). */
  readonly usage: string | undefined;
  constructor(message: string, usage?: string) {
    super(message);
    this.usage = usage;
  }
}

/** One printable line: control characters escaped, whitespace runs folded. */
export function oneLine(text: string): string {
  return escapeControl(text.replace(/\s*[\r\n]+\s*/gu, ' ')).trim();
}

/** The reason shown after `error: ` for anything thrown. */
export function reasonOf(error: unknown): string {
  if (isBundleError(error) || isCryptoError(error) || error instanceof Failure || error instanceof UsageError) return oneLine(error.message);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return oneLine(`${code}: ${error.message}`);
    return oneLine(error.message);
  }
  return oneLine(String(error));
}
