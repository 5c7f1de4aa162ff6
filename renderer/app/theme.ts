/**
 * Mantine configured to run under the app's Content Security Policy (shared/security/csp.ts):
 * - its stylesheet is a plain file from the build (`style-src 'self'`);
 * - it must not write <style> elements through innerHTML (Trusted Types forbids that), so the theme's
 *   CSS variables come from the stylesheet (`withCssVariables={false}`), the hiddenFrom/visibleFrom
 *   classes are off (`withGlobalClasses={false}`; the shell's own CSS handles breakpoints), and
 *   responsive style props are rendered as React 19 hoisted <style> elements with text children
 *   (`deduplicateInlineStyles`), which carry the page's nonce from `getStyleNonce`;
 * - AppShell, Grid and SimpleGrid always render their responsive CSS through innerHTML, so the app does
 *   not use them (see app/Shell.tsx);
 * - `useMantineColorScheme().setColorScheme` injects a <style> through innerHTML to pause transitions:
 *   the colour scheme is changed through the UI store instead (app/color-scheme.ts).
 */
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
});

/**
 * The nonce the server gave this page. Vite writes `<meta property="csp-nonce" nonce="…">` into the
 * built page; Chromium hides nonce attributes from getAttribute once the page has a CSP, so the
 * `nonce` property is read instead. Undefined in development and tests, where no CSP applies.
 */
export function readStyleNonce(doc: Document): string | undefined {
  const nonce = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
  return nonce === undefined || nonce === '' ? undefined : nonce;
}
