/**
 * Seeded generator of realistic records for the vault's speed tests: about 1 KB of JSON each, about 30%
 * of the text Cyrillic (DESIGN.md issue 3 benchmarks). Deterministic for a given seed.
 */
import type { VaultRecord } from '@shared/ipc/vault-protocol';

/** mulberry32: tiny, fast, good enough to vary test data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LATIN = ['endpoint', 'detection', 'licences', 'incident', 'response', 'training', 'satellite', 'terminals', 'audit', 'energy', 'operator', 'regional', 'network', 'firewall', 'backup', 'delivery'];
const CYRILLIC = ['захист', 'мережі', 'енергетика', 'оператор', 'ліцензії', 'навчання', 'реагування', 'інцидент', 'обладнання', 'постачання', 'терміни', 'пріоритет'];
const SECTORS = ['energy', 'telecom', 'finance', 'government', 'health', 'transport', 'water', 'other'];

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    const pool = random() < 0.3 ? CYRILLIC : LATIN;
    out.push(pool[Math.floor(random() * pool.length)] ?? 'x');
  }
  return out.join(' ');
}

export function generateRecords(count: number, seed = 42): VaultRecord[] {
  const random = prng(seed);
  const records: VaultRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = random() < 0.5 ? 'need' : 'offer';
    records.push({
      id: `${kind}-${seed}-${i.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
      kind,
      data: {
        title: sentence(random, 8),
        description: sentence(random, 70),
        sector: SECTORS[Math.floor(random() * SECTORS.length)] ?? 'other',
        priority: ['critical', 'high', 'medium', 'low'][Math.floor(random() * 4)] ?? 'low',
        quantity: Math.floor(random() * 1000),
        unit: 'pcs',
        value: { cents: Math.floor(random() * 1e9), currency: 'EUR' },
        deadline: `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
        tlp: 'AMBER',
      },
    });
  }
  return records;
}
