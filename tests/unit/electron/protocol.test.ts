/**
 * The app:// handler: every response carries the shared CSP and companion headers, pages get a fresh
 * nonce each time with the build's placeholder replaced, only the vault worker may compile WebAssembly,
 * and nothing outside the renderer folder or off the app host is ever served.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_NONCE_PLACEHOLDER, securityHeaders } from '@shared/security/csp';
import { createAppProtocolHandler, resolveRendererPath, type AppProtocolHandler } from '../../../electron/main/protocol';

const PAGE = `<!doctype html><html><head>
<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
<script type="module" src="./assets/index-abc.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
</head><body><div id="root"></div></body></html>`;

let base: string;
let handler: AppProtocolHandler;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'desk-protocol-'));
  const renderer = join(base, 'renderer');
  await mkdir(join(renderer, 'assets', 'nested'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), PAGE);
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log("app");');
  await writeFile(join(renderer, 'assets', 'vault-worker-Ab_1.js'), 'self.onmessage = () => {};');
  await writeFile(join(renderer, 'assets', 'argon2.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await writeFile(join(renderer, 'assets', 'style-abc.css'), 'body{}');
  await writeFile(join(base, 'secret.txt'), 'outside the renderer folder');
  handler = createAppProtocolHandler(renderer);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function get(url: string, method = 'GET'): Promise<Response> {
  return handler(new Request(url, { method }));
}

function csp(response: Response): string {
  const header = response.headers.get('Content-Security-Policy');
  if (header === null) throw new Error('no CSP header');
  return header;
}

function nonceOf(response: Response): string {
  const match = /'nonce-([A-Za-z0-9+/=]+)'/u.exec(csp(response));
  if (match?.[1] === undefined) throw new Error('no nonce in the CSP');
  return match[1];
}

/** The headers every response must carry apart from the CSP, whose value depends on the response. */
function expectCompanionHeaders(response: Response): void {
  for (const [name, value] of Object.entries(securityHeaders('asset'))) {
    if (name === 'Content-Security-Policy') continue;
    expect(response.headers.get(name), name).toBe(value);
  }
}

describe('app:// documents', () => {
  it('serves index.html with the document CSP and a nonce that replaces the placeholder', async () => {
    const response = await get('app://desk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const nonce = nonceOf(response);
    expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    expect(csp(response)).toBe(securityHeaders('document', nonce)['Content-Security-Policy']);
    expect(csp(response)).toContain("require-trusted-types-for 'script'");
    expect(csp(response)).toContain("script-src 'self';");
    expect(csp(response)).not.toContain('wasm-unsafe-eval');
    expectCompanionHeaders(response);
    const body = await response.text();
    expect(body).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(body.split(`nonce="${nonce}"`)).toHaveLength(3);
  });

  it('gives every response a fresh nonce', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i += 1) nonces.add(nonceOf(await get('app://desk/index.html')));
    expect(nonces.size).toBe(20);
  });

  it('serves / as index.html', async () => {
    const response = await get('app://desk/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    nonceOf(response);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('app://desk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    nonceOf(response);
    expect(await response.text()).toBe('');
  });
});

describe('app:// scripts and assets', () => {
  it('allows WebAssembly compilation only in the vault worker', async () => {
    const worker = await get('app://desk/assets/vault-worker-Ab_1.js');
    expect(worker.status).toBe(200);
    expect(csp(worker)).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp(worker)).toBe(securityHeaders('kdf-worker')['Content-Security-Policy']);
    expectCompanionHeaders(worker);

    const app = await get('app://desk/assets/index-abc.js');
    expect(app.status).toBe(200);
    expect(csp(app)).not.toContain('wasm-unsafe-eval');
    expect(csp(app)).toBe(securityHeaders('asset')['Content-Security-Policy']);
    expect(await app.text()).toBe('console.log("app");');
  });

  it('labels content by extension, WebAssembly as application/wasm', async () => {
    expect((await get('app://desk/assets/index-abc.js')).headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://desk/assets/style-abc.css')).headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    const wasm = await get('app://desk/assets/argon2.wasm');
    expect(wasm.headers.get('Content-Type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  });
});

describe('app:// refusals', () => {
  const refused = [
    'app://desk/../secret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/assets/%2F..%2F..%2Fsecret.txt',
    'app://desk/..%2Fsecret.txt',
    'app://desk/..%5Csecret.txt',
    'app://desk/assets%5C..%5C..%5Csecret.txt',
    'app://desk/%00index.html',
    'app://desk/%E0%A4%A',
    'app://desk/missing.js',
    'app://desk/assets',
    'app://desk/assets/',
    'app://desk/assets/nested',
    'app://evil/index.html',
    'app://desk:8080/index.html',
  ];

  it.each(refused)('refuses %s with a 404 that still carries the headers', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(csp(response)).toContain("default-src 'self'");
    expectCompanionHeaders(response);
    expect(await response.text()).not.toContain('outside the renderer folder');
  });

  it('resolves paths inside the folder and nothing outside it', () => {
    expect(resolveRendererPath('/srv/r', '/assets/a.js')).toEqual({ file: '/srv/r/assets/a.js', urlPath: '/assets/a.js' });
    expect(resolveRendererPath('/srv/r', '/')).toEqual({ file: '/srv/r/index.html', urlPath: '/index.html' });
    expect(resolveRendererPath('/srv/r', '/assets/%2F..%2F..%2Fsecret')).toBeNull();
    expect(resolveRendererPath('/srv/r', '/..%2Fr2/x.js')).toBeNull();
    expect(resolveRendererPath('/srv/r', '/a%5Cb.js')).toBeNull();
  });

  it('gives a refused page path a nonce too', async () => {
    const response = await get('app://desk/missing.html');
    expect(response.status).toBe(404);
    nonceOf(response);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s with 405 and the headers', async (method) => {
    const response = await get('app://desk/index.html', method);
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    csp(response);
    expectCompanionHeaders(response);
  });
});
