#!/usr/bin/env node
/** `npm start`: build and launch the desktop app, or say in one line why not and what to do instead. */
import { spawnSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { findElectronBinary, NO_ELECTRON_MESSAGE } from './electron-binary.mjs';

const root = resolve(import.meta.dirname, '..');
const electron = findElectronBinary();
if (!electron) {
  process.stderr.write(`${NO_ELECTRON_MESSAGE}\n`);
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
