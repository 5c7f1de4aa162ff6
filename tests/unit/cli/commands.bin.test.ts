/**
 * The built `tallinn-desk` bin as a real process (run as `node <bin>`): exit codes and one-line errors
 * without stack traces, no hang on a FIFO or a missing passphrase, and the interoperability
 * path end to end: a bundle sealed by the CLI verifies with stock `minisign -V` against
 * `card --minisign-pub` and decrypts with stock `age -d` using `identity --age`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../cli/bin/tallinn-desk.mjs');
const EXAMPLE = join(import.meta.dirname, '../../fixtures/records-example.json');
const ENV = { ...process.env, TALLINN_DESK_PASSPHRASE: 'Київ — Таллінн, грудень 2023', TALLINN_DESK_TEST_KDF: 'floor' };
let dir: string;

async function cli(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string; killed?: boolean };
    if (e.killed === true) throw new Error(`tallinn-desk ${args.join(' ')} hung`);
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function oneErrorLine(result: { code: number; stderr: string }, code: number, reason: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stderr).toMatch(/^error: [^\n]+\n$/u);
  expect(result.stderr).toMatch(reason);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tdesk-bin-'));
  for (const [name, country, role] of [
    ['Державна служба спеціального зв’язку', 'UA', 'beneficiary'],
    ['Ministry of Foreign Affairs of Estonia', 'EE', 'partner'],
  ] as const) {
    const result = await cli(['keygen', '--name', name, '--country', country, '--role', role, '--out', join(dir, country)]);
    expect(result.code, result.stderr).toBe(0);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tallinn-desk as a process', () => {
  it('a CLI-sealed bundle verifies with stock minisign and decrypts with stock age', async () => {
    const sealed = await cli(['seal', '--identity', join(dir, 'UA', 'identity.tdesk-id'), '--to', join(dir, 'EE', 'card.tdesk-card'), '--records', EXAMPLE, '--out', join(dir, 'out')]);
    expect(sealed.code, sealed.stderr).toBe(0);
    const bundle = sealed.stdout.trim();
    const pub = await cli(['card', '--minisign-pub', join(dir, 'UA', 'card.tdesk-card')]);
    const pubFile = join(dir, 'ua.pub');
    execFileSync('tee', [pubFile], { input: pub.stdout, stdio: ['pipe', 'ignore', 'inherit'] });
    expect(execFileSync('/usr/bin/minisign', ['-V', '-p', pubFile, '-m', bundle], { encoding: 'utf8' })).toContain('Signature and comment signature verified');
    const key = join(dir, 'ee.agekey');
    expect((await cli(['identity', '--age', join(dir, 'EE', 'identity.tdesk-id'), '--out', key])).code).toBe(0);
    const plaintext = execFileSync('/usr/bin/age', ['-d', '-i', key, bundle]);
    expect(plaintext.length).toBeGreaterThan(32);
    const opened = await cli(['open', bundle, '--identity', join(dir, 'EE', 'identity.tdesk-id'), '--trust', join(dir, 'UA', 'card.tdesk-card')]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(readFileSync(`${bundle}.minisig`, 'utf8')).toMatch(/^untrusted comment: /u);
  });

  it('fails with one error line and exit 1, never a stack trace', async () => {
    const card = join(dir, 'UA', 'card.tdesk-card');
    oneErrorLine(await cli(['verify', join(dir, 'none.tdesk.age'), '--trust', card]), 1, /does not exist/u);
    oneErrorLine(await cli(['verify', card, '--trust', card]), 1, /signature file/u);
    oneErrorLine(await cli(['card', join(dir, 'UA', 'identity.tdesk-id')]), 1, /not valid/u);
    oneErrorLine(await cli(['open', card, '--identity', card, '--trust', card]), 1, /.+/u);
  });

  it('never hangs: a FIFO is refused before it is opened, a missing passphrase fails at once', async () => {
    const fifo = join(dir, 'fifo.tdesk.age');
    execFileSync('mkfifo', [fifo]);
    oneErrorLine(await cli(['verify', fifo, '--trust', join(dir, 'UA', 'card.tdesk-card')]), 1, /not a regular file/u);
    oneErrorLine(await cli(['card', '/dev/zero']), 1, /not a regular file/u);
    const env = { ...ENV, TALLINN_DESK_PASSPHRASE: '' };
    oneErrorLine(await cli(['identity', '--age', join(dir, 'EE', 'identity.tdesk-id')], env), 1, /no passphrase/u);
  });

  it('usage errors exit 2', async () => {
    const result = await cli(['open']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: open needs exactly one BUNDLE\nUsage: tallinn-desk open/u);
  });
});
