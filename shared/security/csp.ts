/**
 * The Content Security Policy and companion headers of every response that serves the app, used by both
 * the Electron `app://` protocol handler and the local web server, so the desktop app and `npm run web`
 * run under the same rules (DESIGN.md §7).
 */

/**
 * Vite writes this placeholder into `nonce` attributes of the built index.html (`html.cspNonce`); the
 * server replaces it with a fresh random nonce on every response of the page.
 */
export const CSP_NONCE_PLACEHOLDER = '__TALLINN_DESK_CSP_NONCE__';

/**
 * What kind of resource a response carries. Only the vault worker runs the WebAssembly KDF, so only its
 * script response carries `'wasm-unsafe-eval'` (a worker's policy comes from its own response).
 */
export type ResponseKind = 'document' | 'kdf-worker' | 'asset';

/**
 * The one Trusted Types policy a page may create: it turns exactly the vault worker's script URL into a
 * TrustedScriptURL, because under `require-trusted-types-for 'script'` the Worker constructor refuses
 * plain strings (renderer/vault-worker/trusted-worker-url.ts).
 */
export const VAULT_WORKER_TRUSTED_TYPES_POLICY = 'tallinn-desk-vault-worker';

const NONCE_PATTERN = /^[A-Za-z0-9+/]{22,}={0,2}$/u;

export function contentSecurityPolicy(kind: ResponseKind, nonce?: string): string {
  if (kind === 'document' && (nonce === undefined || !NONCE_PATTERN.test(nonce))) {
    throw new Error('a document response needs a base64 nonce of at least 128 bits');
  }
  const scriptSrc = kind === 'kdf-worker' ? "'self' 'wasm-unsafe-eval'" : "'self'";
  // Mantine writes its responsive rules into <style> elements; they carry the page's nonce, so no
  // 'unsafe-inline' is needed. Style *attributes* set through the CSSOM (React's `style` prop) are not
  // subject to CSP at all.
  const styleSrc = nonce === undefined ? "'self'" : `'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    `style-src ${styleSrc}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'self'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${kind === 'document' ? VAULT_WORKER_TRUSTED_TYPES_POLICY : "'none'"}`,
  ].join('; ');
}

/** Headers sent with every response of the app, whatever it carries. */
export function securityHeaders(kind: ResponseKind, nonce?: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(kind, nonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=(), display-capture=()',
    'Cache-Control': 'no-store',
  };
}

/** Which policy a path under the renderer's build folder gets. The vault worker's file name is fixed by the build. */
export function responseKindForPath(pathname: string): ResponseKind {
  if (pathname === '/' || pathname.endsWith('.html')) return 'document';
  if (/^\/assets\/vault-worker(-[A-Za-z0-9_-]+)?\.js$/u.test(pathname)) return 'kdf-worker';
  return 'asset';
}

/** Replaces every occurrence of the placeholder in a built page with the response's nonce. */
export function injectNonce(html: string, nonce: string): string {
  return html.split(CSP_NONCE_PLACEHOLDER).join(nonce);
}
