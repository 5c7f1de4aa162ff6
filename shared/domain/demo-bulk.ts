/**
 * Bulk records for benchmarks and volume tests (coord.dashboard.100k): `count` records in the shape the
 * sync layer hands to coverage.ts, with valid, schema-passing values and a realistic mix — 40% needs,
 * 48% offers, 8% deliveries, 4% acceptances — from 2 beneficiary and 10 partner delegations.
 *
 * Unlike demo-data.ts the ids are minted here (deterministically, from the seed), because a benchmark
 * measures computation over records, not key generation. Fast: no zod, one pass, about 1 µs a record.
 */
import type { Tlp } from '../sync/tlp';
import { CATEGORIES, PRIORITIES, SECTORS, type Category } from './classification';
import type { CoverageInput } from './coverage';
import type { RecordInput } from './facts';
import { CURRENCIES, type Currency } from './money';
import type { NeedStatus } from './need';
import type { OfferStatus } from './offer';
import { addDays } from './plain-date';
import { SeededRandom } from './seeded-random';
import type { Unit } from './units';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32Id(random: SeededRandom): string {
  let out = '';
  for (let i = 0; i < 26; i += 1) out += BASE32.charAt(Math.floor(random.next() * 32));
  return out;
}

/** The unit each category is usually counted in. */
const CATEGORY_UNITS: Readonly<Record<Category, readonly Unit[]>> = {
  hardware: ['item', 'lot'],
  'software-licences': ['licence'],
  services: ['person-day', 'month'],
  training: ['seat'],
  'threat-intelligence': ['month', 'year'],
  equipment: ['item', 'terminal'],
};

const TITLE_WORDS = [
  'firewalls', 'EDR', 'licences', 'incident response', 'SOC', 'training', 'satellite terminals', 'audit', 'backup',
  'servers', 'захист', 'ліцензії', 'навчання', 'реагування', 'термінали', 'аудит', 'резервне копіювання', 'обладнання',
];

/** A register in use: most needs open, most offers pledged or under way, few cancelled. */
const NEED_STATUS_MIX: readonly (readonly [NeedStatus, number])[] = [['open', 70], ['prioritised', 10], ['assessed', 5], ['submitted', 5], ['closed', 7], ['withdrawn', 3]];
const OFFER_STATUS_MIX: readonly (readonly [OfferStatus, number])[] = [['indicative', 25], ['committed', 25], ['contracted', 15], ['delivering', 15], ['delivered', 12], ['cancelled', 5], ['suspended', 3]];

interface NeedFact {
  readonly id: string;
  readonly unit: Unit;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly status: NeedStatus;
  /** Not yet allocated by the offers generated so far. */
  remaining: number;
}

export interface BulkRecords extends CoverageInput {
  readonly beneficiaries: readonly string[];
  readonly partners: readonly string[];
}

