/**
 * DeskApi in a plain browser (`npm run web`, and the end-to-end tests on machines without an Electron
 * binary). The same contract as the desktop app, built from what a web page may do: a file input to
 * read files, a download per file to write them. It is a faithful stand-in, not a weaker copy: sizes
 * are checked before anything is read, results are validated with the same schemas, and the security
 * posture reports only what the browser really enforces.
 */
import {
  MAX_OPEN_FILES,
  openFilesRequestSchema,
  openFilesResultSchema,
  saveFilesRequestSchema,
  idleLockRequestSchema,
  type PickedFile,
} from '@shared/ipc/desk-api';
import type { AppInfo, DeskApi, OpenFilesResult, PostureItem } from './types';

/** The product name as the platform reports it; the UI shows its own translated name in the header. */
const PRODUCT_NAME = 'Tallinn Desk';

/** How long a download's object URL stays alive after its link was clicked. */
const DEFAULT_REVOKE_DELAY_MS = 1_000;

export interface WebPlatformOptions {
  /** The document to create inputs and links in (the current one by default). */
  readonly document?: Document;
  /** Creates the file input the picker opens from; tests replace it to drive the picker. */
  readonly createFileInput?: (doc: Document) => HTMLInputElement;
  /** Milliseconds before object URLs of downloads are revoked. */
  readonly revokeDelayMs?: number;
}

const NOT_PICKED: OpenFilesResult = Object.freeze({ picked: false, files: [], truncated: false });

function defaultFileInput(doc: Document): HTMLInputElement {
  return doc.createElement('input');
}

function hasExtension(name: string, extensions: readonly string[]): boolean {
  if (extensions.length === 0) return true;
  const lower = name.toLowerCase();
  return extensions.some((extension) => lower.endsWith(`.${extension}`));
}

/**
 * The path of a picked file relative to the folder the user chose, as the contract defines it. The
 * browser's `webkitRelativePath` starts with the chosen folder's own name (`Stick/in/a.age`); that first
 * segment is dropped so a path means the same on the web as on the desktop (`in/a.age`).
 */
function relativePathOf(file: File): string {
  const segments = file.webkitRelativePath.split('/').filter((segment) => segment.length > 0);
  return segments.length > 1 ? segments.slice(1).join('/') : file.name;
}

async function readPicked(files: readonly File[], maxBytes: number): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  // One file at a time: a folder of large files never sits in memory twice over while being read.
  for (const file of files) {
    const common = { name: file.name, relativePath: relativePathOf(file), size: file.size };
    if (file.size > maxBytes) {
      picked.push({ status: 'too-large', ...common });
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A file can change between listing and reading; what was read is what counts.
    if (bytes.byteLength > maxBytes) picked.push({ status: 'too-large', ...common, size: bytes.byteLength });
    else picked.push({ status: 'read', ...common, size: bytes.byteLength, bytes });
  }
  return picked;
}

/** Chromium's User-Agent Client Hints, which TypeScript's DOM library does not describe yet. */
interface UaBrand {
  readonly brand: string;
  readonly version: string;
}
interface UaData {
  readonly brands?: readonly UaBrand[];
  getHighEntropyValues?(hints: string[]): Promise<{ fullVersionList?: readonly UaBrand[] }>;
}

const CHROMIUM_BRANDS = ['Chromium', 'Google Chrome', 'Microsoft Edge'];

async function chromeVersion(nav: Navigator): Promise<string | undefined> {
  const uaData = (nav as Navigator & { userAgentData?: UaData }).userAgentData;
  const pick = (brands: readonly UaBrand[] | undefined): string | undefined =>
    brands?.find((brand) => CHROMIUM_BRANDS.includes(brand.brand))?.version;
  if (uaData !== undefined) {
    try {
      const full = pick((await uaData.getHighEntropyValues?.(['fullVersionList']))?.fullVersionList);
      if (full !== undefined) return full;
    } catch {
      // High-entropy hints may be refused; the low-entropy brands below still give the major version.
    }
    const major = pick(uaData.brands);
    if (major !== undefined) return major;
  }
  return /\bChrom(?:e|ium)\/([0-9.]+)/u.exec(nav.userAgent)?.[1];
}

/**
 * True when this document is under a Content Security Policy from its response headers. Browsers hide a
 * nonce from the DOM once such a policy applies (HTML "nonce attributes": the content attribute is
 * emptied, the value stays in the `nonce` property), so an element whose attribute reads empty while its
 * property holds the nonce proves that the header policy is in force on this very document.
 *
 * The obvious probe, `new Function('')` throwing, is deliberately not used: a refused probe is reported
 * as a CSP / Trusted Types violation in the console and to `securitypolicyviolation` listeners, so the
 * About screen would itself break the "no violations" guarantee the end-to-end tests hold the app to.
 * The server's policy text (no 'unsafe-eval', Trusted Types required) is asserted by those tests.
 */
function documentHasHeaderCsp(doc: Document): boolean {
  return Array.from(doc.querySelectorAll<HTMLElement>('[nonce]')).some(
    (element) => element.getAttribute('nonce') === '' && element.nonce !== '',
  );
}

