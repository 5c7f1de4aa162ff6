/**
 * Must be the first import of the worker entry (vault-worker.ts), for the reason renderer/app/zod-config.ts
 * gives for the page: zod compiles object parsers with `new Function` unless told not to, and decides
 * when the first object schema is built (at import time of shared/ipc). The worker's CSP
 * (`script-src 'self' 'wasm-unsafe-eval'`) refuses `eval`, so the probe would be reported as a violation.
 * The worker is its own JavaScript realm: the page's setting does not reach it.
 */
import { z } from 'zod';

z.config({ jitless: true });
