/** Injected by vitest's `define` (see vitest.config.ts), as the build injects it into the app. */
declare const __APP_VERSION__: string;
