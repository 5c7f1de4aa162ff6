#!/usr/bin/env node
// Entry of the `tallinn-desk` command. The TypeScript sources are compiled by `npm ci` (the `prepare`
// script) into out/cli; this file only loads that build, or says plainly how to make it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../../out/cli/tallinn-desk.mjs', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('error: the command line is not built yet; run `npm ci` (or `npm run prepare`) in the project folder\n');
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
