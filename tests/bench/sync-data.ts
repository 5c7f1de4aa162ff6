/**
 * Seeded change-set streams for the sync benchmarks: five delegations (one device each) writing records
 * of their own, every chain covered by one signed checkpoint. Generated in Node with the real shared/sync
 * code and handed to the page as JSON, as a bundle's payload will be.
 */
import type { ChangeSet, SignedCheckpoint } from '@shared/sync';
import { foreignDelegation, type ForeignDelegation } from '../support/foreign-delegation';
import { generateRecords } from './records';

export interface InjectPayload {
  readonly delegations: { keyEventLog: unknown[]; verified: boolean }[];
  readonly changeSets: ChangeSet[];
  readonly checkpoints: SignedCheckpoint[];
}

const PARTNERS = [
  { name: 'Bundesrepublik Deutschland', country: 'DE' },
  { name: 'Rzeczpospolita Polska', country: 'PL' },
  { name: 'Konungariket Sverige', country: 'SE' },
  { name: 'United Kingdom', country: 'GB' },
  { name: 'Kingdom of Denmark', country: 'DK' },
];

function partners(seed: number): ForeignDelegation[] {
  return PARTNERS.map((partner, index) => foreignDelegation({ ...partner, role: 'partner', seed: seed + index }));
}

/**
 * `changeSets` change-sets of one operation each over `records` records, spread evenly over five
 * delegations: each record is created by its first change-set and edited by the following ones (each
 * edit names the previous head in its base, as a local edit would). Change-sets are interleaved across
 * devices the way a merged bundle lists them.
 */
export function syncStream(options: { changeSets: number; records: number; seed: number }): InjectPayload {
  const delegations = partners(options.seed);
  const texts = generateRecords(Math.min(options.records, 2_000), options.seed);
  const perDelegation = Math.ceil(options.changeSets / delegations.length);
  const recordsPer = Math.ceil(options.records / delegations.length);
  const start = Date.UTC(2026, 9, 1);
  const streams: ChangeSet[][] = delegations.map((delegation, d) => {
    const ids = Array.from({ length: recordsPer }, () => delegation.newRecordId());
    const heads = new Map<string, string>();
    const out: ChangeSet[] = [];
    for (let i = 0; i < perDelegation; i += 1) {
      const record = ids[i % recordsPer] as string;
      const text = texts[(i + d) % texts.length]?.data.title ?? 'need';
      const head = heads.get(record);
      const { changeSet, hash } = delegation.write({
        record,
        kind: 'need',
        tlp: 'GREEN',
        wallMs: start + i * 1000,
        ops: [{ field: 'title', value: `${text} #${i}`, base: head === undefined ? [] : [head] }],
      });
      heads.set(record, hash);
      out.push(changeSet);
    }
    return out;
  });
  const changeSets: ChangeSet[] = [];
  for (let i = 0; i < perDelegation; i += 1) for (const stream of streams) if (stream[i] !== undefined) changeSets.push(stream[i] as ChangeSet);
  return {
    delegations: delegations.map((delegation) => ({ keyEventLog: [...delegation.keyEventLog], verified: true })),
    changeSets: changeSets.slice(0, options.changeSets),
    checkpoints: delegations.map((delegation) => delegation.checkpoint()),
  };
}
