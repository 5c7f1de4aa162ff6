/**
 * The layering rules of DESIGN.md §2 are enforced by the project's real ESLint configuration. Each case
 * lints text as if it were saved at a path in the repository and checks that the boundary rule fires
 * (or stays quiet) with a message naming the design rule.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The texts are linted at paths that do not exist, so TypeScript's project service cannot type them;
// only the type-aware rules are switched off, the project's own configuration stays in force.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal === true);
  expect(fatal, 'the text must parse').toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'architecture/boundaries').map((m) => m.message);
}

describe('architecture boundaries', () => {
  it('refuses a node:fs import in shared/', async () => {
    const messages = await boundaryMessages('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/shared\/ is pure TypeScript: no Node built-ins such as 'node:fs'/u);
  });

  it('refuses a bare Node built-in, React and Dexie in shared/', async () => {
    for (const pkg of ['fs', 'react', 'dexie', 'electron']) {
      const messages = await boundaryMessages('shared/x.ts', `export * from '${pkg}';\n`);
      expect(messages, pkg).toHaveLength(1);
    }
  });

  it('refuses shared/ reaching into renderer/', async () => {
    const messages = await boundaryMessages('shared/domain/x.ts', "export * from '../../renderer/app/store';\n");
    expect(messages[0]).toMatch(/shared\/ is the pure layer/u);
  });

  it('lets shared/ import zod and its own modules', async () => {
    expect(await boundaryMessages('shared/domain/x.ts', "export * from 'zod';\nexport * from '../ipc/channels';\n")).toEqual([]);
  });

  it('refuses electron and Node built-ins in renderer/', async () => {
    expect(await boundaryMessages('renderer/app/x.ts', "export * from 'electron';\n")).toHaveLength(1);
    expect(await boundaryMessages('renderer/app/x.ts', "export * from 'node:path';\n")).toHaveLength(1);
    expect(await boundaryMessages('renderer/app/x.ts', "export * from '../../electron/main/security';\n")).toHaveLength(1);
  });

  it('lets features be used only through their index', async () => {
    const inside = "export * from '../needs/components/List';\n";
    expect((await boundaryMessages('renderer/features/offers/x.ts', inside))[0]).toMatch(/only through their index/u);
    expect(await boundaryMessages('renderer/features/offers/x.ts', "export * from '../needs';\n")).toEqual([]);
    expect(await boundaryMessages('renderer/features/offers/x.ts', "export * from '../needs/index';\n")).toEqual([]);
    expect(await boundaryMessages('renderer/features/needs/x.ts', "export * from './components/List';\n")).toEqual([]);
  });

  it('refuses electron/ importing renderer/ and a preload importing anything but electron and shared/ipc', async () => {
    expect(await boundaryMessages('electron/main/x.ts', "export * from '../../renderer/app/App';\n")).toHaveLength(1);
    expect(await boundaryMessages('electron/preload/x.ts', "export * from 'zod';\n")).toHaveLength(1);
    expect(await boundaryMessages('electron/preload/x.ts', "export * from '../../shared/security/csp';\n")).toHaveLength(1);
    expect(await boundaryMessages('electron/preload/x.ts', "export * from '@shared/ipc/channels';\nexport * from 'electron';\n")).toEqual([]);
  });

  it('catches dynamic imports and require calls too', async () => {
    expect(await boundaryMessages('shared/x.ts', "export const m = import('node:crypto');\n")).toHaveLength(1);
  });

  it('bans Web Storage everywhere', async () => {
    const [result] = await eslint.lintText('export const v = window.localStorage.getItem("k");\n', { filePath: 'renderer/app/x.ts' });
    expect(result?.messages.map((m) => m.message).join('\n')).toMatch(/Web Storage is banned/u);
  });
});
