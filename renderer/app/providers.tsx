/**
 * Everything the app's components reach through React context: the platform (DeskApi), the UI store,
 * the vault session and the clock, translations and the Mantine theme. Nothing here lives in a module variable; each `App` owns its own.
 */
import '@mantine/core/styles.css';
import './theme.css';
import { MantineProvider, type MantineColorSchemeManager } from '@mantine/core';
import type { i18n as I18n } from 'i18next';
import { useLayoutEffect, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { DeskApi } from '../platform/types';
import { PlatformContext, UiStoreContext, useUi } from './contexts';
import { ClockContext, VaultSessionContext, type Clock, type VaultSession } from './session';
import { theme } from './theme';
import type { UiStore } from './ui-store';

export interface AppProvidersProps {
  readonly platform: DeskApi;
  readonly store: UiStore;
  readonly i18n: I18n;
  readonly colorSchemeManager: MantineColorSchemeManager;
  /** The page's CSP nonce, for the <style> elements Mantine creates; undefined where no CSP applies. */
  readonly styleNonce: string | undefined;
  readonly session: VaultSession;
  readonly clock: Clock;
  readonly children: ReactNode;
}

/** Follows the store's language: switches the translations and marks the document's language. */
function LanguageSync({ i18n }: { readonly i18n: I18n }) {
  const language = useUi((state) => state.language);
  // A layout effect, so the switch is painted in one frame together with the new `lang`.
  useLayoutEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  return null;
}

export function AppProviders({ platform, store, i18n, colorSchemeManager, styleNonce, session, clock, children }: AppProvidersProps) {
  const initialColorScheme = store.getState().colorScheme;
  return (
    <PlatformContext value={platform}>
      <UiStoreContext value={store}>
        <VaultSessionContext value={session}>
          <ClockContext value={clock}>
            <I18nextProvider i18n={i18n}>
              <LanguageSync i18n={i18n} />
              <MantineProvider
                theme={theme}
                colorSchemeManager={colorSchemeManager}
                defaultColorScheme={initialColorScheme}
                withCssVariables={false}
                withGlobalClasses={false}
                deduplicateInlineStyles
                {...(styleNonce === undefined ? {} : { getStyleNonce: () => styleNonce })}
              >
                {children}
              </MantineProvider>
            </I18nextProvider>
          </ClockContext>
        </VaultSessionContext>
      </UiStoreContext>
    </PlatformContext>
  );
}
