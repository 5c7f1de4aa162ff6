/**
 * `open BUNDLE --identity ID --trust CARD… [--json]`: the whole reading pipeline without a vault, into an
 * empty replica: signature, decryption, payload checks, key event logs, then the sync engine's ingest
 * (chains, checkpoints, ownership, TLP, clock). Prints a summary, or the payload as JSON.
 */
import { ingestStep, openBundle } from '@shared/bundle';
import { zeroizeDelegationKeys } from '@shared/crypto';
import { kindRules } from '@shared/domain';
import type { IngestOutcome } from '@shared/sync';
import { type CliContext, print, printTable, timed } from '../context';
import { Failure, oneLine, UsageError } from '../errors';
import { readBounded } from '../files';
import { IDENTITY_MAX_BYTES, unlockIdentity } from '../identity-file';
import { obtainPassphrase } from '../passphrase';
import { describePeer, loadCards, trustFromCards } from '../trust';
import { readBundleFiles } from './bundle-files';

export const openUsage = `Usage: tallinn-desk open BUNDLE --identity ID --trust CARD [--trust CARD…] [--json]

Runs the whole reading pipeline on BUNDLE without a vault: signature and signer (the cards of
--trust), decryption with ID, payload hash, size and JSON limits, schema, the inner header against
the signed comment, key event logs, then chain links, checkpoints, ownership and TLP rules.
Prints a summary, or with --json the decrypted payload. Exit 1 if anything is refused.
`;

export const openOptions = { identity: { type: 'string' }, trust: { type: 'string', multiple: true }, json: { type: 'boolean' } } as const;

export async function open(context: CliContext, values: { identity?: string; trust?: string[]; json?: boolean }, positionals: readonly string[]): Promise<0> {
  const [path] = positionals;
  if (path === undefined || positionals.length !== 1) throw new UsageError('open needs exactly one BUNDLE', openUsage);
  if (values.identity === undefined) throw new UsageError('open needs --identity ID', openUsage);
  if (values.trust === undefined || values.trust.length === 0) throw new UsageError('open needs at least one --trust CARD', openUsage);
  const identityPath = values.identity;
  const files = await readBundleFiles(path);
  const identityBytes = await readBounded(identityPath, 'identity file', IDENTITY_MAX_BYTES);
  const cards = await loadCards(values.trust);
  const passphrase = await obtainPassphrase(context.env, context.terminal, { confirm: false });
  const me = await timed(context, 'kdf', () => unlockIdentity(identityBytes, identityPath, passphrase));
  try {
    const trust = trustFromCards(cards);
    if (!trust.some((t) => t.state.delegationId === me.state.delegationId)) trust.push({ state: me.state, keyEventLog: me.keyEventLog, verified: true });
    const opened = await timed(context, 'open', () =>
      openBundle<IngestOutcome>(files, {
        trust,
        me: { state: me.state, encryptionSecret: me.keys.encryption.secretKey },
        sync: ingestStep({ localDelegation: me.state.delegationId, localDevice: me.state.inception.device.id, now: context.now(), kindRules }),
      }),
    );
    const report = (opened.sync as IngestOutcome).report;
    if (values.json === true) {
      print(context, JSON.stringify(opened.payload, null, 2));
    } else {
      const full = opened.payload.changeSets.filter((c) => c.content !== undefined).length;
      print(context, 'Bundle verified, decrypted and checked.');
      printTable(context, [
        ['Sender', describePeer(opened.sender)],
        ['Key id', opened.sender.keyIdText],
        ['Bundle id', opened.comment.bundleId],
        ['Created', opened.comment.created],
        ['Recipients', opened.recipients.map((r) => (r.peer === null ? r.keyId : `${r.peer.country} ${oneLine(r.name ?? r.peer.name)}`)).join(', ')],
        [
          'Contents',
          `${opened.payload.changeSets.length} change-sets (${full} full, ${opened.payload.changeSets.length - full} redacted), ${opened.payload.checkpoints.length} checkpoints, ${opened.payload.keyEventLogs.length} key event logs, ${opened.payload.contentMissing.length} content requests`,
        ],
        ['Key event logs', opened.keyLogs.map((l) => `${l.delegationId ?? '?'}: ${l.status}${l.newDevices.length > 0 ? ` (+${l.newDevices.length} device${l.newDevices.length === 1 ? '' : 's'})` : ''}`).join('; ')],
        [
          'Import check',
          `applied ${report.applied}, duplicates ${report.duplicates}, redacted ${report.redacted}, parked ${report.parked}, rejected ${report.rejected.length}, forks ${report.forks.length}, gaps ${report.gaps.length}, new conflicts ${report.newConflicts}`,
        ],
      ]);
      for (const r of report.rejected.slice(0, 20)) print(context, `  rejected ${r.reason}: ${oneLine(r.message)}`);
      for (const f of report.flagged.slice(0, 20)) print(context, `  flagged ${f.reason}: ${oneLine(f.message)}`);
      for (const f of report.forks) print(context, `  FORK on device ${f.device} at seq ${f.seq}: the chain is frozen`);
    }
    if (report.forks.length > 0) throw new Failure(`a fork: device ${report.forks[0]?.device ?? ''} signed two histories at seq ${report.forks[0]?.seq ?? 0}`);
    const first = report.rejected[0];
    if (first !== undefined) throw new Failure(`${report.rejected.length} item(s) rejected; first: ${first.reason}: ${first.message}`);
    return 0;
  } finally {
    zeroizeDelegationKeys(me.keys);
  }
}
