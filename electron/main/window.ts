/**
 * The one application window. It stays hidden until the first paint so the user never sees a blank or
 * half-styled frame, and it loads only the app's entry page; everything else about what it may do is
 * decided by secureWebPreferences and the guards in security.ts.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './origin';
import { secureWebPreferences } from './security';

export const WINDOW_TITLE = 'Tallinn Desk';
/** Mantine's light body colour, so the frame before first paint matches the page. */
export const WINDOW_BACKGROUND = '#ffffff';

export interface MainWindow {
  window: BrowserWindow;
  /** The preferences the window was built with, kept for the posture report. */
  webPreferences: Readonly<WebPreferences>;
}

export function createMainWindow(preloadPath: string, devTools: boolean): MainWindow {
  const webPreferences = Object.freeze(secureWebPreferences(preloadPath, devTools));
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: { ...webPreferences },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // A failed load leaves the window hidden; say why on stderr rather than crash main.
    console.error('Tallinn Desk: could not load the app page', error);
  });
  return { window, webPreferences };
}
