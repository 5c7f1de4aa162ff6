/**
 * UI state that is not data: the interface language, the colour scheme and whether the navigation
 * drawer is open on a narrow window. One store per running app, made by `createUiStore` and handed down
 * through `UiStoreProvider`, so tests get a fresh one each time. The language and colour scheme are
 * kept in the vault's settings by the vault session (app/session), never in Web Storage, which is banned.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export const LANGUAGES = ['en', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export type ColorScheme = 'light' | 'dark';

export interface UiState {
  readonly language: Language;
  readonly colorScheme: ColorScheme;
  readonly navbarOpen: boolean;
  readonly setLanguage: (language: Language) => void;
  readonly setColorScheme: (colorScheme: ColorScheme) => void;
  readonly toggleColorScheme: () => void;
  readonly setNavbarOpen: (open: boolean) => void;
  readonly toggleNavbar: () => void;
}

export type UiStore = StoreApi<UiState>;

export interface UiStoreInit {
  readonly language: Language;
  readonly colorScheme: ColorScheme;
}

export function createUiStore(init: UiStoreInit): UiStore {
  return createStore<UiState>()((set) => ({
    language: init.language,
    colorScheme: init.colorScheme,
    navbarOpen: false,
    setLanguage: (language) => {
      set({ language });
    },
    setColorScheme: (colorScheme) => {
      set({ colorScheme });
    },
    toggleColorScheme: () => {
      set((state) => ({ colorScheme: state.colorScheme === 'dark' ? 'light' : 'dark' }));
    },
    setNavbarOpen: (navbarOpen) => {
      set({ navbarOpen });
    },
    toggleNavbar: () => {
      set((state) => ({ navbarOpen: !state.navbarOpen }));
    },
  }));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Ukrainian when the system asks for it, English otherwise. */
export function detectLanguage(navigatorLanguage: string | undefined): Language {
  return navigatorLanguage?.toLowerCase().startsWith('uk') === true ? 'uk' : 'en';
}

/** Follows the system's light or dark preference at start-up. */
export function detectColorScheme(win: Pick<Window, 'matchMedia'> | undefined): ColorScheme {
  return win?.matchMedia('(prefers-color-scheme: dark)').matches === true ? 'dark' : 'light';
}
