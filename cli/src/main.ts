/**
 * `tallinn-desk`: the command line for checkpoint officers and recovery. It is built on shared/ only, so
 * what it checks is exactly what the app checks. This file holds the dispatcher, `--help` and
 * `--version`, and the rule that no error ever surfaces as a stack trace: every failure is one line
 * `error: <reason>` on stderr, with exit 1 for a verification or validation failure and 2 for a usage
 * error.
 */
import { enableFastHashing } from '@shared/crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { card, cardOptions, cardUsage } from './commands/card';
import { identity, identityOptions, identityUsage } from './commands/identity';
import { inspect, inspectUsage } from './commands/inspect';
import { keygen, keygenOptions, keygenUsage } from './commands/keygen';
import { open, openOptions, openUsage } from './commands/open';
import { seal, sealOptions, sealUsage } from './commands/seal';
import { verify, verifyOptions, verifyUsage } from './commands/verify';
import { type CliContext, TIMINGS_ENV } from './context';
import { Failure, reasonOf, UsageError } from './errors';
import { EXIT, type ExitCode, type Output } from './output';
import { nodeTerminal, type Terminal } from './passphrase';

const USAGE = `Usage: tallinn-desk [--help] [--version] <command> [options]

Tallinn Desk command line: verify and open bundle files at the air gap, and
manage identities for recovery. Works offline; never contacts a network.

Options:
  -h, --help       show this help and exit
  -v, --version    print the version and exit

Commands:
  keygen    --name NAME --country CC [--role ROLE] --out DIR   new identity and contact card
  card      [--minisign-pub] CARD                              check a contact card
  identity  --age ID [--out FILE]                              export the age identity (recovery)
  seal      --identity ID --to CARD… --records FILE --out DIR  write records into a bundle
  verify    BUNDLE --trust CARD…                               check signature and signer (no decryption)
  open      BUNDLE --identity ID --trust CARD… [--json]        the whole reading pipeline, no vault
  inspect   BUNDLE                                             show the signed metadata, NOT verified
Run \`tallinn-desk <command> --help\` for a command's details.

The passphrase of an identity comes from TALLINN_DESK_PASSPHRASE or is asked on the terminal.

Exit status: 0 success, 1 verification or validation failure, 2 usage error.
`;

type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly positionals: boolean;
  run(context: CliContext, values: Values, positionals: readonly string[]): Promise<ExitCode>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  keygen: { usage: keygenUsage, options: keygenOptions, positionals: false, run: (c, v) => keygen(c, v) },
  card: { usage: cardUsage, options: cardOptions, positionals: true, run: (c, v, p) => card(c, v, p) },
  identity: { usage: identityUsage, options: identityOptions, positionals: false, run: (c, v) => identity(c, v) },
  seal: { usage: sealUsage, options: sealOptions, positionals: false, run: (c, v) => seal(c, v) },
  verify: { usage: verifyUsage, options: verifyOptions, positionals: true, run: (c, v, p) => verify(c, v, p) },
  open: { usage: openUsage, options: openOptions, positionals: true, run: (c, v, p) => open(c, v, p) },
  inspect: { usage: inspectUsage, options: {}, positionals: true, run: (c, v, p) => inspect(c, v, p) },
};

export interface MainOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly terminal?: Terminal;
  readonly now?: () => number;
}

export async function main(argv: readonly string[], out: Output, options: MainOptions = {}): Promise<ExitCode> {
  const context: CliContext = {
    out,
    env: options.env ?? process.env,
    terminal: options.terminal ?? nodeTerminal,
    now: options.now ?? Date.now,
    timings: new Map(),
  };
  const started = performance.now();
  let code: ExitCode;
  try {
    // BLAKE2b in WebAssembly: same bytes as the JavaScript engine, ~10x faster on bundles of change-sets.
    await enableFastHashing();
    code = await run(argv, context);
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr.write(`error: ${reasonOf(error)}\n${error.usage ?? USAGE}`);
      code = EXIT.usage;
    } else {
      // Never a stack trace: one line a checkpoint officer can read and act on.
      out.stderr.write(`error: ${reasonOf(error)}\n`);
      code = EXIT.failure;
    }
  }
  if (context.env[TIMINGS_ENV] === '1') {
    const parts = [...context.timings].map(([name, ms]) => `${name}=${ms.toFixed(1)}`);
    out.stderr.write(`timing: ${[...parts, `total=${(performance.now() - started).toFixed(1)}`].join(' ')}\n`);
  }
  return code;
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
}

async function run(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const [first, ...rest] = argv;
  const command = first === undefined ? undefined : COMMANDS[first];
  if (command === undefined || first === undefined || first.startsWith('-')) {
    const { values, positionals } = parse(argv, { version: { type: 'boolean', short: 'v' } }, USAGE);
    if (values['help'] === true) {
      context.out.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (values['version'] === true) {
      context.out.stdout.write(`tallinn-desk ${__APP_VERSION__}\n`);
      return EXIT.ok;
    }
    const [name] = positionals;
    if (name === undefined) throw new UsageError('no command given');
    throw new UsageError(`unknown command '${name}'`);
  }
  const { values, positionals } = parse(rest, command.options, command.usage);
  if (values['help'] === true) {
    context.out.stdout.write(command.usage);
    return EXIT.ok;
  }
  if (!command.positionals && positionals.length > 0) throw new UsageError(`${first} takes no positional arguments (found '${positionals[0] ?? ''}')`, command.usage);
  return command.run(context, values, positionals);
}

// Only Failure and UsageError are thrown on purpose; the re-export keeps them one import away for tests.
export { Failure, UsageError };
