/**
 * DeskApi: the one contract between the UI and the operating system. Every privileged operation is one
 * method here. The Electron preload exposes it as `window.desk`; the web platform implements it with
 * file inputs and downloads; tests implement it in memory. Schemas validate everything that crosses a
 * process or trust boundary: the main process parses arguments, the renderer parses results.
 */
import { z } from 'zod';

/** The largest file the UI will ever ask to read (DESIGN.md §5: bundle file size cap, 256 MiB). */
export const MAX_OPEN_FILE_BYTES = 256 * 1024 * 1024;
/** How many files one pick may return, so a folder with a million entries cannot exhaust memory. */
export const MAX_OPEN_FILES = 1000;
/** How many files one save may write (a bundle pair per recipient, 64 recipients at most, plus reports). */
export const MAX_SAVE_FILES = 256;
/** Longest file name we write; FAT and NTFS allow 255 UTF-16 units. */
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * A name that is valid on FAT/NTFS, ext4 and APFS alike: no path separators, no control or reserved
 * characters, no trailing dot or space, not a DOS device name. Bundles travel on USB sticks formatted
 * with whatever the ministry's IT chose, so the strictest rules win.
 */
const RESERVED_CHARS = /[<>:"/\\|?*]/u;
/** C0 controls and DEL are all single UTF-16 units, so a per-unit scan is exact. */
const hasControlCharacter = (name: string): boolean => {
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};
const DOS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/iu;
export const portableFileNameSchema = z
  .string()
  .min(1)
  .max(MAX_FILE_NAME_LENGTH)
  .refine((name) => !RESERVED_CHARS.test(name), 'file name contains a reserved character')
  .refine((name) => !hasControlCharacter(name), 'file name contains a control character')
  .refine((name) => !/[. ]$/u.test(name), 'file name ends with a dot or a space')
  .refine((name) => name !== '.' && name !== '..', 'file name is a relative path')
  .refine((name) => !DOS_DEVICE.test(name), 'file name is a reserved device name');

/** File extensions as the user sees them, without the dot: `age`, `minisig`, `tdesk-card`. */
const extensionSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,31}$/u);

export const openFilesRequestSchema = z
  .object({
    /** `files` shows a file picker; `folder` reads every file in a chosen folder and its sub-folders. */
    mode: z.enum(['files', 'folder']),
    multiple: z.boolean().default(true),
    /** Only files ending in one of these extensions are returned; empty means any. */
    extensions: z.array(extensionSchema).max(16).default([]),
    /** Files larger than this are listed as too large and never read (size is known before reading). */
    maxBytes: z.number().int().positive().max(MAX_OPEN_FILE_BYTES).default(MAX_OPEN_FILE_BYTES),
  })
  .strict();
export type OpenFilesRequest = z.input<typeof openFilesRequestSchema>;

export const pickedFileSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('read'),
      name: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
      /** Path relative to the chosen folder (`name` itself for a plain pick), `/`-separated. */
      relativePath: z.string().min(1).max(4096),
      size: z.number().int().nonnegative(),
      bytes: z.instanceof(Uint8Array),
    })
    .strict(),
  z
    .object({
      status: z.literal('too-large'),
      name: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
      relativePath: z.string().min(1).max(4096),
      size: z.number().int().nonnegative(),
    })
    .strict(),
]);
export type PickedFile = z.infer<typeof pickedFileSchema>;

export const openFilesResultSchema = z
  .object({
    /** False when the user closed the picker without choosing. */
    picked: z.boolean(),
    files: z.array(pickedFileSchema).max(MAX_OPEN_FILES),
    /** True when the folder held more matching files than MAX_OPEN_FILES: the rest were not read. */
    truncated: z.boolean(),
  })
  .strict();
export type OpenFilesResult = z.infer<typeof openFilesResultSchema>;

export const saveFileSchema = z
  .object({
    name: portableFileNameSchema,
    bytes: z.instanceof(Uint8Array),
  })
  .strict();
export type SaveFile = z.infer<typeof saveFileSchema>;

