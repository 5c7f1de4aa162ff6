/**
 * The seam between the UI and whatever runs it (Electron, a plain browser, or a test). Everything the
 * renderer may ask of the operating system goes through one `DeskApi` object; the contract and its
 * schemas live in `shared/ipc` so the preload, the main process and the renderer cannot drift apart.
 */
export type {
  AppInfo,
  DeskApi,
  LockReason,
  OpenFilesRequest,
  OpenFilesResult,
  PickedFile,
  PostureItem,
  PrintResult,
  SaveFile,
  SaveFilesRequest,
  SaveFilesResult,
} from '@shared/ipc/desk-api';
