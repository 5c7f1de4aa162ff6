/**
 * The application menu. Electron's default menu has Help entries that open electronjs.org in the user's
 * browser and View entries that open DevTools; neither belongs on an air-gapped workstation. What stays is
 * what a keyboard user needs: copy and paste everywhere, and on macOS the app menu (Quit) and Window menu.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  if (platform === 'darwin') return [{ role: 'appMenu' }, edit, { role: 'windowMenu' }];
  return [edit];
}

export function installApplicationMenu(platform: NodeJS.Platform): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(platform)));
}