export const saveFilesRequestSchema = z
  .object({
    files: z
      .array(saveFileSchema)
      .min(1)
      .max(MAX_SAVE_FILES)
      .refine((files) => new Set(files.map((f) => f.name.toLowerCase())).size === files.length, {
        error: 'two files share a name',
      }),
  })
  .strict();
export type SaveFilesRequest = z.infer<typeof saveFilesRequestSchema>;

export const saveFilesResultSchema = z.discriminatedUnion('status', [
  /** Every file was written; `location` is what to show the user (a folder path, or "downloads"). */
  z.object({ status: z.literal('saved'), location: z.string().max(4096) }).strict(),
  z.object({ status: z.literal('cancelled') }).strict(),
  /** Nothing was written because these names already exist in the chosen folder. */
  z
    .object({
      status: z.literal('exists'),
      location: z.string().max(4096),
      names: z.array(z.string().max(MAX_FILE_NAME_LENGTH)).min(1),
    })
    .strict(),
]);
export type SaveFilesResult = z.infer<typeof saveFilesResultSchema>;

/**
 * How a print request ended. Electron reports it; a browser's window.print() does not say, so the web
 * platform answers `unknown` once the dialog has closed.
 */
export const printResultSchema = z.strictObject({ status: z.enum(['printed', 'cancelled', 'failed', 'unknown']) });
export type PrintResult = z.infer<typeof printResultSchema>;

/** The idle time after which the vault locks, in minutes: a setting of the vault (1 to 240). */
export const idleLockMinutesSchema = z.number().int().min(1).max(240);

export const idleLockRequestSchema = z.strictObject({ minutes: idleLockMinutesSchema });
export type IdleLockRequest = z.infer<typeof idleLockRequestSchema>;

/** Why the OS asked us to lock the vault. */
export const lockReasonSchema = z.enum(['screen-locked', 'suspend', 'idle', 'clock-jump', 'user-switch']);
export type LockReason = z.infer<typeof lockReasonSchema>;

/**
 * One line of the security posture shown on the About screen. `state` is what the running platform
 * actually applied, never a hope: `on` (in force), `off` (not in force here), `n/a` (the platform has
 * no such thing, as a browser has no Electron fuses).
 */
export const postureItemSchema = z
  .object({
    id: z.enum([
      'context-isolation',
      'renderer-sandbox',
      'node-integration-off',
      'web-security',
      'csp',
      'network-blocked',
      'permissions-denied',
      'navigation-blocked',
      'ipc-sender-checked',
      'spellcheck-off',
      'crash-reporting-off',
      'updates-off',
      'devtools-off',
      'single-instance',
      'fuses',
    ]),
    state: z.enum(['on', 'off', 'n/a']),
  })
  .strict();
export type PostureItem = z.infer<typeof postureItemSchema>;

export const appInfoSchema = z
  .object({
    name: z.string().min(1).max(100),
    version: z.string().min(1).max(50),
    platform: z.enum(['electron', 'web']),
    /** Versions of the runtime pieces, for support: electron, chrome, node (Electron only). */
    runtime: z.record(z.string().max(30), z.string().max(50)),
    os: z.string().max(100),
    posture: z.array(postureItemSchema).max(32),
  })
  .strict();
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The contract. Every method is async except the event subscription, which returns its unsubscribe. */
export interface DeskApi {
  appInfo(): Promise<AppInfo>;
  openFiles(request: OpenFilesRequest): Promise<OpenFilesResult>;
  saveFiles(request: SaveFilesRequest): Promise<SaveFilesResult>;
  /**
   * Opens the system print dialog for the current page (its print stylesheet decides what appears):
   * the recovery sheet is printed, never saved to a file.
   */
  print(): Promise<PrintResult>;
  /**
   * Tells the platform the vault's idle time, so a system-wide idle watch (Linux has no lock-screen
   * event) locks after the same time as the page's own idle timer, not a fixed default.
   */
  setIdleLock(request: IdleLockRequest): Promise<void>;
  /** Fires when the OS locks the screen, suspends, or the user has been idle system-wide. */
  onLockNow(listener: (reason: LockReason) => void): () => void;
}
