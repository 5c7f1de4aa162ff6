/**
 * Mounts the real <App/> in the test page, in StrictMode as the entry point does, with a platform and a
 * vault of the test's choosing, and takes it down again after each test. By default the vault is the
 * in-memory fake, already unlocked, so shell tests start where a delegate works; reloading the page
 * (what locking does) is recorded instead of performed.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach } from 'vitest';
import { App } from '../../renderer/app/App';
import { createAppRouter, type AppRouter } from '../../renderer/app/routes';
import type { Clock } from '../../renderer/app/session';
import type { ColorScheme, Language } from '../../renderer/app/ui-store';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import type { DeskApi } from '../../renderer/platform/types';
import type { VaultClient } from '../../renderer/vault-worker';
import { createFakeVault } from './fake-vault';

export interface RenderAppOptions {
  readonly platform?: DeskApi;
  /** The vault client; by default an unlocked fake vault whose settings hold `language` and `colorScheme`. */
  readonly vault?: VaultClient;
  /** Where a memory router starts; ignored with `hashRouter`. */
  readonly path?: string;
  /** Use the production hash router instead of a memory router. */
  readonly hashRouter?: boolean;
  readonly language?: Language;
  readonly colorScheme?: ColorScheme;
  readonly clock?: Clock;
  /** What navigator.storage.persist() answers; false (as in headless Chromium) by default. */
  readonly persistStorage?: () => Promise<boolean>;
}

export interface RenderedApp {
  readonly router: AppRouter;
  readonly platform: DeskApi;
  readonly vault: VaultClient;
  /** How many times the app asked to reload the page (it does so after every lock). */
  readonly reloads: () => number;
}

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('data-mantine-color-scheme');
  document.documentElement.removeAttribute('data-working-set-size');
  document.title = '';
});

export function renderApp(options: RenderAppOptions = {}): RenderedApp {
  const platform = options.platform ?? createMemoryPlatform();
  const language = options.language ?? 'en';
  const colorScheme = options.colorScheme ?? 'light';
  const vault = options.vault ?? createFakeVault({ state: 'unlocked', settings: { language, colorScheme } });
  const router = options.hashRouter === true ? createAppRouter() : createAppRouter({ initialEntries: [options.path ?? '/'] });
  let reloads = 0;
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App
        platform={platform}
        vault={vault}
        router={router}
        language={language}
        colorScheme={colorScheme}
        reload={() => {
          reloads += 1;
        }}
        persistStorage={options.persistStorage ?? (() => Promise.resolve(false))}
        {...(options.clock === undefined ? {} : { clock: options.clock })}
      />
    </StrictMode>,
  );
  cleanups.push(() => {
    root.unmount();
    router.dispose();
    container.remove();
  });
  return { router, platform, vault, reloads: () => reloads };
}
