/**
 * The whole UI. Everything stateful (UI store, translations, router) is created once per mounted App,
 * so the entry point and each test get their own.
 */
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import type { DeskApi } from '../platform/types';
import { createStoreColorSchemeManager } from './color-scheme';
import { createI18n } from './i18n';
import { AppProviders } from './providers';
import { createAppRouter, type AppRouter } from './routes';
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
  /**
   * The router to render; whoever passes one also disposes of it. Without one the App makes a hash
   * router of its own (once per mount; the entry point passes one so StrictMode cannot make two).
   */
  readonly router?: AppRouter;
  /** The starting language; from the system language by default. */
  readonly language?: Language;
  /** The starting colour scheme; from the system preference by default. */
  readonly colorScheme?: ColorScheme;
}

export function App({ platform, router, language, colorScheme }: AppProps) {
  const [app] = useState(() => {
    const initialColorScheme = colorScheme ?? detectColorScheme(window);
    const store = createUiStore({
      language: language ?? detectLanguage(navigator.language),
      colorScheme: initialColorScheme,
    });
    return {
      store,
      i18n: createI18n(store.getState().language),
      colorSchemeManager: createStoreColorSchemeManager(store, initialColorScheme),
      router: router ?? createAppRouter(),
      styleNonce: readStyleNonce(document),
    };
  });

  return (
    <AppProviders
      platform={platform}
      store={app.store}
      i18n={app.i18n}
      colorSchemeManager={app.colorSchemeManager}
      styleNonce={app.styleNonce}
    >
      <RouterProvider router={app.router} />
    </AppProviders>
  );
}
