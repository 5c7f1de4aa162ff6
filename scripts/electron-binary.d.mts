/** Absolute path of a present Electron executable, found without `require('electron')`. */
export function findElectronBinary(): string | undefined;
export const NO_ELECTRON_MESSAGE: string;
