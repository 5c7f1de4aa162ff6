/**
 * Test-only options for the worker, carried in the Worker's `name` (the one value a page can hand a
 * worker before its first message without adding a field to the protocol).
 *
 *   production:  "vault-worker"
 *   tests:       "vault-worker;{"kdf":"floor","dbName":"vault-test-…"}"
 *
 * `testCommands: true` enables the test-only commands (test-inject, test-verify-delegation).
 * `kdf: "floor"` skips Argon2id calibration (kdf-policy.ts); `dbName` gives each test file its own
 * IndexedDB database, since browser test files may run side by side in one origin. The worker entry
 * ignores the options entirely in a production build, so the shipped app always calibrates and always
 * opens `tallinn-desk-vault`.
 */
import { z } from 'zod';

export const VAULT_WORKER_NAME = 'vault-worker';
const SEPARATOR = ';';

const WorkerTestOptionsSchema = z.strictObject({
  kdf: z.enum(['floor', 'calibrate']).optional(),
  dbName: z
    .string()
    .regex(/^vault-test-[a-z0-9-]{1,64}$/u)
    .optional(),
  /** Accept test-only commands such as `test-inject` (injecting signed change-sets before imports exist). */
  testCommands: z.boolean().optional(),
});
export type WorkerTestOptions = z.infer<typeof WorkerTestOptionsSchema>;

export function testWorkerName(options: WorkerTestOptions): string {
  return `${VAULT_WORKER_NAME}${SEPARATOR}${JSON.stringify(WorkerTestOptionsSchema.parse(options))}`;
}

/** The options in a worker name; none for the production name or anything malformed. */
export function parseWorkerName(name: string): WorkerTestOptions {
  const prefix = `${VAULT_WORKER_NAME}${SEPARATOR}`;
  if (!name.startsWith(prefix)) return {};
  try {
    const parsed = WorkerTestOptionsSchema.safeParse(JSON.parse(name.slice(prefix.length)));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