/**
 * What a browser tab really enforces, item by item (see `postureItemSchema`):
 * - `on`: the browser's own renderer sandbox and same-origin policy, and the CSP when the page is under one;
 * - `off`: protections the desktop app applies that a tab leaves to the user, the network or the
 *   browser's settings (network, permission prompts, navigation, spell checking dictionaries, crash
 *   reports, developer tools, and a second tab opening the same vault);
 * - `n/a`: Electron mechanisms that do not exist in a browser (context isolation, Node integration,
 *   IPC sender checks, fuses) and the app updater, which a served page does not have either way.
 */
function browserPosture(csp: boolean): PostureItem[] {
  return [
    { id: 'context-isolation', state: 'n/a' },
    { id: 'renderer-sandbox', state: 'on' },
    { id: 'node-integration-off', state: 'n/a' },
    { id: 'web-security', state: 'on' },
    { id: 'csp', state: csp ? 'on' : 'off' },
    { id: 'network-blocked', state: 'off' },
    { id: 'permissions-denied', state: 'off' },
    { id: 'navigation-blocked', state: 'off' },
    { id: 'ipc-sender-checked', state: 'n/a' },
    { id: 'spellcheck-off', state: 'off' },
    { id: 'crash-reporting-off', state: 'off' },
    { id: 'updates-off', state: 'n/a' },
    { id: 'devtools-off', state: 'off' },
    { id: 'single-instance', state: 'off' },
    { id: 'fuses', state: 'n/a' },
  ];
}

export function createWebPlatform(options: WebPlatformOptions = {}): DeskApi {
  const doc = options.document ?? document;
  const createFileInput = options.createFileInput ?? defaultFileInput;
  const revokeDelayMs = options.revokeDelayMs ?? DEFAULT_REVOKE_DELAY_MS;

  return {
    setIdleLock(request) {
      // A browser tab has no system-wide idle watch: the page's own idle timer is the only one.
      return new Promise((resolve) => {
        idleLockRequestSchema.parse(request);
        resolve();
      });
    },
    print() {
      // window.print() blocks until the dialog closes and does not say whether anything was printed.
      (doc.defaultView ?? window).print();
      return Promise.resolve({ status: 'unknown' });
    },
    async appInfo(): Promise<AppInfo> {
      const nav = doc.defaultView?.navigator ?? navigator;
      const chrome = await chromeVersion(nav);
      return {
        name: PRODUCT_NAME,
        version: __APP_VERSION__,
        platform: 'web',
        runtime: chrome === undefined ? {} : { chrome: chrome.slice(0, 50) },
        os: nav.platform.slice(0, 100),
        posture: browserPosture(documentHasHeaderCsp(doc)),
      };
    },

    openFiles(request) {
      // The picker answers with `change` (files chosen) or `cancel` (closed). A browser only opens it
      // from a user gesture, so call this from a click handler. An invalid request throws inside the
      // executor, which rejects the promise before any picker opens.
      return new Promise<OpenFilesResult>((resolve, reject) => {
        const { mode, multiple, extensions, maxBytes } = openFilesRequestSchema.parse(request);
        const input = createFileInput(doc);
        input.type = 'file';
        input.multiple = mode === 'folder' || multiple;
        if (mode === 'folder') input.webkitdirectory = true;
        else if (extensions.length > 0) input.accept = extensions.map((extension) => `.${extension}`).join(',');

        const onCancel = (): void => {
          input.removeEventListener('change', onChange);
          resolve(NOT_PICKED);
        };
        const onChange = (): void => {
          input.removeEventListener('cancel', onCancel);
          const all = Array.from(input.files ?? []);
          input.value = '';
          if (all.length === 0) {
            resolve(NOT_PICKED);
            return;
          }
          const matching = all.filter((file) => hasExtension(file.name, extensions));
          readPicked(matching.slice(0, MAX_OPEN_FILES), maxBytes)
            .then((files) =>
              openFilesResultSchema.parse({ picked: true, files, truncated: matching.length > MAX_OPEN_FILES }),
            )
            .then(resolve, reject);
        };
        input.addEventListener('change', onChange, { once: true });
        input.addEventListener('cancel', onCancel, { once: true });
        input.click();
      });
    },

    saveFiles(request) {
      // The executor throws the schema's error for an invalid request, which rejects the promise
      // before a single download starts.
      return new Promise((resolve) => {
        const { files } = saveFilesRequestSchema.parse(request);
        const urls: string[] = [];
        try {
          for (const file of files) {
            // A view on a SharedArrayBuffer cannot become a Blob; copy only in that unusual case.
            const bytes = file.bytes.buffer instanceof ArrayBuffer ? file.bytes : file.bytes.slice();
            const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
            urls.push(url);
            const link = doc.createElement('a');
            link.href = url;
            link.download = file.name;
            link.rel = 'noopener';
            link.click();
          }
        } finally {
          // Revoking at once can cancel a download that has not started reading the blob yet.
          setTimeout(() => {
            for (const url of urls) URL.revokeObjectURL(url);
          }, revokeDelayMs);
        }
        resolve({ status: 'saved', location: 'downloads' });
      });
    },

    onLockNow() {
      // A web page gets no signal when the OS locks the screen, suspends or switches user (the Idle
      // Detection API needs a permission this app never asks for, and it reports idleness, not a
      // lock). There is nothing to subscribe to; the vault's own inactivity timer still locks it.
      return () => {};
    },
  };
}
