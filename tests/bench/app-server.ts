/** Starts the web server of `npm run web` on a free loopback port for the duration of a bench run. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** Where `npm run bench` builds the app (benchmark mode), apart from the app's own out/. */
export const BENCH_RENDERER_DIR = 'out-bench/renderer';

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startAppServer(): Promise<RunningServer> {
  const root = resolve(import.meta.dirname, '../..');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve-web.ts', '--port', '0', '--renderer-dir', BENCH_RENDERER_DIR], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('the web server did not start within 20 s'));
    }, 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+/u.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web server exited with ${String(code)}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => {
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
