/**
 * Global set-up of the browser project: builds the vault worker once, as one ES module, and hands its
 * source to the tests (`inject('vaultWorkerSource')`), which start every vault worker from it.
 *
 * Why: started from source, each worker fetches its ~150 modules from Vite's dev server, every one
 * transformed with an inline source map; on a two-core machine that cost about a second per worker, and
 * the vault tests start several hundred workers. The bundle starts in a fifth of that. It is built from
 * the same sources with the same bundler as the app, in mode `test`, so the worker accepts the test-only
 * options of worker-options.ts exactly as a worker started from source does (a production build ignores
 * them). It is rebuilt on every run; in watch mode, restart vitest after changing worker code.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    vaultWorkerSource: string;
  }
}

const root = resolve(import.meta.dirname, '../..');

function isOutput(value: unknown): value is Rolldown.RolldownOutput {
  return typeof value === 'object' && value !== null && 'output' in value;
}

export default async function setup(project: TestProject): Promise<void> {
  const result = await build({
    configFile: false,
    root,
    mode: 'test',
    logLevel: 'warn',
    resolve: { alias: { '@shared': resolve(root, 'shared') } },
    define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
    build: {
      write: false,
      sourcemap: false,
      minify: true,
      rolldownOptions: {
        input: resolve(root, 'renderer/vault-worker/vault-worker.ts'),
        output: { format: 'es', codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).filter(isOutput).flatMap((bundle) => bundle.output);
  const entries = outputs.filter((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  const entry = entries[0];
  if (entries.length !== 1 || entry === undefined || entry.type !== 'chunk' || outputs.length !== 1) {
    throw new Error(`The vault worker bundle should be one file; the build gave ${outputs.map((chunk) => chunk.fileName).join(', ')}.`);
  }
  project.provide('vaultWorkerSource', entry.code);
}
