/**
 * The export wizard's commands (issue #7): `export-preview` (what would go, what is redacted and why),
 * `export-seal` (gather, sign a fresh checkpoint, seal the bundles; posts progress; writes one
 * `bundle-sealed` audit entry (export id, bundle ids, recipients, counts) in its own transaction BEFORE
 * the bytes leave the worker, so every sealed bundle is logged even if it is never committed; keeps the
 * sealed bytes in worker memory under an export id) and `export-commit` (the UI saved the files through
 * DeskApi: one exchange-history entry per bundle and one `bundle-exported` audit entry with the location,
 * in one transaction; the bytes are then forgotten). Planning is in export-plan.ts.
 */
import { sealBundle } from '@shared/bundle';
import { randomBytes, toBase32, utf8Encode } from '@shared/crypto';
import type { ExchangeEntry, SealedBundleView } from '@shared/ipc/vault-protocol';
import { VaultFailure } from '../errors';
import { encodeExchange, loadExchange, withHistory } from '../exchange-store';
import { plainBytes, sha256Hex } from '../file-digest';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler } from './context';
import { checkRecipients, commonParts, planExport } from './export-plan';
import { keyStateOf, peerOf } from './trust';

export const exportPreview: CommandHandler<'export-preview'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const recipients = checkRecipients(loaded, request.options.recipients);
  const exchange = await loadExchange(ctx.repo, vault);
  return { bundles: planExport(loaded, exchange, recipients, request.options).map((bundle) => bundle.plan) };
};

export const exportSeal: CommandHandler<'export-seal'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const recipients = checkRecipients(loaded, request.options.recipients);
  const exchange = await loadExchange(ctx.repo, vault);
  ctx.progress({ stage: 'gather', done: 0, total: 1 });
  const planned = planExport(loaded, exchange, recipients, request.options);
  const common = commonParts(loaded, vault.keys.signing.secretKey);
  ctx.progress({ stage: 'gather', done: 1, total: 1 });
  const local = loaded.delegations.get(loaded.state.localDelegation);
  if (local === undefined) throw new VaultFailure('internal', 'The local delegation is missing from the replica.');
  const sender = { state: keyStateOf(local), keyEventLog: vault.record.keyEventLog, signing: vault.keys.signing };
  const created = ctx.now().toISOString();
  const bundles: SealedBundleView[] = [];
  for (const [index, bundle] of planned.entries()) {
    ctx.progress({ stage: 'seal', done: index, total: planned.length, item: bundle.recipients.map((r) => r.name).join(', ').slice(0, 255) });
    const sealed = await sealBundle({
      sender,
      recipients: bundle.recipients.map(peerOf),
      parts: { ...common, checkpoints: [...common.checkpoints], changeSets: bundle.changeSets },
      created,
      // The counter advances when the export is committed; until then a new seal reuses the numbers
      // (the bundle id in the name keeps the files apart).
      sequence: exchange.exportCounter + index + 1,
    });
    const minisig = plainBytes(utf8Encode(sealed.minisig));
    const age = plainBytes(sealed.age);
    bundles.push({
      bundleId: sealed.bundleId,
      recipients: bundle.recipients.map((r) => r.known.id),
      name: sealed.name,
      signatureName: sealed.signatureName,
      age,
      minisig,
      sha256: { age: await sha256Hex(age), minisig: await sha256Hex(minisig) },
      plan: bundle.plan,
    });
  }
  ctx.progress({ stage: 'seal', done: planned.length, total: planned.length });
  const exportId = toBase32(randomBytes(16));
  // Logged before the bytes are returned: a sealed bundle may leave the worker only once it is logged.
  const current = ctx.session.current();
  const plan = WritePlan.on(current.manifest, current.manifestVersion, 'export-seal');
  plan.appendAudit('bundle-sealed', bundleDetails(exportId, bundles), created);
  await commitForSession(ctx, current, plan);
  ctx.session.pendingExports.add({ exportId, bundles, names: new Map(recipients.map((r) => [r.known.id, r.name])) });
  return { exportId, bundles };
};

/** One key per bundle and per recipient: audit values are short strings (max 200 characters). */
function bundleDetails(exportId: string, bundles: readonly SealedBundleView[]): Record<string, string | number> {
  const recipients = [...new Set(bundles.flatMap((bundle) => bundle.recipients))];
  const details: Record<string, string | number> = {
    export: exportId,
    bundles: bundles.length,
    recipients: recipients.length,
    changeSets: bundles.reduce((sum, bundle) => sum + bundle.plan.changeSets, 0),
    full: bundles.reduce((sum, bundle) => sum + bundle.plan.full, 0),
    redacted: bundles.reduce((sum, bundle) => sum + bundle.plan.redacted, 0),
  };
  bundles.forEach((bundle, index) => {
    details[`bundle${index + 1}`] = bundle.bundleId;
  });
  recipients.forEach((id, index) => {
    details[`recipient${index + 1}`] = id;
  });
  return details;
}

export const exportCommit: CommandHandler<'export-commit'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const pending = ctx.session.pendingExports.take(request.exportId);
  if (pending === undefined) {
    throw new VaultFailure('export-refused', 'This export is not waiting to be logged (it was logged already, or the vault was locked since it was sealed): seal it again.', {
      details: { reason: 'unknown-export' },
    });
  }
  try {
    const exchange = await loadExchange(ctx.repo, vault);
    const at = ctx.now().toISOString();
    const entries: ExchangeEntry[] = pending.bundles.map((bundle) => ({
      direction: 'sent',
      at,
      bundleId: bundle.bundleId,
      name: bundle.name,
      peers: bundle.recipients.map((id) => ({ id, name: pending.names.get(id) ?? id })),
      size: { age: bundle.age.length, minisig: bundle.minisig.length },
      sha256: { age: bundle.sha256.age, minisig: bundle.sha256.minisig },
      changeSets: bundle.plan.changeSets,
      outcome: 'sent',
      counts: { full: bundle.plan.full, redacted: bundle.plan.redacted, records: bundle.plan.records, contentRequestsAnswered: bundle.plan.contentRequestsAnswered },
      reason: null,
    }));
    const { exchange: next, dropped } = withHistory(exchange, ...entries);
    // The same ids and counts as the export's `bundle-sealed` entry (the export id links the two), and where it went.
    const details: Record<string, string | number> = { ...bundleDetails(request.exportId, pending.bundles), location: request.location.slice(-200) };
    if (dropped > 0) details['historyDropped'] = dropped;
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'export-commit');
    plan.appendAudit('bundle-exported', details, at);
    plan.putRow('exchange', encodeExchange({ ...next, exportCounter: exchange.exportCounter + pending.bundles.length }));
    await commitForSession(ctx, vault, plan);
    return { logged: entries.length };
  } catch (error) {
    // Nothing was logged: the same export may be committed again.
    ctx.session.pendingExports.restore(pending);
    throw error;
  }
};
