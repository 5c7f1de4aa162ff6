/**
 * The vault worker's entry point (DESIGN.md §2: the one Web Worker that owns keys, Dexie, sealing, the
 * KDF and signing).
 *
 * The file name is part of the security configuration: the build emits it as
 * `assets/vault-worker-[hash].js`, and only a response for that path carries `'wasm-unsafe-eval'` in its
 * CSP (shared/security/csp.ts), which Argon2id (hash-wasm, WebAssembly) needs. Rename it and unlocking
 * stops working under the app's CSP.
 *
 * Import order matters: zod must be told to run without code generation before any schema is built.
 */
import './zod-jitless';
import { startVaultWorker } from './worker-endpoint';

// `self` is the DedicatedWorkerGlobalScope here (typed as Window by the renderer's DOM lib).
startVaultWorker(self, { allowTestOptions: import.meta.env.MODE !== 'production' });
