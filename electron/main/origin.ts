/**
 * The one origin the app lives at. It is also the vault's IndexedDB origin, so it never changes: a new
 * host or scheme would silently start the user on an empty vault.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads, and the only page any frame may ever navigate to. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Parses a URL and returns it only when it is on our origin. Node's WHATWG `URL` reports `origin` as
 * "null" for schemes it does not know, so the scheme and host are compared instead; user info and a
 * port are refused because the app never uses them and Chromium would make them a different origin.
 */
export function parseAppUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const onOrigin =
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === '';
  return onOrigin ? url : null;
}

/** True for any URL on the app origin. */
export function isAppUrl(raw: string): boolean {
  return parseAppUrl(raw) !== null;
}

/**
 * True only for the entry page, optionally with a fragment (the renderer routes by hash). Locking reloads
 * the renderer onto this page to drop every string that held plaintext, so it must stay navigable.
 */
export function isAppEntryUrl(raw: string): boolean {
  const url = parseAppUrl(raw);
  return url !== null && url.pathname === '/index.html' && url.search === '';
}
