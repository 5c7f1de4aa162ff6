/**
 * Finds the Electron executable without `require('electron')`: since Electron 42 that require downloads
 * the binary on first use, which fails (or, worse, reaches the network) on an air-gapped machine.
 * The answer mirrors node_modules/electron/index.js: `path.txt` names the executable inside `dist/`,
 * and ELECTRON_OVERRIDE_DIST_PATH points at a binary installed elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const electronDir = resolve(import.meta.dirname, '../node_modules/electron');

/** @returns {string | undefined} absolute path of a present Electron executable */
export function findElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? join(electronDir, 'dist', relative)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

export const NO_ELECTRON_MESSAGE =
  'No Electron binary on this machine (Electron downloads it on first use, which an offline machine cannot do); run `npm run web` to use Tallinn Desk in a local browser.';
