/**
 * Must be the first import of the entry point. zod compiles object parsers with `new Function` unless
 * told not to, and decides whether it may when the first object schema is *built* (at import time of
 * shared/ipc). Under the app's CSP that probe is refused and reported as a violation on every start.
 * jitless parsing is the same validation without code generation.
 */
import { z } from 'zod';

z.config({ jitless: true });
