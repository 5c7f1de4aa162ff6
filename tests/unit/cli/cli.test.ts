/**
 * The command line as a checkpoint officer meets it: the installed `tallinn-desk` bin (built by
 * `npm ci`), its help, version and exit codes, and never a stack trace.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../cli/bin/tallinn-desk.mjs');
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tallinn-desk command line', () => {
  it('is declared as the package bin', () => {
    expect(pkg.bin['tallinn-desk']).toBe('cli/bin/tallinn-desk.mjs');
  });

  it('prints the package version', async () => {
    const result = await cli('--version');
    expect(result).toMatchObject({ code: 0, stdout: `tallinn-desk ${pkg.version}\n`, stderr: '' });
  });

  it('prints help with the exit codes', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tallinn-desk/u);
    expect(result.stdout).toMatch(/2 usage error/u);
  });

  it('answers a usage error with exit 2 and one error line, no stack trace', async () => {
    for (const args of [[], ['frobnicate'], ['--no-such-flag']]) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0]).toMatch(/^error: /u);
      expect(result.stderr).not.toMatch(/\n\s+at /u);
    }
  });
});
