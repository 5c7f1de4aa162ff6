/** What features may use from the app shell. */
export { usePlatform, useUi } from './contexts';
export type { Language, ColorScheme } from './ui-store';
