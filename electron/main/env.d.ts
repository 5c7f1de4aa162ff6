/** The app's version, written in at build time by electron-vite (`define`) and by vitest in tests. */
declare const __APP_VERSION__: string;
