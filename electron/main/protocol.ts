/**
 * Serves the built renderer on `app://desk/`. Every response, errors included, carries the app's CSP and
 * companion headers from shared/security, so the desktop app and `npm run web` run under one policy.
 * Pages get a fresh nonce per response: a nonce that repeats is a nonce an attacker can learn.
 *
 * Written against the Fetch API's Request/Response and node:fs only, so it is tested without Electron;
 * index.ts registers it with `protocol.handle`.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { injectNonce, responseKindForPath, securityHeaders } from '@shared/security/csp';
import { parseAppUrl } from './origin';

/** Only what the build emits. Anything else is served as opaque bytes, which `nosniff` keeps inert. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // Streaming compilation (WebAssembly.compileStreaming) requires exactly this type.
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** 128 random bits, base64: what CSP Level 3 asks of a nonce. */
export function freshNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The headers for a response about `pathname`; pages get a nonce even when the response is an error. */
function headersFor(pathname: string, contentType?: string): { headers: Headers; nonce: string | undefined } {
  const kind = responseKindForPath(pathname);
  const nonce = kind === 'document' ? freshNonce() : undefined;
  const headers = new Headers(securityHeaders(kind, nonce));
  if (contentType !== undefined) headers.set('Content-Type', contentType);
  return { headers, nonce };
}

function errorResponse(status: 404 | 405, pathname: string): Response {
  const { headers } = headersFor(pathname, 'text/plain; charset=utf-8');
  if (status === 405) headers.set('Allow', 'GET, HEAD');
  return new Response(status === 404 ? 'Not found' : 'Method not allowed', { status, headers });
}

/**
 * Maps a request URL to a file inside `rendererDir`, or null. The URL parser has already collapsed `.`
 * and `..` segments, but percent-encoded separators survive it, so the decoded path is resolved again and
 * must still be inside the folder. Backslashes and NUL never appear in a build's file names; refusing
 * them closes Windows' second separator and C-string truncation.
 */
export function resolveRendererPath(rendererDir: string, pathname: string): { file: string; urlPath: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '' ? '/' : pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const urlPath = decoded === '/' ? '/index.html' : decoded;
  if (urlPath.endsWith('/')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${urlPath}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return { file, urlPath };
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

export function createAppProtocolHandler(rendererDir: string): AppProtocolHandler {
  return async (request) => {
    const url = parseAppUrl(request.url);
    const pathname = url?.pathname ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, pathname);
    if (url === null) return errorResponse(404, pathname);

    const target = resolveRendererPath(rendererDir, url.pathname);
    if (target === null) return errorResponse(404, pathname);
    let bytes: Buffer;
    try {
      const info = await stat(target.file);
      if (!info.isFile()) return errorResponse(404, target.urlPath);
      bytes = await readFile(target.file);
    } catch {
      // Missing, unreadable, or gone between stat and read: the page sees a 404, main never throws.
      return errorResponse(404, target.urlPath);
    }

    const { headers, nonce } = headersFor(target.urlPath, contentTypeFor(target.file));
    const body: Uint8Array<ArrayBuffer> =
      nonce === undefined ? new Uint8Array(bytes) : new TextEncoder().encode(injectNonce(bytes.toString('utf8'), nonce));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
