/**
 * The identity passphrase: from the environment variable TALLINN_DESK_PASSPHRASE, or asked on the
 * terminal without echo. Never read from a pipe: without a terminal and without the variable the
 * command fails at once instead of waiting for input that will not come.
 */
import { Failure } from './errors';

export const PASSPHRASE_ENV = 'TALLINN_DESK_PASSPHRASE';

export interface Terminal {
  readonly isTTY: boolean;
  /** Reads one line without echo, after writing `prompt` to stderr. */
  readHidden(prompt: string): Promise<string>;
}

export const nodeTerminal: Terminal = {
  get isTTY() {
    return process.stdin.isTTY && process.stderr.isTTY;
  },
  readHidden(prompt) {
    return new Promise((resolve, reject) => {
      const stdin = process.stdin;
      process.stderr.write(prompt);
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.resume();
      let value = '';
      const finish = (error: Error | null): void => {
        stdin.off('data', onData);
        stdin.setRawMode(false);
        stdin.pause();
        process.stderr.write('\n');
        if (error === null) resolve(value);
        else reject(error);
      };
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') { finish(null); return; }
          if (ch === '\u0003') { finish(new Failure('cancelled')); return; }
          if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
  },
};

export async function obtainPassphrase(env: Readonly<Record<string, string | undefined>>, terminal: Terminal, options: { confirm: boolean }): Promise<string> {
  const fromEnv = env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!terminal.isTTY) throw new Failure(`no passphrase: set ${PASSPHRASE_ENV} or run the command in a terminal`);
  const first = await terminal.readHidden('Identity passphrase: ');
  if (options.confirm) {
    const second = await terminal.readHidden('Repeat the passphrase: ');
    if (first !== second) throw new Failure('the two passphrases differ');
  }
  return first;
}
