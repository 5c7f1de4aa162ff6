/**
 * The whole UI. Everything stateful (UI store, translations, router, vault session) is created once per
 * mounted App, so the entry point and each test get their own. The vault client comes from outside
 * (the entry point starts the worker once; tests pass a fake), and so do the effects a test must
 * observe or control: reloading the page after locking, the clock, and the storage-persistence prompt.
 */
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import type { DeskApi } from '../platform/types';
import { createStoreColorSchemeManager } from './color-scheme';
import { createI18n } from './i18n';
import { AppProviders } from './providers';
import { createAppRouter, type AppRouter } from './routes';
import { SessionGate } from './SessionGate';
import { createVaultSession, systemClock, type Clock, type VaultClient } from './session';
import { readStyleNonce } from './theme';
import {
  createUiStore,
  detectColorScheme,
  detectLanguage,
  type ColorScheme,
  type Language,
} from './ui-store';

export interface AppProps {
  readonly platform: DeskApi;
  /** The vault worker's client; the App never starts a worker of its own. */
  readonly vault: VaultClient;
  /**
   * The router to render; whoever passes one also disposes of it. Without one the App makes a hash
   * router of its own (once per mount; the entry point passes one so StrictMode cannot make two).
   */
  readonly router?: AppRouter;
  /** The starting language; from the system language by default. */
  readonly language?: Language;
  /** The starting colour scheme; from the system preference by default. */
  readonly colorScheme?: ColorScheme;
  /** Called after locking to drop every plaintext string; `window.location.reload()` by default. */
  readonly reload?: () => void;
  /** The clock of the idle lock and the retry countdown; the system clock by default. */
  readonly clock?: Clock;
  /** Asks for persistent storage; `navigator.storage.persist()` by default. */
  readonly persistStorage?: () => Promise<boolean>;
}

function reloadPage(): void {
  window.location.reload();
}

function persistStorage(): Promise<boolean> {
  // Not every runtime has the Storage API (an insecure origin has none): that is a "no".
  const { storage } = navigator as Partial<Navigator>;
  return storage === undefined ? Promise.resolve(false) : storage.persist();
}

export function App(props: AppProps) {
  const { platform, router, language, colorScheme } = props;
  const [app] = useState(() => {
    const initialColorScheme = colorScheme ?? detectColorScheme(window);
    const store = createUiStore({
      language: language ?? detectLanguage(navigator.language),
      colorScheme: initialColorScheme,
    });
    const clock = props.clock ?? systemClock;
    return {
      store,
      clock,
      i18n: createI18n(store.getState().language),
      colorSchemeManager: createStoreColorSchemeManager(store, initialColorScheme),
      router: router ?? createAppRouter(),
      styleNonce: readStyleNonce(document),
      session: createVaultSession({
        client: props.vault,
        ui: store,
        clock,
        reload: props.reload ?? reloadPage,
        persistStorage: props.persistStorage ?? persistStorage,
      }),
    };
  });

  return (
    <AppProviders
      platform={platform}
      store={app.store}
      i18n={app.i18n}
      colorSchemeManager={app.colorSchemeManager}
      styleNonce={app.styleNonce}
      session={app.session}
      clock={app.clock}
    >
      <SessionGate>
        <RouterProvider router={app.router} />
      </SessionGate>
    </AppProviders>
  );
}
