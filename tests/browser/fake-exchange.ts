/**
 * The exchange commands of the fake vault (issue #7), stateful and without cryptography: contact cards
 * and bundles are JSON files made by `fakeCardFile` and `fakeBundlePair`; an imported card's delegation
 * stays unverified (its parked change-sets held back, its bundles refused) until the fingerprint its
 * card carries is typed, under a name the user assigns that is not confusable with another known
 * delegation's (refused like the worker: `card-refused`, reason `confusable-name`, `with` its id); an export is previewed from the records the vault holds (drafts, RED, relays
 * above GREEN redacted), sealed with progress, and logged only when committed; imports pair the files,
 * refuse unknown or unverified signers, count duplicates, and keep a history with real SHA-256 digests.
 */
import { ROLES, type Role } from '@shared/crypto/formats';
import type { OpenFilesResult } from '@shared/ipc/desk-api';
import type {
  AuditAction,
  AuditEntry,
  BundleImportReport,
  CardPreview,
  DelegationView,
  ExchangeEntry,
  ExchangeFile,
  ExportBundlePlan,
  ExportOptions,
  IngestReport,
  KeyEventView,
  Profile,
  RecordView,
  RedactionReason,
  VaultErrorCode,
  VaultProgress,
  VaultRequest,
} from '@shared/ipc/vault-protocol';

export interface FakeCard {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly role: Role;
  /** 8 groups of 5 digits: what the other side will read out. */
  readonly fingerprint: readonly string[];
  readonly keyId: string;
  readonly devices: number;
  readonly keyEvents: number;
  readonly format: number;
}