export function generateBulkRecords(count: number, seed = 20231214): BulkRecords {
  const random = new SeededRandom(seed);
  const beneficiaries = [base32Id(random), base32Id(random)];
  const partners = Array.from({ length: 10 }, () => base32Id(random));
  const needCount = Math.round(count * 0.4);
  const offerCount = Math.round(count * 0.48);
  const deliveryCount = Math.round(count * 0.08);
  const acceptanceCount = count - needCount - offerCount - deliveryCount;
  const today = '2025-03-03';
  const title = (): string => `${random.pick(TITLE_WORDS)} ${random.pick(TITLE_WORDS)} ${random.int(1, 999)}`;
  const tlp = (): Tlp => (random.chance(0.5) ? 'AMBER' : random.chance(0.7) ? 'GREEN' : 'CLEAR');

  const needs: RecordInput[] = [];
  const needFacts: NeedFact[] = [];
  for (let i = 0; i < needCount; i += 1) {
    const owner = beneficiaries[i % 2] as string;
    const id = `${owner}-${base32Id(random)}`;
    const category = random.pick(CATEGORIES);
    const unit = random.pick(CATEGORY_UNITS[category]);
    const quantity = random.int(1, 500);
    const unitPrice = random.int(10, 5_000) * 100;
    const status = random.weighted(NEED_STATUS_MIX);
    const scored = status === 'assessed' || status === 'prioritised' || status === 'open' || random.chance(0.5);
    const ranked = status === 'prioritised' || status === 'open' || random.chance(0.5);
    needs.push({
      id,
      owner,
      tlp: tlp(),
      deleted: random.chance(0.01),
      values: {
        title: title(),
        description: '',
        institution: 'SSSCIP',
        sector: random.pick(SECTORS),
        category,
        priority: random.pick(PRIORITIES),
        quantity,
        unit,
        estimatedValue: { amountCents: quantity * unitPrice, currency: 'EUR', eurCents: quantity * unitPrice },
        deadline: random.chance(0.9) ? addDays(today, random.int(-60, 365)) : null,
        assessmentScore: scored ? random.int(0, 10) : null,
        interAgencyPriority: ranked ? i + 1 : null,
        status,
      },
    });
    needFacts.push({ id, unit, quantity, unitPrice, status, remaining: quantity });
  }

  const offers: RecordInput[] = [];
  const offerFacts: { id: string; owner: string; unit: Unit; quantity: number; needs: string[] }[] = [];
  for (let i = 0; i < offerCount; i += 1) {
    const owner = partners[i % partners.length] as string;
    const id = `${owner}-${base32Id(random)}`;
    // Partners mostly offer what is still lacking (a coordinated register); about 1 offer in 20
    // pledges a need in full regardless, which makes the over-coverage and duplicates to flag.
    const lacking = (): NeedFact => {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const need = random.pick(needFacts);
        if (need.remaining > 0) return need;
      }
      return random.pick(needFacts);
    };
    const first = lacking();
    // Mostly one need; some offers spread over two or three needs of the same unit.
    const targets = [first];
    const more = random.chance(0.15) ? random.int(1, 2) : 0;
    for (let k = 0; k < more; k += 1) {
      const other = lacking();
      if (other.unit === first.unit && !targets.includes(other)) targets.push(other);
    }
    const unit: Unit = random.chance(0.02) ? 'hour' : first.unit;
    const uncoordinated = random.chance(0.05);
    const allocationQuantities = targets.map((t) => {
      const q = uncoordinated || t.remaining <= 0 ? t.quantity : Math.max(1, Math.min(t.remaining, Math.round(t.quantity * (0.2 + random.next() * 0.8))));
      t.remaining -= q;
      return q;
    });
    const quantity = allocationQuantities.reduce((a, b) => a + b, 0) + (random.chance(0.3) ? random.int(1, 50) : 0);
    const currency: Currency = random.chance(0.6) ? 'EUR' : random.pick(CURRENCIES);
    const eurCents = quantity * first.unitPrice;
    const amountCents = currency === 'EUR' ? eurCents : Math.round(eurCents * 1.1);
    // Offers to needs closed since were delivered; to needs withdrawn since, mostly cancelled.
    const status: OfferStatus = first.status === 'closed' ? 'delivered' : first.status === 'withdrawn' && random.chance(0.9) ? 'cancelled' : random.weighted(OFFER_STATUS_MIX);
    offers.push({
      id,
      owner,
      tlp: tlp(),
      deleted: random.chance(0.01),
      values: {
        title: title(),
        description: '',
        category: random.pick(CATEGORIES),
        quantity,
        unit,
        value: { amountCents, currency, eurCents },
        channel: 'bilateral',
        expectedDate: addDays(today, random.int(-30, 200)),
        status,
        allocations: targets.map((t, k) => {
          const q = allocationQuantities[k] as number;
          return { need: t.id, quantity: q, value: { amountCents: Math.floor((amountCents * q) / quantity), currency, eurCents: Math.floor((eurCents * q) / quantity) } };
        }),
      },
    });
    offerFacts.push({ id, owner, unit, quantity, needs: targets.map((t) => t.id) });
  }

  const deliveries: RecordInput[] = [];
  const deliveryFacts: { id: string; need: string; quantity: number }[] = [];
  for (let i = 0; i < deliveryCount; i += 1) {
    const offer = random.pick(offerFacts);
    const id = `${offer.owner}-${base32Id(random)}`;
    const need = random.pick(offer.needs);
    const quantity = Math.max(1, random.int(1, Math.ceil(offer.quantity / 2)));
    deliveries.push({
      id,
      owner: offer.owner,
      tlp: 'AMBER',
      deleted: false,
      values: { offer: offer.id, need: offer.needs.length === 1 && random.chance(0.5) ? null : need, quantity, unit: offer.unit, date: addDays(today, -random.int(0, 120)), note: '' },
    });
    deliveryFacts.push({ id, need, quantity });
  }

  const acceptances: RecordInput[] = [];
  for (let i = 0; i < acceptanceCount && deliveryFacts.length > 0; i += 1) {
    const delivery = random.pick(deliveryFacts);
    const owner = delivery.need.slice(0, 26);
    acceptances.push({
      id: `${owner}-${base32Id(random)}`,
      owner,
      tlp: 'AMBER',
      deleted: false,
      values: { delivery: delivery.id, need: delivery.need, quantityAccepted: random.int(0, delivery.quantity), date: addDays(today, -random.int(0, 30)), note: '' },
    });
  }

  return { needs, offers, deliveries, acceptances, beneficiaries, partners };
}
