/** JSON values as zod's `z.json()` infers them (what an operation's `value` may be). */
import type { z } from 'zod';

export type Json = z.infer<ReturnType<typeof z.json>>;
