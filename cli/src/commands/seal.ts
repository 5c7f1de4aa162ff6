/**
 * `seal --identity ID --to CARD [--to CARD…] --records FILE.json --out DIR`: writes the records as
 * change-sets of ID's delegation into a bundle pair for the recipients.
 *
 * Each seal registers a NEW device in the identity's key event log (written back atomically before the
 * bundle is made) and writes the records on that device's fresh chain, so two seals never fork a chain
 * whatever order their bundles are read in. The bundle carries the extended log; the recipient accepts
 * the new device because the log is signed by the key it already trusts.
 */
import { join } from 'node:path';
import { BUNDLE_LIMITS, payloadFor, sealBundle, SIGNATURE_EXTENSION } from '@shared/bundle';
import { createDeviceRegistration, newDeviceId, toBase64, verifyKeyEventLog, zeroizeDelegationKeys } from '@shared/crypto';
import { kindRules } from '@shared/domain';
import { createReplicaState, localWrite } from '@shared/sync';
import { type CliContext, print, timed } from '../context';
import { Failure, UsageError } from '../errors';
import { ensureDirectory, readBounded, replaceAtomically, writeNew } from '../files';
import { formatIdentityFile, IDENTITY_MAX_BYTES, publicIdentityState, unlockIdentity } from '../identity-file';
import { obtainPassphrase } from '../passphrase';
import { parseRecordsFile, RECORDS_MAX_BYTES } from '../records';
import { loadCards } from '../trust';

export const sealUsage = `Usage: tallinn-desk seal --identity ID --to CARD [--to CARD…] --records FILE.json --out DIR

Writes the records of FILE.json (a JSON array of {kind, tlp, values, audience?}; see the README) as
change-sets of ID's delegation into a signed, encrypted bundle for the delegations of the cards,
and prints the bundle's path. Each seal registers a new device in ID (the identity file is
rewritten), so separate seals never fork. What a recipient may not see (TLP) travels redacted.
`;

export const sealOptions = {
  identity: { type: 'string' },
  to: { type: 'string', multiple: true },
  records: { type: 'string' },
  out: { type: 'string' },
} as const;

export async function seal(context: CliContext, values: { identity?: string; to?: string[]; records?: string; out?: string }): Promise<0> {
  if (values.identity === undefined) throw new UsageError('seal needs --identity ID', sealUsage);
  if (values.to === undefined || values.to.length === 0) throw new UsageError('seal needs at least one --to CARD', sealUsage);
  if (values.records === undefined) throw new UsageError('seal needs --records FILE.json', sealUsage);
  if (values.out === undefined) throw new UsageError('seal needs --out DIR', sealUsage);
  if (values.to.length > BUNDLE_LIMITS.recipients) throw new UsageError(`a bundle has at most ${BUNDLE_LIMITS.recipients} recipients`, sealUsage);

  const identityPath = values.identity;
  const identityBytes = await readBounded(identityPath, 'identity file', IDENTITY_MAX_BYTES);
  const cards = await loadCards(values.to);
  const recordsBytes = await readBounded(values.records, 'records file', RECORDS_MAX_BYTES);
  for (const card of cards) {
    if (card.peer.revoked) throw new Failure(`the delegation of ${card.card.name} is revoked: nothing may be encrypted to it`);
  }
  const recipientIds = cards.map((c) => c.state.delegationId);
  if (new Set(recipientIds).size !== recipientIds.length) throw new Failure('two --to cards belong to the same delegation');

  // The records are checked against the identity's role (public, in its key event log) before the
  // passphrase is asked for: a mistake in the file costs no key derivation.
  const role = publicIdentityState(identityBytes, identityPath).inception.proposedRole;
  const records = parseRecordsFile(recordsBytes, values.records, role);
  const passphrase = await obtainPassphrase(context.env, context.terminal, { confirm: false });
  const unlocked = await timed(context, 'kdf', () => unlockIdentity(identityBytes, identityPath, passphrase));
  try {
    const { keys } = unlocked;
    const now = context.now();
    const created = new Date(now).toISOString();

    // A fresh device for this seal, registered and saved before anything is signed on it.
    const device = newDeviceId();
    const registration = createDeviceRegistration(unlocked.state, keys.signing, { id: device, label: 'tallinn-desk CLI seal' }, created);
    const keyEventLog = [...unlocked.keyEventLog, registration];
    const state = verifyKeyEventLog(keyEventLog, { expectedDelegationId: unlocked.state.delegationId });
    await replaceAtomically(identityPath, formatIdentityFile({ ...unlocked.file, keyEventLog }));

    const replica = createReplicaState({
      localDelegation: state.delegationId,
      localDevice: device,
      delegations: [{ id: state.delegationId, signingKey: toBase64(state.signingKey), devices: state.devices.map((d) => d.device.id), verified: true, revoked: false }],
    });
    const written = await timed(context, 'write', () =>
      Promise.resolve(
        localWrite(replica, {
          edits: records.map((r) => ({ kind: r.kind, tlp: r.tlp, ops: Object.entries(r.values).map(([field, value]) => ({ field, value })) })),
          signingSecretKey: keys.signing.secretKey,
          now,
          kindRules,
        }),
      ),
    );
    const audiences = new Map<string, readonly string[]>();
    written.logged.forEach((logged, index) => {
      const audience = records[index]?.audience;
      if (audience !== undefined && logged.changeSet.content !== undefined) audiences.set(logged.changeSet.content.record, audience);
    });
    const selection = payloadFor({ sender: state.delegationId, recipients: recipientIds, changeSets: written.logged, audienceOf: (record) => audiences.get(record) });
    const sealed = await timed(context, 'seal', () =>
      sealBundle({
        sender: { state, keyEventLog, signing: keys.signing },
        recipients: cards.map((c) => c.peer),
        parts: { changeSets: [...selection.changeSets], checkpoints: [written.checkpoint], versionVector: { [device]: written.logged.length } },
        created,
        sequence: state.seq,
      }),
    );
    await ensureDirectory(values.out);
    const agePath = join(values.out, sealed.name);
    await writeNew(agePath, sealed.age);
    await writeNew(`${agePath}${SIGNATURE_EXTENSION}`, sealed.minisig);
    if (selection.redacted > 0) {
      context.out.stderr.write(`note: ${selection.redacted} of ${written.logged.length} change-sets travel redacted (TLP or audience excludes a recipient)\n`);
    }
    print(context, agePath);
    return 0;
  } finally {
    zeroizeDelegationKeys(unlocked.keys);
  }
}
