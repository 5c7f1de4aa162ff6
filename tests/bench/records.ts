/**
 * The one seeded generator of realistic records every benchmark uses (issue #3): about 1 KB each, about
 * 30% Cyrillic text, shaped like the register's needs and offers. The same seed gives the same records
 * on every machine, so figures are comparable across runs. Plain TypeScript with no imports, so the
 * bench can also run it inside the page.
 */

/** mulberry32: a tiny, well-known 32-bit PRNG; plenty for test data, never for keys. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN_WORDS = [
  'incident', 'response', 'endpoint', 'detection', 'licences', 'firewall', 'substation', 'operator',
  'training', 'satellite', 'terminals', 'audit', 'regional', 'network', 'segmentation', 'backup',
  'monitoring', 'forensics', 'hardening', 'telecom', 'grid', 'water', 'utility', 'ministry', 'SOC',
  'analysts', 'capacity', 'threat', 'intelligence', 'sharing', 'secure', 'replacement', 'servers',
];
const CYRILLIC_WORDS = [
  'реагування', 'на', 'інциденти', 'захист', 'кінцевих', 'точок', 'ліцензії', 'підстанція', 'оператор',
  'навчання', 'супутникові', 'термінали', 'аудит', 'обласний', 'мережа', 'резервне', 'копіювання',
  'моніторинг', 'криміналістика', 'енергетика', 'водоканал', 'міністерство', 'аналітики', 'загрози',
  'розвідка', 'обмін', 'безпечний', 'заміна', 'серверів', 'критичної', 'інфраструктури',
];
const INSTITUTIONS = ['SSSCIP', 'CERT-UA', 'NCCC', 'Ministry of Digital Transformation', 'Ukrenergo', 'Держспецзв’язку', 'Мінцифри', 'Укрзалізниця'];
const SECTORS = ['energy', 'telecom', 'finance', 'government', 'health', 'transport', 'water', 'other'] as const;
const CATEGORIES = ['hardware', 'software-licences', 'services', 'training', 'threat-intelligence', 'equipment'] as const;
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;

export interface BenchRecord {
  id: string;
  kind: 'need' | 'offer';
  data: {
    title: string;
    description: string;
    institution: string;
    sector: (typeof SECTORS)[number];
    category: (typeof CATEGORIES)[number];
    priority: (typeof PRIORITIES)[number];
    tlp: (typeof TLPS)[number];
    quantity: number;
    unit: string;
    valueCents: number;
    currency: string;
    deadline: string;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Text of `length` characters or a little more, Cyrillic in about 30% of the words. */
function text(random: () => number, length: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    const word = random() < 0.3 ? pick(random, CYRILLIC_WORDS) : pick(random, LATIN_WORDS);
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ');
}

/** `count` records from `seed`; each serialises to about 1 KB of JSON. */
export function generateRecords(count: number, seed = 20231214): BenchRecord[] {
  const random = seededRandom(seed);
  const records: BenchRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = random() < 0.6 ? 'need' : 'offer';
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    records.push({
      id: `bench-${seed}-${i}`,
      kind,
      data: {
        title: text(random, 60),
        description: text(random, 560),
        institution: pick(random, INSTITUTIONS),
        sector: pick(random, SECTORS),
        category: pick(random, CATEGORIES),
        priority: pick(random, PRIORITIES),
        tlp: pick(random, TLPS),
        quantity: 1 + Math.floor(random() * 500),
        unit: pick(random, ['units', 'licences', 'days', 'people', 'terminals']),
        valueCents: Math.floor(random() * 50_000_000) * 100,
        currency: pick(random, ['EUR', 'USD', 'GBP', 'PLN', 'SEK', 'DKK', 'CAD']),
        deadline: `2027-${month}-${day}`,
      },
    });
  }
  return records;
}
