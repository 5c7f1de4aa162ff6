/**
 * electron-builder.yml, read and validated by electron-builder's own loader and schema (the checks
 * `electron-builder` runs before packaging), then checked for the settings DESIGN.md §7 depends on:
 * the fuses, no publishing, the five targets, and nothing but the build output in the archive.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(resolve(root, 'package.json'));

interface Loader {
  findAndReadConfig(request: { projectDir: string; configFilename: string; packageKey: string }): Promise<{
    result: Record<string, unknown>;
    configFile: string | null;
  } | null>;
}
interface Validator {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add: () => void }): Promise<void>;
}
// app-builder-lib is electron-builder's own implementation; its loader parses YAML exactly as a build does.
const loader = require('app-builder-lib/out/util/config/load.js') as Loader;
const validator = require('app-builder-lib/out/util/config/config.js') as Validator;
const quietLogger = { isEnabled: false, add: () => undefined };

let config: Record<string, unknown>;

beforeAll(async () => {
  const read = await loader.findAndReadConfig({ projectDir: root, configFilename: 'electron-builder', packageKey: 'build' });
  if (read === null) throw new Error('electron-builder.yml not found');
  expect(read.configFile).toBe(resolve(root, 'electron-builder.yml'));
  config = read.result;
});

const section = (key: string): Record<string, unknown> => {
  const value = config[key];
  if (typeof value !== 'object' || value === null) throw new Error(`${key} is missing`);
  return value as Record<string, unknown>;
};

describe('electron-builder.yml', () => {
  it('matches electron-builder’s configuration schema', async () => {
    await expect(validator.validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('is checked by a validator that does reject a misspelt fuse', async () => {
    await expect(
      validator.validateConfiguration({ ...config, electronFuses: { runAsnode: false } }, quietLogger),
    ).rejects.toThrow(/configuration/iu);
  });

  it('names the app and its output folders', () => {
    expect(config.appId).toBe('org.tallinn-mechanism.desk');
    expect(config.productName).toBe('Tallinn Desk');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(existsSync(resolve(root, 'build/icon.png'))).toBe(true);
  });

  it('ships only the build output and package.json, in an asar archive', () => {
    const files = config.files as string[];
    expect(files).toContain('package.json');
    for (const pattern of files) expect(pattern === 'package.json' || pattern.startsWith('out/'), pattern).toBe(true);
    expect(files).not.toContain('out/**');
    expect(config.asar).toBe(true);
  });

  it('publishes nowhere', () => {
    expect(config).toHaveProperty('publish', null);
  });

  it('builds AppImage and deb, NSIS and portable, and dmg', () => {
    expect(section('linux').target).toEqual(['AppImage', 'deb']);
    expect(section('win').target).toEqual(['nsis', 'portable']);
    expect(section('mac').target).toEqual(['dmg']);
  });

  it('flips every security fuse', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('never deletes the vault on uninstall', () => {
    expect(section('nsis').deleteAppDataOnUninstall).toBe(false);
  });
});
