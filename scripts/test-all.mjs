#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in order, each runner's own output streamed as it runs:
 * type check, lint, build, vitest (node), vitest (browser, Chromium), Playwright e2e on the web platform,
 * and the Playwright `_electron` suite where an Electron binary exists. It keeps going after a failure
 * so one run shows everything that is wrong, and ends with one plain line `N passed, M failed` summing
 * the tests of every runner (the type check, lint and build count as one check each).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'out', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string }} StepResult */
/** @type {StepResult[]} */
const results = [];

function run(command, args, env = {}) {
  const started = Date.now();
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { status: child.status ?? 1, seconds: (Date.now() - started) / 1000 };
}

function banner(name) {
  process.stdout.write(`\n━━ ${name} ━━\n`);
}

/** A check that passes or fails as a whole. */
function check(name, command, args) {
  banner(name);
  const { status, seconds } = run(command, args);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0, note: `${seconds.toFixed(1)} s` });
  return status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function vitest(project) {
  const name = `vitest ${project}`;
  banner(name);
  const output = join(reports, `vitest-${project}.json`);
  const { status, seconds } = run('npx', [
    'vitest', 'run', '--project', project,
    '--reporter=default', '--reporter=json', `--outputFile.json=${output}`,
  ]);
  const report = readJson(output);
  if (!report) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `no report (exit ${status})` });
    return;
  }
  // A runner that exits non-zero with every test green (an unhandled error, a failed suite import) is a failure too.
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  results.push({
    name,
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    note: `${seconds.toFixed(1)} s`,
  });
}

function playwright(project) {
  const name = `playwright ${project}`;
  banner(name);
  const output = join(reports, `playwright-${project}.json`);
  const { status, seconds } = run('npx', ['playwright', 'test', '--project', project], { PLAYWRIGHT_JSON_OUTPUT_FILE: output });
  const report = readJson(output);
  if (!report?.stats) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `no report (exit ${status})` });
    return;
  }
  const { expected, unexpected, flaky, skipped } = report.stats;
  const failed = unexpected + flaky + (status !== 0 && unexpected === 0 && flaky === 0 ? 1 : 0);
  results.push({ name, passed: expected, failed, skipped, note: `${seconds.toFixed(1)} s` });
}

const started = Date.now();
check('type check', 'npx', ['tsc', '-b']);
check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
// Build before the runners: the preload test loads the built file, the e2e suites serve the built app.
const built = check('build', 'npx', ['electron-vite', 'build']);
vitest('unit');
vitest('browser');
if (built) {
  playwright('web');
  if (findElectronBinary()) {
    playwright('electron');
  } else {
    banner('playwright electron');
    process.stdout.write('skipped: no Electron binary (every user flow is covered on the web platform above)\n');
  }
} else {
  results.push({ name: 'playwright web', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' });
}

banner('summary');
for (const r of results) {
  const skipped = r.skipped ? `, ${r.skipped} skipped` : '';
  process.stdout.write(`${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed${skipped}  (${r.note ?? ''})\n`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
process.stdout.write(`total time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
