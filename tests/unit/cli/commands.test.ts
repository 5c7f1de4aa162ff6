/**
 * Every command of `tallinn-desk` (issue #6): keygen, card, identity, seal, verify, open, inspect, with
 * their exit codes (0 success, 1 verification or validation failure, 2 usage error) and their one-line
 * `error: <reason>`. Commands run in-process through `main` (the same code the bin runs) with the
 * lowest-cost KDF; commands.bin.test.ts runs the built bin for what only a real process shows.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMinisignPublicKey } from '@shared/crypto';
import { readCardFile } from '@shared/bundle';
import { main } from '../../../cli/src/main';

const PASSPHRASE = 'Київ — Таллінн, грудень 2023';
const ENV = { TALLINN_DESK_PASSPHRASE: PASSPHRASE, TALLINN_DESK_TEST_KDF: 'floor' };
const EXAMPLE = join(import.meta.dirname, '../../fixtures/records-example.json');
const noTerminal = {
  isTTY: false,
  readHidden: () => Promise.reject(new Error('no terminal in tests')),
};

let dir: string;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string | undefined> = ENV): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, { env, terminal: noTerminal });
  return { code, stdout, stderr };
}

function expectFailure(result: Run, code: 1 | 2, reason: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  const first = result.stderr.split('\n')[0] ?? '';
  expect(first).toMatch(/^error: /u);
  expect(first).toMatch(reason);
  if (code === 1) expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /u);
}

const p = (...parts: string[]): string => join(dir, ...parts);

async function sealExample(identity = 'ua', to = ['ee'], out = 'out'): Promise<string> {
  const result = await cli(['seal', '--identity', p(identity, 'identity.tdesk-id'), ...to.flatMap((t) => ['--to', p(t, 'card.tdesk-card')]), '--records', EXAMPLE, '--out', p(out)]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tdesk-cli-'));
  for (const [name, country, role] of [
    ['Державна служба спеціального зв’язку', 'UA', 'beneficiary'],
    ['Ministry of Foreign Affairs of Estonia', 'EE', 'partner'],
    ['Ministry of Digital Affairs of Poland', 'PL', 'partner'],
  ] as const) {
    const result = await cli(['keygen', '--name', name, '--country', country, '--role', role, '--out', p(country.toLowerCase())]);
    expect(result.code, result.stderr).toBe(0);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('keygen', () => {
  it('writes the identity (0600) and the card, and prints the fingerprint', async () => {
    const result = await cli(['keygen', '--name', 'Secretariat of the Tallinn Mechanism', '--country', 'ee', '--role', 'secretariat', '--out', p('new', 'nested')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Fingerprint: (\d{5} ){7}\d{5}/u);
    expect(statSync(p('new', 'nested', 'identity.tdesk-id')).mode & 0o777).toBe(0o600);
    expect(readCardFile(readFileSync(p('new', 'nested', 'card.tdesk-card'))).peer).toMatchObject({ country: 'EE', proposedRole: 'secretariat' });
  });

  it('defaults the role to partner, never replaces an identity', async () => {
    expect(readCardFile(readFileSync(p('ee', 'card.tdesk-card'))).peer.proposedRole).toBe('partner');
    const again = await cli(['keygen', '--name', 'X', '--country', 'UA', '--out', p('ua')]);
    expectFailure(again, 1, /already exists/u);
  });

  it('usage errors exit 2', async () => {
    expectFailure(await cli(['keygen', '--country', 'UA', '--out', p('x')]), 2, /--name/u);
    expectFailure(await cli(['keygen', '--name', 'X', '--country', 'Ukraine', '--out', p('x')]), 2, /ISO 3166-1/u);
    expectFailure(await cli(['keygen', '--name', 'X', '--country', 'UA', '--role', 'king', '--out', p('x')]), 2, /--role/u);
    expectFailure(await cli(['keygen', '--name', 'X', '--country', 'UA']), 2, /--out/u);
    expectFailure(await cli(['keygen', '--name', 'X', '--country', 'UA', '--out', p('x'), '--bogus']), 2, /bogus/u);
  });

  it('without a passphrase and without a terminal it fails at once instead of waiting', async () => {
    expectFailure(await cli(['keygen', '--name', 'X', '--country', 'UA', '--out', p('nopass')], { TALLINN_DESK_TEST_KDF: 'floor' }), 1, /TALLINN_DESK_PASSPHRASE/u);
    expectFailure(await cli(['keygen', '--name', 'X', '--country', 'UA', '--out', p('short')], { ...ENV, TALLINN_DESK_PASSPHRASE: 'short' }), 1, /at least 12/u);
  });
});

describe('card', () => {
  it('prints the delegation and fingerprint, or the signing key as a minisign public key', async () => {
    const summary = await cli(['card', p('ua', 'card.tdesk-card')]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('Державна служба спеціального зв’язку');
    const pub = await cli(['card', '--minisign-pub', p('ua', 'card.tdesk-card')]);
    expect(pub.code).toBe(0);
    expect(pub.stdout).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16} of UA /u);
    expect(parseMinisignPublicKey(pub.stdout).ok).toBe(true);
  });

  it('refuses an altered card with one error line', async () => {
    const card = JSON.parse(readFileSync(p('ua', 'card.tdesk-card'), 'utf8')) as Record<string, unknown>;
    writeFileSync(p('altered.tdesk-card'), JSON.stringify({ ...card, name: 'Someone else' }));
    expectFailure(await cli(['card', p('altered.tdesk-card')]), 1, /not valid/u);
    expectFailure(await cli(['card', p('missing.tdesk-card')]), 1, /does not exist/u);
    expectFailure(await cli(['card']), 2, /exactly one CARD/u);
  });
});

describe('identity', () => {
  it('prints the age identity, or writes it with mode 0600', async () => {
    const printed = await cli(['identity', '--age', p('ee', 'identity.tdesk-id')]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}\n$/u);
    const written = await cli(['identity', '--age', p('ee', 'identity.tdesk-id'), '--out', p('ee.agekey')]);
    expect(written.code).toBe(0);
    expect(statSync(p('ee.agekey')).mode & 0o777).toBe(0o600);
    expect(readFileSync(p('ee.agekey'), 'utf8')).toContain(printed.stdout);
    expectFailure(await cli(['identity', '--age', p('ee', 'identity.tdesk-id'), '--out', p('ee.agekey')]), 1, /already exists/u);
  });

  it('a wrong passphrase, a damaged file or a newer identity format exits 1', async () => {
    expectFailure(await cli(['identity', '--age', p('ee', 'identity.tdesk-id')], { ...ENV, TALLINN_DESK_PASSPHRASE: 'not the right passphrase' }), 1, /wrong passphrase/u);
    writeFileSync(p('garbage.tdesk-id'), '{"format":"tallinn-desk-identity/1"}');
    expectFailure(await cli(['identity', '--age', p('garbage.tdesk-id')]), 1, /not a Tallinn Desk identity file/u);
    writeFileSync(p('newer.tdesk-id'), '{"format":"tallinn-desk-identity/2"}');
    expectFailure(await cli(['identity', '--age', p('newer.tdesk-id')]), 1, /version 2.*reads version 1 only/u);
  });
});

describe('seal, verify, open, inspect', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = await sealExample();
  });

  it('seal writes a bundle pair named after sender, recipient, date and sequence, and extends the identity log', () => {
    expect(bundle.startsWith(p('out'))).toBe(true);
    expect(bundle).toMatch(/UA-derzhavna-sluzhba-spetsi_to_EE-ministry-of-foreign-affa_\d{4}-\d{2}-\d{2}_\d{4}Z_n0001_[a-z2-7]{6}\.tdesk\.age$/u);
    expect(existsSync(`${bundle}.minisig`)).toBe(true);
    const identity = JSON.parse(readFileSync(p('ua', 'identity.tdesk-id'), 'utf8')) as { keyEventLog: unknown[] };
    expect(identity.keyEventLog.length).toBeGreaterThanOrEqual(2);
  });

  it('verify checks signer and signature without decrypting and names sender, fingerprint, bundle id and recipients', async () => {
    const result = await cli(['verify', bundle, '--trust', p('ua', 'card.tdesk-card'), '--trust', p('ee', 'card.tdesk-card')]);
    expect(result.code, result.stderr).toBe(0);
    const fingerprint = readCardFile(readFileSync(p('ua', 'card.tdesk-card'))).fingerprintText;
    expect(result.stdout).toContain(fingerprint);
    expect(result.stdout).toMatch(/Bundle id: +[a-z2-7]{26}/u);
    expect(result.stdout).toMatch(/Recipients: +1\n {2}[0-9A-F]{16} {2}EE Ministry of Foreign Affairs of Estonia/u);
  });

  it('verify refuses a signer that is not trusted, and missing, empty, swapped or oversized files', async () => {
    expectFailure(await cli(['verify', bundle, '--trust', p('pl', 'card.tdesk-card')]), 1, /not the current key of any delegation you know/u);
    const other = await sealExample('ua', ['ee'], 'out2');
    const copy = p('copy.tdesk.age');
    writeFileSync(copy, readFileSync(bundle));
    expectFailure(await cli(['verify', copy, '--trust', p('ua', 'card.tdesk-card')]), 1, /signature file .*does not exist/u);
    writeFileSync(`${copy}.minisig`, '');
    expectFailure(await cli(['verify', copy, '--trust', p('ua', 'card.tdesk-card')]), 1, /is empty/u);
    writeFileSync(`${copy}.minisig`, readFileSync(`${other}.minisig`));
    expectFailure(await cli(['verify', copy, '--trust', p('ua', 'card.tdesk-card')]), 1, /does not match the file/u);
    writeFileSync(p('empty.tdesk.age'), '');
    expectFailure(await cli(['verify', p('empty.tdesk.age'), '--trust', p('ua', 'card.tdesk-card')]), 1, /bundle .* is empty/u);
    const huge = p('huge.tdesk.age');
    writeFileSync(huge, '');
    truncateSync(huge, 257 * 1024 * 1024); // sparse: the size cap is checked with stat, nothing is read
    writeFileSync(`${huge}.minisig`, readFileSync(`${bundle}.minisig`));
    expectFailure(await cli(['verify', huge, '--trust', p('ua', 'card.tdesk-card')]), 1, /too large \(257\.0 MiB; at most 256\.0 MiB/u);
    expectFailure(await cli(['verify', p('nothing.tdesk.age'), '--trust', p('ua', 'card.tdesk-card')]), 1, /does not exist/u);
    expectFailure(await cli(['verify', bundle]), 2, /--trust/u);
  });

  it('verify refuses trusted cards whose names can be confused with each other', async () => {
    const lookalike = await cli(['keygen', '--name', 'Мinistry of Foreign Аffairs of Estonia', '--country', 'EE', '--out', p('lookalike')]); // Cyrillic М and А
    expect(lookalike.code, lookalike.stderr).toBe(0);
    expectFailure(await cli(['verify', bundle, '--trust', p('ua', 'card.tdesk-card'), '--trust', p('ee', 'card.tdesk-card'), '--trust', p('lookalike', 'card.tdesk-card')]), 1, /confused/u);
  });

  it('verify refuses an unreadable bundle', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const locked = p('locked.tdesk.age');
    writeFileSync(locked, readFileSync(bundle));
    chmodSync(locked, 0o000);
    expectFailure(await cli(['verify', locked, '--trust', p('ua', 'card.tdesk-card')]), 1, /cannot be (read|opened)/u);
  });

  it('open runs the whole pipeline and prints a summary', async () => {
    const result = await cli(['open', bundle, '--identity', p('ee', 'identity.tdesk-id'), '--trust', p('ua', 'card.tdesk-card')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Bundle verified, decrypted and checked.');
    expect(result.stdout).toMatch(/4 change-sets \(4 full, 0 redacted\)/u);
    expect(result.stdout).toMatch(/extends \(\+1 device\)/u);
    expect(result.stdout).toMatch(/applied 4, duplicates 0, redacted 0, parked 0, rejected 0, forks 0/u);
  });

  it('open --json prints the payload', async () => {
    const result = await cli(['open', bundle, '--identity', p('ee', 'identity.tdesk-id'), '--trust', p('ua', 'card.tdesk-card'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const payload = JSON.parse(result.stdout) as { header: { sender: string }; changeSets: { content: { kind: string } }[] };
    expect(payload.changeSets.map((c) => c.content.kind)).toEqual(['need', 'need', 'need', 'need']);
  });

  it('separate seals never fork: each is on a fresh device chain', async () => {
    const second = await sealExample('ua', ['ee'], 'out3');
    for (const path of [bundle, second]) {
      const result = await cli(['open', path, '--identity', p('ee', 'identity.tdesk-id'), '--trust', p('ua', 'card.tdesk-card')]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/forks 0/u);
    }
  });

  it('open refuses a bundle not addressed to us', async () => {
    expectFailure(await cli(['open', bundle, '--identity', p('pl', 'identity.tdesk-id'), '--trust', p('ua', 'card.tdesk-card')]), 1, /not one of them/u);
  });

  it('inspect shows the signed metadata as NOT VERIFIED, control characters escaped', async () => {
    const result = await cli(['inspect', bundle]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NOT VERIFIED/u);
    expect(result.stdout).toMatch(/Recipients \(claimed\): +[0-9A-F]{16}/u);
    const hostile = p('hostile.tdesk.age');
    writeFileSync(hostile, readFileSync(bundle));
    // A signature file written by hand: the comments carry terminal escapes and a bidi override.
    const line2 = readFileSync(`${bundle}.minisig`, 'utf8').split('\n');
    writeFileSync(`${hostile}.minisig`, [`untrusted comment: hi \u001b[31mred`, line2[1], `trusted comment: tallinn-desk-bundle/1 \u001b[2J\u202eevil`, line2[3], ''].join('\n'));
    const shown = await cli(['inspect', hostile]);
    expect(shown.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the escape character is what must not appear
    expect(shown.stdout).not.toMatch(/[\u001b\u202e]/u);
    expect(shown.stdout).toContain('\\x1b[31mred');
    expect(shown.stdout).toContain('\\u202eevil');
  });

  it('inspect fails on a missing or malformed signature file', async () => {
    const lone = p('lone.tdesk.age');
    writeFileSync(lone, readFileSync(bundle));
    expectFailure(await cli(['inspect', lone]), 1, /does not exist/u);
    writeFileSync(`${lone}.minisig`, 'not a signature');
    expectFailure(await cli(['inspect', lone]), 1, /not a minisign signature/u);
  });
});

describe('seal refusals', () => {
  const seal = (records: string, identity = 'ua'): Promise<Run> =>
    cli(['seal', '--identity', p(identity, 'identity.tdesk-id'), '--to', p('ee', 'card.tdesk-card'), '--records', records, '--out', p('refused')]);

  it('refuses records the identity may not create, invalid values and drafts, naming the record', async () => {
    expectFailure(await seal(EXAMPLE, 'ee'), 1, /record 1: a partner delegation does not create need records/u);
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { kind: string; tlp: string; values: Record<string, unknown> }[];
    const write = (name: string, value: unknown): string => {
      writeFileSync(p(name), JSON.stringify(value));
      return p(name);
    };
    expectFailure(await seal(write('bad-title.json', [example[0], { ...example[1], values: { ...example[1]?.values, title: '' } }])), 1, /record 2: need field "title"/u);
    expectFailure(await seal(write('draft.json', [{ ...example[0], values: { ...example[0]?.values, status: 'draft' } }])), 1, /draft never leaves the vault/u);
    expectFailure(await seal(write('kind.json', [{ ...example[0], kind: 'rumour' }])), 1, /unknown kind "rumour"/u);
    expectFailure(await seal(write('shape.json', [{ ...example[0], id: 'x' }])), 1, /expected \{kind, tlp, values, audience\?\}/u);
    expectFailure(await seal(write('object.json', { records: [] })), 1, /JSON array/u);
    expectFailure(await seal(write('empty-list.json', [])), 1, /no records/u);
    writeFileSync(p('proto.json'), '[{"kind":"need","tlp":"GREEN","values":{"__proto__":{}}}]');
    expectFailure(await seal(p('proto.json')), 1, /forbidden key/u);
    expect(readdirSync(dir)).not.toContain('refused');
  });

  it('usage errors exit 2', async () => {
    expectFailure(await cli(['seal', '--identity', p('ua', 'identity.tdesk-id'), '--records', EXAMPLE, '--out', p('o')]), 2, /--to/u);
    expectFailure(await cli(['seal', '--to', p('ee', 'card.tdesk-card'), '--records', EXAMPLE, '--out', p('o')]), 2, /--identity/u);
    expectFailure(await cli(['seal', 'stray', '--identity', 'x', '--to', 'y', '--records', 'z', '--out', 'o']), 2, /positional/u);
  });
});

describe('help', () => {
  it('every command has --help', async () => {
    for (const command of ['keygen', 'card', 'identity', 'seal', 'verify', 'open', 'inspect']) {
      const result = await cli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: tallinn-desk ${command}`, 'u'));
    }
  });
});
