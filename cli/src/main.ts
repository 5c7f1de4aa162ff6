/**
 * `tallinn-desk`: the command line for checkpoint officers and recovery. It is built on shared/ only, so
 * what it checks is exactly what the app checks. Commands arrive with later issues; this file holds the
 * dispatcher, `--help` and `--version`, and the rule that no error ever surfaces as a stack trace.
 */
import { parseArgs } from 'node:util';
import { EXIT, type ExitCode, type Output } from './output';

const USAGE = `Usage: tallinn-desk [--help] [--version] <command> [options]

Tallinn Desk command line: verify and open bundle files at the air gap, and
manage identities for recovery. Works offline; never contacts a network.

Options:
  -h, --help       show this help and exit
  -v, --version    print the version and exit

Commands:
  (none yet: bundle verification, keygen and recovery commands arrive with
   the bundle format)

Exit status: 0 success, 1 verification or validation failure, 2 usage error.
`;

export async function main(argv: readonly string[], out: Output): Promise<ExitCode> {
  try {
    return await run(argv, out);
  } catch (error) {
    // Never a stack trace: one line a checkpoint officer can read and act on.
    const reason = error instanceof Error ? error.message : String(error);
    out.stderr.write(`error: ${reason}\n`);
    return EXIT.failure;
  }
}

function run(argv: readonly string[], out: Output): ExitCode | Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(out, error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help === true) {
    out.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (parsed.values.version === true) {
    out.stdout.write(`tallinn-desk ${__APP_VERSION__}\n`);
    return EXIT.ok;
  }
  const [command] = parsed.positionals;
  if (command === undefined) return usageError(out, 'no command given');
  return usageError(out, `unknown command '${command}'`);
}

function usageError(out: Output, reason: string): ExitCode {
  out.stderr.write(`error: ${reason}\n${USAGE}`);
  return EXIT.usage;
}
