/**
 * `npm run web`: serves the built UI (out/renderer) to a local browser, offline, on the loopback
 * interface only. Every request is answered by the very handler the desktop app registers for
 * `app://desk` (electron/main/protocol.ts, which needs no Electron), so the browser gets the same files,
 * the same CSP with a fresh nonce per page, and the same refusals as the desktop app.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppProtocolHandler } from '../electron/main/protocol';
import { APP_ORIGIN } from '../electron/main/origin';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  // --renderer-dir: the benchmark build lives apart from the app's (out-bench/renderer), see electron.vite.config.ts.
  options: { port: { type: 'string' }, host: { type: 'string' }, 'renderer-dir': { type: 'string' } },
  strict: true,
});
const rendererDir = resolve(root, values['renderer-dir'] ?? 'out/renderer');
const port = Number(values.port ?? process.env['TALLINN_DESK_PORT'] ?? 5178);
// Loopback only: the register must never be served to the network, even by accident.
const host = values.host ?? '127.0.0.1';
if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
  process.stderr.write(`error: refusing to listen on ${host}; the web platform serves loopback only\n`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`error: not a port number: ${String(values.port)}\n`);
  process.exit(2);
}
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  process.stderr.write('error: the app is not built; run `npm run build` first (npm run web does both)\n');
  process.exit(1);
}

const handle = createAppProtocolHandler(rendererDir);

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Map the browser's URL onto the app origin, so path handling is exactly the desktop app's.
  const url = new URL(req.url ?? '/', APP_ORIGIN);
  const response = await handle(new Request(url, { method: req.method ?? 'GET' }));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
}

const server = createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal error');
  });
});

server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`Tallinn Desk is served at http://${host === '::1' ? '[::1]' : host}:${actual}/ (Ctrl+C to stop)\n`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
  });
}
