/**
 * Mounts the real <App/> in the test page, in StrictMode as the entry point does, with a platform of the
 * test's choosing, and takes it down again after each test.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach } from 'vitest';
import { App } from '../../renderer/app/App';
import { createAppRouter, type AppRouter } from '../../renderer/app/routes';
import type { ColorScheme, Language } from '../../renderer/app/ui-store';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import type { DeskApi } from '../../renderer/platform/types';

export interface RenderAppOptions {
  readonly platform?: DeskApi;
  /** Where a memory router starts; ignored with `hashRouter`. */
  readonly path?: string;
  /** Use the production hash router instead of a memory router. */
  readonly hashRouter?: boolean;
  readonly language?: Language;
  readonly colorScheme?: ColorScheme;
}

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('data-mantine-color-scheme');
  document.title = '';
});

export function renderApp(options: RenderAppOptions = {}): { router: AppRouter; platform: DeskApi } {
  const platform = options.platform ?? createMemoryPlatform();
  const router = options.hashRouter === true ? createAppRouter() : createAppRouter({ initialEntries: [options.path ?? '/'] });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App
        platform={platform}
        router={router}
        language={options.language ?? 'en'}
        colorScheme={options.colorScheme ?? 'light'}
      />
    </StrictMode>,
  );
  cleanups.push(() => {
    root.unmount();
    router.dispose();
    container.remove();
  });
  return { router, platform };
}