export interface FakeBundleContent {
  readonly bundleId: string;
  readonly sender: string;
  readonly changeSets: number;
  /** Records the bundle brings (applied when imported from a verified sender). */
  readonly records: readonly RecordView[];
  readonly parked: number;
  readonly newConflicts: number;
  readonly problems: readonly { readonly reason: string; readonly message: string }[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A `.tdesk-card` file as the fake reads it. */
export function fakeCardFile(card: FakeCard, name = `${card.name.replace(/[^A-Za-z0-9]+/gu, '-')}.tdesk-card`): ExchangeFile {
  return { name, relativePath: name, bytes: encoder.encode(JSON.stringify({ fakeCard: card })) };
}

/** A bundle pair (`NAME.tdesk.age` and `NAME.tdesk.age.minisig`) as the fake reads it. */
export function fakeBundlePair(name: string, content: Partial<FakeBundleContent> & Pick<FakeBundleContent, 'sender'>, folder = ''): ExchangeFile[] {
  const full: FakeBundleContent = { bundleId: crypto.randomUUID(), changeSets: 0, records: [], parked: 0, newConflicts: 0, problems: [], ...content };
  const age = `${name}.tdesk.age`;
  const sig = `${age}.minisig`;
  return [
    { name: age, relativePath: `${folder}${age}`, bytes: encoder.encode(JSON.stringify({ fakeBundle: full })) },
    { name: sig, relativePath: `${folder}${sig}`, bytes: encoder.encode(`untrusted comment: fake\n${full.bundleId}\n`) },
  ];
}

/** A DeskApi pick (OpenFilesResult) of these files, as the memory platform returns it. */
export function pickOf(files: readonly ExchangeFile[]): OpenFilesResult {
  return { picked: true, truncated: false, files: files.map((file) => ({ status: 'read' as const, name: file.name, relativePath: file.relativePath, size: file.bytes.length, bytes: file.bytes })) };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readCard(file: ExchangeFile): FakeCard | null {
  const parsed = parseJson(file.bytes);
  if (!isRecord(parsed) || !isRecord(parsed['fakeCard'])) return null;
  const card = parsed['fakeCard'];
  const role = card['role'];
  if (typeof card['id'] !== 'string' || typeof card['name'] !== 'string' || typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  return card as unknown as FakeCard;
}

function readBundle(bytes: Uint8Array): FakeBundleContent | null {
  const parsed = parseJson(bytes);
  if (!isRecord(parsed) || !isRecord(parsed['fakeBundle'])) return null;
  return parsed['fakeBundle'] as unknown as FakeBundleContent;
}

/** Confusable names, roughly as shared/bundle's skeleton: case and everything but letters ignored. */
function skeleton(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const EMPTY_REPORT: IngestReport = { applied: 0, duplicates: 0, contentFilled: 0, redacted: 0, parked: 0, newConflicts: 0, rejected: [], flagged: [], forks: [], gaps: [], refused: null };

export interface ExchangeContext {
  readonly profile: () => Profile;
  /** The other delegations (mutable: cards add to it, verification replaces entries). */
  readonly others: DelegationView[];
  readonly records: Map<string, RecordView>;
  readonly now: () => number;
  readonly log: (action: AuditAction, details?: AuditEntry['details']) => void;
  readonly fail: (code: VaultErrorCode, message: string, extra?: { details?: Record<string, string | number> }) => never;
}

export interface FakeExchange {
  answer(request: VaultRequest, onProgress: ((progress: VaultProgress) => void) | undefined): Promise<unknown> | undefined;
  /** Change-sets of a delegation waiting for its verification (released by `delegation-verify`). */
  seedParked(delegationId: string, count: number): void;
  /** Key ids of delegations already known (for key-id collisions), by delegation id. */
  seedKeyId(delegationId: string, keyId: string): void;
  /** An entry of the exchange history as an earlier (or later) worker may have written it. */
  seedHistory(entry: ExchangeEntry): void;
  /** Stops `cmd` after its first progress report until the returned function is called. */
  holdAfterProgress(cmd: 'export-seal' | 'import-bundles'): () => void;
  readonly history: readonly ExchangeEntry[];
  /** Fingerprints of the cards imported so far, by delegation id (what the other side would read out). */
  readonly fingerprints: ReadonlyMap<string, readonly string[]>;
}

interface PendingExport {
  readonly options: ExportOptions;
  readonly bundles: readonly { recipients: string[]; name: string; signatureName: string; bundleId: string; size: { age: number; minisig: number }; sha256: { age: string; minisig: string }; plan: ExportBundlePlan; recordIds: string[] }[];
}

export function createFakeExchange(context: ExchangeContext): FakeExchange {
  const keyIds = new Map<string, string>();
  const keyEvents = new Map<string, KeyEventView[]>();
  const fingerprints = new Map<string, readonly string[]>();
  const parked = new Map<string, number>();
  const acknowledged = new Map<string, Record<string, number>>();
  /** Records each recipient has been sent (what "since the last acknowledgement" leaves out). */
  const sentTo = new Map<string, Set<string>>();
  const importedBundles = new Set<string>();
  const pending = new Map<string, PendingExport>();
  const history: ExchangeEntry[] = [];
  const gates = new Map<string, Promise<void>>();
  let exportSeq = 0;

  const iso = (): string => new Date(context.now()).toISOString();
  const find = (id: string): DelegationView | undefined => context.others.find((delegation) => delegation.id === id);
  const refuse = (reason: string, message: string, extra: Record<string, string> = {}): never => context.fail('card-refused', message, { details: { reason, ...extra } });

  function inspect(file: ExchangeFile): { card: FakeCard; preview: CardPreview } {
    const card = readCard(file);
    if (card === null) return refuse('invalid', 'The contact card is not valid.');
    if (card.format > 1) return refuse('format-newer', 'The card uses a newer format.');
    const own = context.profile();
    if (card.id === own.delegationId) return refuse('own-card', 'This is your own card.');
    for (const other of context.others) {
      if (other.id === card.id) continue;
      if (keyIds.get(other.id) === card.keyId) return refuse('key-id-collision', 'Key id collision.', { with: other.id });
      if (skeleton(other.name) === skeleton(card.name)) return refuse('confusable-name', 'Confusable name.', { with: other.id });
    }
    const known = find(card.id);
    const status: CardPreview['status'] =
      known === undefined ? 'new' : known.verification === null ? 'unverified' : card.keyEvents > (keyEvents.get(card.id)?.length ?? 0) ? 'key-update' : 'verified';
    return {
      card,
      preview: { delegationId: card.id, proposedName: card.name, country: card.country, proposedRole: card.role, devices: card.devices, keyEvents: card.keyEvents, status },
    };
  }

  function importCard(file: ExchangeFile): { card: CardPreview; delegation: DelegationView } {
    const { card, preview } = inspect(file);
    const events: KeyEventView[] = Array.from({ length: card.keyEvents }, (_, seq) =>
      seq === 0
        ? { seq, type: 'inception' as const, at: '2025-02-01T10:00:00.000Z', device: '', label: '' }
        : { seq, type: 'device' as const, at: '2025-02-01T10:05:00.000Z', device: `dev${String(seq).padStart(23, 'a')}`, label: `Workstation ${String(seq)}` },
    );
    keyEvents.set(card.id, events);
    keyIds.set(card.id, card.keyId);
    fingerprints.set(card.id, card.fingerprint);
    let delegation = find(card.id);
    if (delegation === undefined) {
      delegation = { id: card.id, name: card.name, country: card.country, role: card.role, local: false, verification: null, revoked: false, devices: card.devices, fingerprint: [...card.fingerprint] };
      context.others.push(delegation);
    } else {
      delegation = { ...delegation, devices: card.devices };
      context.others.splice(context.others.findIndex((other) => other.id === card.id), 1, delegation);
    }
    context.log('card-imported', { delegationId: card.id, status: preview.status });
    return { card: preview, delegation };
  }

  function verify(request: Extract<VaultRequest, { cmd: 'delegation-verify' }>): { delegation: DelegationView; released: IngestReport } {
    const delegation = find(request.delegationId);
    if (delegation === undefined) return context.fail('not-found', 'Unknown delegation.');
    // The assigned name, checked before the fingerprint as the worker does: no control or bidi
    // characters, not confusable with another delegation (ours included).
    if (/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(request.name)) return refuse('name-invalid', 'The name holds control or bidirectional-text characters.');
    const own = context.profile();
    const others = [{ id: own.delegationId, name: own.name }, ...context.others.filter((other) => other.id !== delegation.id)];
    const clash = others.find((other) => skeleton(other.name) === skeleton(request.name));
    if (clash !== undefined) return refuse('confusable-name', `The name can be confused with ${clash.name}.`, { with: clash.id });
    const typed = request.fingerprint.replace(/[\s-]/gu, '');
    if (typed !== delegation.fingerprint.join('')) {
      context.log('verification-failed', { delegationId: delegation.id });
      return context.fail('fingerprint-mismatch', 'The fingerprint does not match.');
    }
    const verified: DelegationView = {
      ...delegation,
      name: request.name,
      role: request.role,
      verification: { method: 'fingerprint', at: iso(), by: context.profile().delegationId, channel: request.channel },
    };
    context.others.splice(context.others.indexOf(delegation), 1, verified);
    const released = parked.get(delegation.id) ?? 0;
    parked.delete(delegation.id);
    context.log('delegation-verified', { delegationId: delegation.id, channel: request.channel, released });
    return { delegation: verified, released: { ...EMPTY_REPORT, applied: released } };
  }

  function detail(delegationId: string): unknown {
    const own = context.profile();
    if (delegationId === own.delegationId) {
      const delegation: DelegationView = {
        id: own.delegationId,
        name: own.name,
        country: own.country,
        role: own.role,
        local: true,
        verification: { method: 'own', at: iso(), by: own.delegationId },
        revoked: false,
        devices: 1,
        fingerprint: [...own.fingerprint],
      };
      return { delegation, keyEvents: [{ seq: 0, type: 'inception', at: iso(), device: '', label: '' }], acknowledged: null, parked: 0 };
    }
    const delegation = find(delegationId);
    if (delegation === undefined) return context.fail('not-found', 'Unknown delegation.');
    return { delegation, keyEvents: keyEvents.get(delegationId) ?? [], acknowledged: acknowledged.get(delegationId) ?? null, parked: parked.get(delegationId) ?? 0 };
  }

  /** What one recipient gets: own records in full unless draft or RED, others' only up to GREEN. */
  function planFor(recipients: string[], options: ExportOptions): { plan: ExportBundlePlan; recordIds: string[] } {
    const own = context.profile().delegationId;
    const reasons: Partial<Record<RedactionReason, number>> = {};
    const recordIds: string[] = [];
    let redacted = 0;
    const already = (id: string): boolean => options.scope === 'incremental' && recipients.every((recipient) => sentTo.get(recipient)?.has(id) === true);
    for (const record of context.records.values()) {
      if (already(record.id)) continue;
      let reason: RedactionReason | null = null;
      if (record.owner === own) {
        if (record.values['status'] === 'draft') reason = 'draft';
        else if (record.tlp === 'RED') reason = 'red-audience';
      } else if (record.tlp !== 'CLEAR' && record.tlp !== 'GREEN') reason = 'relay-above-green';
      if (reason === null) recordIds.push(record.id);
      else {
        reasons[reason] = (reasons[reason] ?? 0) + 1;
        redacted += 1;
      }
    }
    const full = recordIds.length;
    return { plan: { recipients, changeSets: full + redacted, full, redacted, reasons, records: full, contentRequestsAnswered: 0 }, recordIds };
  }

  function checkRecipients(options: ExportOptions): void {
    for (const id of options.recipients) {
      const delegation = find(id);
      if (delegation === undefined || delegation.revoked || delegation.verification?.method !== 'fingerprint') {
        context.fail('export-refused', `Recipient ${id} is not a verified delegation.`);
      }
    }
  }

  function groups(options: ExportOptions): string[][] {
    return options.grouping === 'per-recipient' ? options.recipients.map((id) => [id]) : [[...options.recipients]];
  }

  const stamp = (): string => new Date(context.now()).toISOString().slice(0, 10);
  const slug = (id: string): string => (find(id)?.country ?? 'XX').toUpperCase();

  async function seal(options: ExportOptions, onProgress: ((progress: VaultProgress) => void) | undefined): Promise<unknown> {
    checkRecipients(options);
    const planned = groups(options).map((recipients) => planFor(recipients, options));
    onProgress?.({ stage: 'gather', done: 0, total: planned.length });
    await gates.get('export-seal');
    const bundles = [];
    const views = [];
    for (const [index, { plan, recordIds }] of planned.entries()) {
      exportSeq += 1;
      onProgress?.({ stage: 'seal', done: index, total: planned.length, item: plan.recipients.map((id) => find(id)?.name ?? id).join(', ') });
      const name = `${stamp()}_${context.profile().country}-to-${plan.recipients.map(slug).join('-')}_${String(exportSeq).padStart(4, '0')}.tdesk.age`;
      const signatureName = `${name}.minisig`;
      const age = crypto.getRandomValues(new Uint8Array(200 + index));
      const minisig = encoder.encode(`untrusted comment: fake signature ${String(exportSeq)}\n`);
      const bundleId = crypto.randomUUID();
      const digests = { age: await sha256(age), minisig: await sha256(minisig) };
      bundles.push({ recipients: plan.recipients, name, signatureName, bundleId, size: { age: age.length, minisig: minisig.length }, sha256: digests, plan, recordIds });
      views.push({ bundleId, recipients: plan.recipients, name, signatureName, age, minisig, sha256: digests, plan });
    }
    onProgress?.({ stage: 'seal', done: planned.length, total: planned.length });
    const exportId = crypto.randomUUID();
    pending.set(exportId, { options, bundles });
    return { exportId, bundles: views };
  }

  function commit(exportId: string): unknown {
    const done = pending.get(exportId);
    if (done === undefined) return context.fail('export-refused', 'Unknown export.');
    pending.delete(exportId);
    for (const bundle of done.bundles) {
      for (const recipient of bundle.recipients) {
        const set = sentTo.get(recipient) ?? new Set<string>();
        for (const id of bundle.recordIds) set.add(id);
        sentTo.set(recipient, set);
      }
      context.log('bundle-exported', { bundleId: bundle.bundleId, recipients: bundle.recipients.join(', ') });
      history.push({
        direction: 'sent',
        at: iso(),
        bundleId: bundle.bundleId,
        name: bundle.name,
        peers: bundle.recipients.map((id) => ({ id, name: find(id)?.name ?? id })),
        size: bundle.size,
        sha256: bundle.sha256,
        changeSets: bundle.plan.changeSets,
        outcome: 'sent',
        counts: { full: bundle.plan.full, redacted: bundle.plan.redacted },
        reason: null,
      });
    }
    return { logged: done.bundles.length };
  }

  async function importOne(age: ExchangeFile | undefined, sig: ExchangeFile | undefined): Promise<BundleImportReport> {
    const file = age ?? sig;
    if (file === undefined) throw new Error('importOne needs a file');
    const digests = { age: age === undefined ? null : await sha256(age.bytes), minisig: sig === undefined ? null : await sha256(sig.bytes) };
    const base = {
      name: age?.name ?? file.name.replace(/\.minisig$/u, ''),
      relativePath: age?.relativePath ?? file.relativePath.replace(/\.minisig$/u, ''),
      size: { age: age?.bytes.length ?? 0, minisig: sig?.bytes.length ?? 0 },
      sha256: digests,
      problems: [],
    };
    const refused = (code: string, message: string, sender: BundleImportReport['sender'] = null, bundleId: string | null = null): BundleImportReport => {
      context.log('bundle-refused', { name: base.name, code });
      history.push({ direction: 'received', at: iso(), bundleId, name: base.name, peers: sender === null ? [] : [{ id: sender.id, name: sender.name }], size: base.size, sha256: digests, changeSets: 0, outcome: 'refused', counts: {}, reason: code });
      return { ...base, outcome: 'refused', sender, signatureVerified: false, bundleId, counts: null, refusal: { code, message } };
    };
    if (sig === undefined) return refused('missing-signature', 'The .minisig file is missing.');
    if (age === undefined) return refused('missing-bundle', 'The .tdesk.age file is missing.');
    const content = readBundle(age.bytes);
    if (content === null) return refused('signature-malformed', 'The signature is not a minisign signature.');
    const sender = find(content.sender);
    if (sender === undefined) return refused('signer-unknown', 'The signer is not a delegation this vault knows.');
    if (sender.verification === null) return { ...refused('signer-unverified', 'The signer has not been verified.'), refusal: { code: 'signer-unverified', message: 'The signer has not been verified.', claimedSender: { id: sender.id, name: sender.name } } };
    const senderView = { id: sender.id, name: sender.name, fingerprint: [...sender.fingerprint] };
    const zero = { changeSets: content.changeSets, applied: 0, duplicates: 0, contentFilled: 0, redacted: 0, parked: 0, newConflicts: 0, rejected: 0 };
    if (importedBundles.has(content.bundleId)) {
      history.push({ direction: 'received', at: iso(), bundleId: content.bundleId, name: base.name, peers: [{ id: sender.id, name: sender.name }], size: base.size, sha256: digests, changeSets: content.changeSets, outcome: 'duplicate', counts: { duplicates: content.changeSets }, reason: null });
      return { ...base, outcome: 'duplicate', sender: senderView, signatureVerified: true, bundleId: content.bundleId, counts: { ...zero, duplicates: content.changeSets }, refusal: null };
    }
    importedBundles.add(content.bundleId);
    for (const record of content.records) context.records.set(record.id, structuredClone(record));
    const rejected = content.problems.length;
    const applied = Math.max(0, content.changeSets - content.parked - rejected);
    const counts = { ...zero, applied, parked: content.parked, newConflicts: content.newConflicts, rejected };
    context.log('bundle-imported', { bundleId: content.bundleId, sender: sender.id, applied });
    history.push({ direction: 'received', at: iso(), bundleId: content.bundleId, name: base.name, peers: [{ id: sender.id, name: sender.name }], size: base.size, sha256: digests, changeSets: content.changeSets, outcome: 'applied', counts: { applied, parked: content.parked, rejected }, reason: null });
    return { ...base, problems: content.problems.map((problem) => ({ ...problem })), outcome: 'applied', sender: senderView, signatureVerified: true, bundleId: content.bundleId, counts, refusal: null };
  }

  async function importBundles(files: readonly ExchangeFile[], onProgress: ((progress: VaultProgress) => void) | undefined): Promise<unknown> {
    const pairs = new Map<string, { age?: ExchangeFile; sig?: ExchangeFile }>();
    for (const file of files) {
      if (file.relativePath.endsWith('.tdesk.age')) pairs.set(file.relativePath, { ...pairs.get(file.relativePath), age: file });
      else if (file.relativePath.endsWith('.tdesk.age.minisig')) {
        const key = file.relativePath.slice(0, -'.minisig'.length);
        pairs.set(key, { ...pairs.get(key), sig: file });
      }
    }
    const entries = [...pairs.values()];
    onProgress?.({ stage: 'read', done: 0, total: entries.length });
    await gates.get('import-bundles');
    const reports: BundleImportReport[] = [];
    for (const [index, pair] of entries.entries()) {
      onProgress?.({ stage: 'verify', done: index, total: entries.length, item: (pair.age ?? pair.sig)?.name ?? '' });
      reports.push(await importOne(pair.age, pair.sig));
    }
    onProgress?.({ stage: 'write', done: entries.length, total: entries.length });
    return { reports };
  }

  return {
    answer(request, onProgress) {
      switch (request.cmd) {
        case 'card-export': {
          const own = context.profile();
          context.log('card-exported');
          return Promise.resolve({ name: `${own.country}-${own.delegationId.slice(0, 8)}.tdesk-card`, bytes: encoder.encode(JSON.stringify({ fakeCard: { id: own.delegationId, name: own.name } })) });
        }
        case 'card-inspect':
          return Promise.resolve().then(() => ({ card: inspect(request.file).preview }));
        case 'card-import':
          return Promise.resolve().then(() => importCard(request.file));
        case 'delegation-verify':
          return Promise.resolve().then(() => verify(request));
        case 'delegation-detail':
          return Promise.resolve().then(() => detail(request.delegationId));
        case 'export-preview':
          return Promise.resolve().then(() => {
            checkRecipients(request.options);
            return { bundles: groups(request.options).map((recipients) => planFor(recipients, request.options).plan) };
          });
        case 'export-seal':
          return seal(request.options, onProgress);
        case 'export-commit':
          return Promise.resolve().then(() => commit(request.exportId));
        case 'import-bundles':
          return importBundles(request.files, onProgress);
        case 'exchange-history':
          // Newest first, as the worker returns them.
          return Promise.resolve({ entries: structuredClone(history).reverse() });
        default:
          return undefined;
      }
    },
    seedParked(delegationId, count) {
      parked.set(delegationId, count);
    },
    seedKeyId(delegationId, keyId) {
      keyIds.set(delegationId, keyId);
    },
    seedHistory(entry) {
      history.push(structuredClone(entry));
    },
    holdAfterProgress(cmd) {
      let release = (): void => undefined;
      gates.set(
        cmd,
        new Promise<void>((resolve) => {
          release = () => {
            gates.delete(cmd);
            resolve();
          };
        }),
      );
      return () => {
        release();
      };
    },
    get history() {
      return history;
    },
    fingerprints,
  };
}
