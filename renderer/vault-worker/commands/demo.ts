/**
 * `demo-load` (issue #5): fills an EMPTY vault with the demo picture of shared/domain's generator, so it
 * looks exactly as after real exchanges. Each demo delegation gets fresh keys, a signed inception and a
 * device; it writes its records as signed change-sets on its own chain and signs one checkpoint; the
 * vault records it as verified with "demo data" as the method and ingests everything through the same
 * engine an import uses (chain links, checkpoint signatures, ownership and kind rules, merge), in one
 * transaction. Demo secret keys are dropped at the end: nobody can write as a demo delegation later.
 */
import { createInception, generateDelegationKeys, newDeviceId, zeroizeDelegationKeys, type DelegationKeys } from '@shared/crypto';
import { DEMO_DELEGATIONS, type DemoDelegationKey, generateDemoData, resolveDemoValues } from '@shared/domain';
import { type ChangeSet, createChangeSet, ingest, newRecordId, signCheckpoint, type SignedCheckpoint } from '@shared/sync';
import { VaultFailure } from '../errors';
import type { StoredDelegation } from '../replica-store';
import type { CommandHandler } from './context';
import { commitReplicaDelta, delegationFromLog } from './delegation-registry';
import { kindRulesFor } from './kind-rules';

interface DemoWriter {
  readonly id: string;
  readonly keys: DelegationKeys;
  readonly device: string;
  readonly stored: StoredDelegation;
  seq: number;
  head: string | null;
}

export const demoLoad: CommandHandler<'demo-load'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  if (loaded.state.records.size > 0 || loaded.state.log.size > 0) {
    throw new VaultFailure('write-refused', 'Demo data can only be loaded into an empty vault.', { details: { reason: 'not-empty' } });
  }
  const now = ctx.now();
  const at = now.toISOString();
  const writers = new Map<DemoDelegationKey, DemoWriter>();
  try {
    for (const demo of DEMO_DELEGATIONS) {
      const keys = generateDelegationKeys();
      const device = newDeviceId();
      const name = request.language === 'uk' ? demo.nameUk : demo.name;
      // The inception wants an ISO 3166 code; NATO and the secretariat have none ("ZZ": user-assigned).
      const { signed, delegationId } = createInception({ name, country: demo.country ?? 'ZZ', proposedRole: demo.role, device: { id: device }, created: at }, keys);
      const stored = delegationFromLog([signed], { method: 'demo-data', at, by: loaded.state.localDelegation }, demo.role);
      writers.set(demo.key, { id: delegationId, keys, device, stored, seq: 0, head: null });
    }
    const writerOf = (key: DemoDelegationKey): DemoWriter => {
      const writer = writers.get(key);
      if (writer === undefined) throw new VaultFailure('internal', `The demo data names an unknown delegation ${key}.`);
      return writer;
    };

    const records = generateDemoData({ today: request.today ?? at.slice(0, 10) });
    const ids = new Map<string, string>();
    for (const record of records) ids.set(record.ref, newRecordId(writerOf(record.delegation).id));
    const changeSets: ChangeSet[] = [];
    // Authored over the last hour, in list order, so the newest record is the last one written.
    const start = now.getTime() - records.length * 1_000 - 60_000;
    records.forEach((record, index) => {
      const writer = writerOf(record.delegation);
      const values = resolveDemoValues(
        record,
        (ref) => ids.get(ref) ?? ref,
        (key) => writerOf(key).id,
      );
      const { changeSet, hash } = createChangeSet({
        device: writer.device,
        seq: writer.seq + 1,
        prev: writer.head,
        tlp: record.tlp,
        record: ids.get(record.ref) ?? '',
        kind: record.kind,
        hlc: { wall: start + index * 1_000, counter: 0, node: writer.device },
        ops: Object.entries(values).map(([field, value]) => ({ field, value, base: [] })),
      });
      writer.seq += 1;
      writer.head = hash;
      changeSets.push(changeSet);
    });
    const checkpoints: SignedCheckpoint[] = [];
    for (const writer of writers.values()) {
      if (writer.head !== null) {
        checkpoints.push(signCheckpoint({ delegation: writer.id, device: writer.device, seq: writer.seq, head: writer.head }, writer.keys.signing.secretKey));
      }
    }

    const delegations = new Map(loaded.delegations);
    for (const writer of writers.values()) delegations.set(writer.id, writer.stored);
    const state = { ...loaded.state, delegations: new Map([...delegations].map(([id, stored]) => [id, stored.known])) };
    const { delta, report } = ingest(state, { changeSets, checkpoints, from: null }, { now: now.getTime(), kindRules: kindRulesFor() });
    if (report.refused !== null || report.rejected.length > 0) {
      // A generator bug, never the user's: nothing is written.
      throw new VaultFailure('internal', `The demo data was refused by the sync engine: ${report.refused?.message ?? report.rejected[0]?.message ?? ''}`);
    }
    // Logged: demo delegations are recorded as verified, which a security officer must be able to see.
    await commitReplicaDelta(ctx, loaded, delta, delegations, 'demo-load', (plan) => {
      plan.appendAudit('demo-data-loaded', { delegations: writers.size, records: records.length }, at);
    });
    return { report, delegations: writers.size, records: records.length };
  } finally {
    for (const writer of writers.values()) zeroizeDelegationKeys(writer.keys);
  }
};
