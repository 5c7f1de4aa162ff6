/**
 * Demo data: a small, realistic shared picture of the Tallinn Mechanism for demonstrations, screenshots
 * and manual testing. Pure and deterministic: the same seed and date give the same records.
 *
 * Format. Real record ids contain the owning delegation's id, which exists only once the demo's keys
 * have been generated, so the generator cannot mint ids. Instead:
 * - each delegation has a symbolic `key` ('UA', 'DE', 'SEC', …; DEMO_DELEGATIONS gives name, Ukrainian
 *   name, country and role);
 * - each record has a symbolic `ref` ('need-07', 'offer-DE-02', …), the `delegation` key that owns and
 *   writes it, its `kind`, its `tlp` and its `values`;
 * - wherever a value refers to another record (an allocation's need, a delivery's offer, a note's links)
 *   or to a delegation (an action item's owner), `values` holds the symbolic ref or key as a placeholder,
 *   and `references` lists the path of every such placeholder.
 *
 * The worker-side seeding code creates one delegation (keys, id) per key, mints an id for every record
 * with newRecordId(delegation id) in list order, then calls `resolveDemoValues(record, idOfRef,
 * idOfDelegation)` and writes the result as that delegation. Records come in dependency order (needs,
 * offers, deliveries, acceptances, notes), so each one refers only to records listed before it. Every
 * resolved record passes parseRecordValues (tests/unit/domain/demo-data.test.ts).
 *
 * The picture deliberately contains one of each deconfliction case (coverage.ts): an over-covered need,
 * a duplicate offer, a unit mismatch, an allocation to a withdrawn need, an offer spread over several
 * needs, partial and exact coverage, uncovered critical needs, a cancelled and a suspended offer.
 */
import type { Role } from '../crypto/formats';
import type { Json } from '../sync/json';
import type { Tlp } from '../sync/tlp';
import type { Category, Priority, Sector } from './classification';
import type { RecordKind } from './kinds';
import type { Channel, OfferStatus } from './offer';
import type { Currency, Money } from './money';
import type { NeedStatus } from './need';
import { addDays } from './plain-date';
import { SeededRandom } from './seeded-random';
import type { Unit } from './units';

export const DEMO_DELEGATION_KEYS = ['UA', 'CA', 'DK', 'EE', 'FR', 'DE', 'NL', 'PL', 'SE', 'GB', 'US', 'EU', 'NATO', 'SEC'] as const;
export type DemoDelegationKey = (typeof DEMO_DELEGATION_KEYS)[number];

export interface DemoDelegation {
  readonly key: DemoDelegationKey;
  readonly name: string;
  readonly nameUk: string;
  /** ISO 3166-1 alpha-2 ('EU' is exceptionally reserved for the European Union); null for NATO and the secretariat. */
  readonly country: string | null;
  readonly role: Role;
  /** The currency its offers are made in. */
  readonly currency: Currency;
}

/** The founding members (December 2023), the observers and a secretariat. */
export const DEMO_DELEGATIONS: readonly DemoDelegation[] = [
  { key: 'UA', name: 'Ukraine — State Service of Special Communications and Information Protection', nameUk: 'Україна — Державна служба спеціального зв’язку та захисту інформації', country: 'UA', role: 'beneficiary', currency: 'UAH' },
  { key: 'CA', name: 'Canada — Global Affairs Canada', nameUk: 'Канада — Міністерство закордонних справ Канади', country: 'CA', role: 'partner', currency: 'CAD' },
  { key: 'DK', name: 'Denmark — Ministry of Foreign Affairs', nameUk: 'Данія — Міністерство закордонних справ', country: 'DK', role: 'partner', currency: 'DKK' },
  { key: 'EE', name: 'Estonia — Ministry of Foreign Affairs', nameUk: 'Естонія — Міністерство закордонних справ', country: 'EE', role: 'partner', currency: 'EUR' },
  { key: 'FR', name: 'France — Ministry for Europe and Foreign Affairs', nameUk: 'Франція — Міністерство Європи та закордонних справ', country: 'FR', role: 'partner', currency: 'EUR' },
  { key: 'DE', name: 'Germany — Federal Foreign Office', nameUk: 'Німеччина — Федеральне міністерство закордонних справ', country: 'DE', role: 'partner', currency: 'EUR' },
  { key: 'NL', name: 'Netherlands — Ministry of Foreign Affairs', nameUk: 'Нідерланди — Міністерство закордонних справ', country: 'NL', role: 'partner', currency: 'EUR' },
  { key: 'PL', name: 'Poland — Ministry of Foreign Affairs', nameUk: 'Польща — Міністерство закордонних справ', country: 'PL', role: 'partner', currency: 'PLN' },
  { key: 'SE', name: 'Sweden — Ministry for Foreign Affairs', nameUk: 'Швеція — Міністерство закордонних справ', country: 'SE', role: 'partner', currency: 'SEK' },
  { key: 'GB', name: 'United Kingdom — Foreign, Commonwealth & Development Office', nameUk: 'Сполучене Королівство — Міністерство закордонних справ, у справах Співдружності та розвитку', country: 'GB', role: 'partner', currency: 'GBP' },
  { key: 'US', name: 'United States — Department of State', nameUk: 'Сполучені Штати — Державний департамент', country: 'US', role: 'partner', currency: 'USD' },
  { key: 'EU', name: 'European Union — European External Action Service', nameUk: 'Європейський Союз — Європейська служба зовнішніх справ', country: 'EU', role: 'observer', currency: 'EUR' },
  { key: 'NATO', name: 'NATO — International Staff', nameUk: 'НАТО — Міжнародний секретаріат', country: null, role: 'observer', currency: 'EUR' },
  { key: 'SEC', name: 'Tallinn Mechanism Secretariat', nameUk: 'Секретаріат Таллінського механізму', country: null, role: 'secretariat', currency: 'EUR' },
];

const PARTNERS: readonly DemoDelegationKey[] = ['CA', 'DK', 'EE', 'FR', 'DE', 'NL', 'PL', 'SE', 'GB', 'US'];

/**
 * Demo exchange rates (EUR per unit of the currency), fixed so the data is deterministic. They are only
 * what the demo's "owners" chose when they entered the EUR value (money.ts).
 */
export const DEMO_EUR_RATES: Readonly<Record<Currency, number>> = {
  EUR: 1, USD: 0.92, GBP: 1.17, CAD: 0.68, DKK: 0.134, SEK: 0.087, PLN: 0.23, UAH: 0.022, CHF: 1.05, NOK: 0.085,
  JPY: 0.0061, AUD: 0.6, NZD: 0.55, CZK: 0.04, HUF: 0.0025, RON: 0.2, ISK: 0.0066, KRW: 0.00068,
};

/** A placeholder in `values` and what it stands for. */
export type DemoReference =
  | { readonly path: readonly (string | number)[]; readonly record: string }
  | { readonly path: readonly (string | number)[]; readonly delegation: DemoDelegationKey };

export interface DemoRecord {
  readonly ref: string;
  readonly delegation: DemoDelegationKey;
  readonly kind: RecordKind;
  readonly tlp: Tlp;
  /** The record's values, with placeholders at the paths in `references`. */
  readonly values: Readonly<Record<string, Json>>;
  readonly references: readonly DemoReference[];
}

export interface DemoOptions {
  readonly seed?: number;
  /** The date the picture is as of (deadlines and deliveries are placed around it). */
  readonly today?: string;
}

/** The values of `record` with every placeholder replaced by a real record or delegation id. */
export function resolveDemoValues(
  record: DemoRecord,
  idOfRecord: (ref: string) => string,
  idOfDelegation: (key: DemoDelegationKey) => string,
): Record<string, Json> {
  const values = JSON.parse(JSON.stringify(record.values)) as Record<string, Json>;
  for (const reference of record.references) {
    const id = 'record' in reference ? idOfRecord(reference.record) : idOfDelegation(reference.delegation);
    let container: Json = values;
    const path = reference.path;
    for (const segment of path.slice(0, -1)) container = (container as Record<string | number, Json>)[segment] as Json;
    (container as Record<string | number, Json>)[path[path.length - 1] as string | number] = id;
  }
  return values;
}

// ---- what Ukrainian institutions ask for -----------------------------------------------------------

interface NeedTemplate {
  readonly en: string;
  readonly uk: string;
  readonly descriptionEn: string;
  readonly descriptionUk: string;
  readonly institution: string;
  readonly sector: Sector;
  readonly category: Category;
  readonly unit: Unit;
  readonly quantity: readonly [number, number];
  readonly unitPriceEur: number;
  readonly priority: Priority;
  /** How a partner would title an offer answering it. */
  readonly offer: string;
}

const INSTITUTIONS = {
  ssscip: 'SSSCIP (Держспецзв’язку)',
  certUa: 'CERT-UA',
  nccc: 'National Cybersecurity Coordination Center (НКЦК)',
  mdt: 'Ministry of Digital Transformation (Мінцифри)',
  ukrenergo: 'NPC Ukrenergo (НЕК «Укренерго»)',
  oblenergo: 'Regional power distribution operators (обленерго)',
  railways: 'Ukrzaliznytsia (АТ «Укрзалізниця»)',
  health: 'Ministry of Health (МОЗ України)',
  nbu: 'National Bank of Ukraine (НБУ)',
  water: 'Kyivvodokanal (ПрАТ «АК «Київводоканал»)',
  finance: 'Ministry of Finance (Мінфін)',
  cyberpolice: 'Cyber Police (Кіберполіція)',
  naftogaz: 'Naftogaz of Ukraine (НАК «Нафтогаз України»)',
} as const;

const NEED_TEMPLATES: readonly NeedTemplate[] = [
  {
    en: 'Next-generation firewalls for regional power distribution substations',
    uk: 'Міжмережеві екрани нового покоління для підстанцій обленерго',
    descriptionEn: 'Replacement of end-of-life perimeter firewalls at substations damaged or exposed since 2022.',
    descriptionUk: 'Заміна застарілих периметрових міжмережевих екранів на підстанціях, пошкоджених або вразливих з 2022 року.',
    institution: INSTITUTIONS.oblenergo, sector: 'energy', category: 'hardware', unit: 'item', quantity: [20, 80], unitPriceEur: 24_000, priority: 'critical',
    offer: 'Next-generation firewalls with three-year support',
  },
  {
    en: 'EDR licences for central government endpoints',
    uk: 'Ліцензії EDR для кінцевих точок органів центральної влади',
    descriptionEn: 'Endpoint detection and response for ministries connected to the government network, with central management.',
    descriptionUk: 'Виявлення та реагування на кінцевих точках міністерств, підключених до урядової мережі, з централізованим керуванням.',
    institution: INSTITUTIONS.ssscip, sector: 'government', category: 'software-licences', unit: 'licence', quantity: [2_000, 10_000], unitPriceEur: 45, priority: 'critical',
    offer: 'EDR licences (one year, renewable)',
  },
  {
    en: 'Incident response support for CERT-UA',
    uk: 'Підтримка CERT-UA у реагуванні на кіберінциденти',
    descriptionEn: 'On-call incident responders and forensic analysts to reinforce CERT-UA during major campaigns.',
    descriptionUk: 'Чергові фахівці з реагування та аналітики-криміналісти для посилення CERT-UA під час масштабних атак.',
    institution: INSTITUTIONS.certUa, sector: 'government', category: 'services', unit: 'person-day', quantity: [60, 240], unitPriceEur: 950, priority: 'critical',
    offer: 'Incident response team deployment',
  },
  {
    en: 'SOC analyst training for regional administrations',
    uk: 'Навчання аналітиків SOC обласних військових адміністрацій',
    descriptionEn: 'Hands-on courses for security operations centre analysts, in Ukrainian or with interpretation.',
    descriptionUk: 'Практичні курси для аналітиків центрів кібербезпеки українською мовою або з перекладом.',
    institution: INSTITUTIONS.nccc, sector: 'government', category: 'training', unit: 'seat', quantity: [20, 60], unitPriceEur: 2_400, priority: 'high',
    offer: 'SOC analyst course places',
  },
  {
    en: 'Satellite terminals for backup connectivity of water utilities',
    uk: 'Супутникові термінали для резервного зв’язку водоканалів',
    descriptionEn: 'Backup connectivity for pumping stations and treatment plants during power and network outages.',
    descriptionUk: 'Резервний зв’язок для насосних станцій і очисних споруд під час відключень електроенергії та мережі.',
    institution: INSTITUTIONS.water, sector: 'water', category: 'equipment', unit: 'terminal', quantity: [50, 300], unitPriceEur: 650, priority: 'high',
    offer: 'Satellite terminals with twelve months of service',
  },
  {
    en: 'Threat intelligence feed for the banking sector',
    uk: 'Підписка на розвідувальні дані про кіберзагрози для банківського сектору',
    descriptionEn: 'Curated indicators and reporting on actors targeting Ukrainian banks and payment systems.',
    descriptionUk: 'Перевірені індикатори та звіти про угруповання, що атакують українські банки та платіжні системи.',
    institution: INSTITUTIONS.nbu, sector: 'finance', category: 'threat-intelligence', unit: 'month', quantity: [12, 24], unitPriceEur: 14_000, priority: 'medium',
    offer: 'Threat intelligence subscription',
  },
  {
    en: 'Security audit of water utility SCADA systems',
    uk: 'Аудит захищеності SCADA-систем водоканалу',
    descriptionEn: 'Assessment of industrial control systems, network segmentation and remote access.',
    descriptionUk: 'Оцінка промислових систем керування, сегментації мережі та віддаленого доступу.',
    institution: INSTITUTIONS.water, sector: 'water', category: 'services', unit: 'person-day', quantity: [30, 90], unitPriceEur: 1_100, priority: 'high',
    offer: 'Industrial control system security audit',
  },
  {
    en: 'Backup servers for hospital information systems',
    uk: 'Сервери резервного копіювання для медичних інформаційних систем',
    descriptionEn: 'Offline-capable backup for electronic health records in frontline regions.',
    descriptionUk: 'Резервне копіювання електронних медичних записів з можливістю роботи офлайн у прифронтових областях.',
    institution: INSTITUTIONS.health, sector: 'health', category: 'hardware', unit: 'item', quantity: [10, 40], unitPriceEur: 11_500, priority: 'high',
    offer: 'Backup servers and storage',
  },
  {
    en: 'Hardened laptops for CERT-UA mobile response teams',
    uk: 'Захищені ноутбуки для мобільних груп реагування CERT-UA',
    descriptionEn: 'Laptops with full-disk encryption and forensic tooling for on-site incident response.',
    descriptionUk: 'Ноутбуки з повним шифруванням диска та інструментами криміналістики для виїзного реагування.',
    institution: INSTITUTIONS.certUa, sector: 'government', category: 'hardware', unit: 'item', quantity: [40, 200], unitPriceEur: 1_900, priority: 'medium',
    offer: 'Hardened laptops for incident responders',
  },
  {
    en: 'Penetration testing of railway IT systems',
    uk: 'Тестування на проникнення ІТ-систем Укрзалізниці',
    descriptionEn: 'Tests of ticketing, freight and signalling support systems after the 2023 attacks.',
    descriptionUk: 'Тестування систем продажу квитків, вантажних перевезень і підтримки сигналізації після атак 2023 року.',
    institution: INSTITUTIONS.railways, sector: 'transport', category: 'services', unit: 'person-day', quantity: [40, 120], unitPriceEur: 1_050, priority: 'medium',
    offer: 'Penetration testing engagement',
  },
  {
    en: 'SIEM licences for the grid operator security centre',
    uk: 'Ліцензії SIEM для центру кібербезпеки Укренерго',
    descriptionEn: 'Log collection and correlation for the transmission system operator, sized by data volume.',
    descriptionUk: 'Збір і кореляція журналів подій для оператора системи передачі, розраховано за обсягом даних.',
    institution: INSTITUTIONS.ukrenergo, sector: 'energy', category: 'software-licences', unit: 'licence', quantity: [1, 4], unitPriceEur: 180_000, priority: 'critical',
    offer: 'SIEM platform licence',
  },
  {
    en: 'Network segmentation equipment for telecom core networks',
    uk: 'Обладнання для сегментації опорних мереж операторів зв’язку',
    descriptionEn: 'Switches and routers to separate management planes in mobile operators’ core networks.',
    descriptionUk: 'Комутатори та маршрутизатори для відокремлення мереж керування в опорних мережах мобільних операторів.',
    institution: INSTITUTIONS.ssscip, sector: 'telecom', category: 'equipment', unit: 'item', quantity: [20, 60], unitPriceEur: 18_000, priority: 'high',
    offer: 'Core network switches and routers',
  },
  {
    en: 'Digital forensics courses for the Cyber Police',
    uk: 'Курси з цифрової криміналістики для Кіберполіції',
    descriptionEn: 'Evidence handling, memory and mobile forensics, with certification.',
    descriptionUk: 'Поводження з доказами, криміналістика пам’яті та мобільних пристроїв, із сертифікацією.',
    institution: INSTITUTIONS.cyberpolice, sector: 'government', category: 'training', unit: 'seat', quantity: [15, 40], unitPriceEur: 3_200, priority: 'medium',
    offer: 'Digital forensics training places',
  },
  {
    en: 'DDoS mitigation for public e-services',
    uk: 'Захист від DDoS-атак для державних електронних послуг',
    descriptionEn: 'Scrubbing service for the public services portal and registers during peak attacks.',
    descriptionUk: 'Послуга очищення трафіку для порталу державних послуг і реєстрів під час пікових атак.',
    institution: INSTITUTIONS.mdt, sector: 'government', category: 'services', unit: 'month', quantity: [6, 24], unitPriceEur: 26_000, priority: 'critical',
    offer: 'DDoS mitigation service',
  },
  {
    en: 'Generators and UPS for regional data centres',
    uk: 'Генератори та ДБЖ для регіональних центрів обробки даних',
    descriptionEn: 'Power autonomy for data centres hosting state registers during blackouts.',
    descriptionUk: 'Енергонезалежність центрів обробки даних із державними реєстрами під час блекаутів.',
    institution: INSTITUTIONS.ssscip, sector: 'government', category: 'equipment', unit: 'item', quantity: [10, 40], unitPriceEur: 28_000, priority: 'high',
    offer: 'Generators and uninterruptible power supplies',
  },
  {
    en: 'Threat-sharing platform hosting and support',
    uk: 'Хостинг і підтримка платформи обміну даними про загрози',
    descriptionEn: 'Operation of the national indicator-sharing platform connecting critical-infrastructure operators.',
    descriptionUk: 'Експлуатація національної платформи обміну індикаторами між операторами критичної інфраструктури.',
    institution: INSTITUTIONS.nccc, sector: 'other', category: 'threat-intelligence', unit: 'year', quantity: [1, 3], unitPriceEur: 85_000, priority: 'medium',
    offer: 'Threat-sharing platform operation',
  },
  {
    en: 'Backup infrastructure modernisation for the Ministry of Finance',
    uk: 'Модернізація інфраструктури резервного копіювання Мінфіну',
    descriptionEn: 'Immutable backup storage and restore testing for budget and treasury systems.',
    descriptionUk: 'Незмінне сховище резервних копій і перевірка відновлення для бюджетних і казначейських систем.',
    institution: INSTITUTIONS.finance, sector: 'finance', category: 'hardware', unit: 'lot', quantity: [1, 1], unitPriceEur: 420_000, priority: 'high',
    offer: 'Immutable backup storage system',
  },
  {
    en: 'Email security gateway licences for ministries',
    uk: 'Ліцензії захисту електронної пошти для міністерств',
    descriptionEn: 'Phishing and malware filtering for government mailboxes.',
    descriptionUk: 'Фільтрація фішингу та шкідливого програмного забезпечення для урядових поштових скриньок.',
    institution: INSTITUTIONS.mdt, sector: 'government', category: 'software-licences', unit: 'licence', quantity: [5_000, 20_000], unitPriceEur: 14, priority: 'medium',
    offer: 'Email security licences',
  },
  {
    en: 'Secure radios for gas transmission field crews',
    uk: 'Захищені радіостанції для аварійних бригад газотранспортної системи',
    descriptionEn: 'Encrypted communication for repair crews working on damaged pipeline infrastructure.',
    descriptionUk: 'Шифрований зв’язок для ремонтних бригад, що працюють на пошкодженій інфраструктурі трубопроводів.',
    institution: INSTITUTIONS.naftogaz, sector: 'energy', category: 'equipment', unit: 'item', quantity: [100, 500], unitPriceEur: 420, priority: 'low',
    offer: 'Encrypted handheld radios',
  },
  {
    en: 'Incident response training for hospitals',
    uk: 'Навчання з реагування на інциденти для закладів охорони здоров’я',
    descriptionEn: 'Tabletop exercises and basic response training for hospital IT staff.',
    descriptionUk: 'Штабні навчання та базова підготовка з реагування для ІТ-персоналу лікарень.',
    institution: INSTITUTIONS.health, sector: 'health', category: 'training', unit: 'seat', quantity: [40, 150], unitPriceEur: 750, priority: 'low',
    offer: 'Incident response exercises for hospital IT staff',
  },
];

// ---- generation ------------------------------------------------------------------------------------

interface DemoNeed {
  readonly ref: string;
  readonly template: NeedTemplate;
  readonly quantity: number;
  readonly unit: Unit;
  readonly status: NeedStatus;
}

interface DemoOffer {
  readonly ref: string;
  readonly partner: DemoDelegationKey;
  readonly quantity: number;
  readonly unit: Unit;
  readonly value: Money;
  readonly status: OfferStatus;
  readonly allocations: readonly { readonly need: DemoNeed; readonly quantity: number }[];
}

function money(eurCents: number, currency: Currency): Money {
  const amountCents = currency === 'EUR' ? eurCents : Math.round(eurCents / DEMO_EUR_RATES[currency]);
  return { amountCents, currency, eurCents };
}

/** A share of `total` proportional to quantity, rounded down so the shares never exceed the whole. */
function share(total: Money, part: number, whole: number): Money {
  return { amountCents: Math.floor((total.amountCents * part) / whole), currency: total.currency, eurCents: Math.floor((total.eurCents * part) / whole) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The demo picture (see the header comment for the format). */
export function generateDemoData(options: DemoOptions = {}): DemoRecord[] {
  const random = new SeededRandom(options.seed ?? 20231214);
  const today = options.today ?? '2025-03-03';
  const records: DemoRecord[] = [];

  // Needs: every template once or twice, in the language the desk officer chose.
  const needs: DemoNeed[] = [];
  const statusChoices: readonly (readonly [NeedStatus, number])[] = [['open', 10], ['prioritised', 4], ['assessed', 2], ['submitted', 2], ['closed', 1], ['draft', 1]];
  let needIndex = 0;
  for (const template of [...NEED_TEMPLATES, ...NEED_TEMPLATES.filter((_, i) => i % 2 === 0)]) {
    needIndex += 1;
    const ref = `need-${pad(needIndex)}`;
    const ukrainian = random.chance(0.5);
    const quantity = random.int(template.quantity[0], template.quantity[1]);
    const status = needIndex === 3 ? 'withdrawn' : random.weighted(statusChoices);
    const scored = status !== 'draft' && status !== 'submitted' && status !== 'withdrawn';
    const ranked = scored && status !== 'assessed';
    const priority = random.chance(0.8) ? template.priority : random.pick<Priority>(['critical', 'high', 'medium', 'low']);
    const need: DemoNeed = { ref, template, quantity, unit: template.unit, status };
    needs.push(need);
    records.push({
      ref,
      delegation: 'UA',
      kind: 'need',
      tlp: random.weighted<Tlp>([['AMBER', 12], ['GREEN', 5], ['AMBER+STRICT', 2], ['RED', 1]]),
      values: {
        title: ukrainian ? template.uk : template.en,
        description: ukrainian ? template.descriptionUk : template.descriptionEn,
        institution: template.institution,
        sector: template.sector,
        category: template.category,
        priority,
        quantity,
        unit: template.unit,
        estimatedValue: money(quantity * template.unitPriceEur * 100, 'EUR'),
        deadline: random.chance(0.9) ? addDays(today, random.int(-20, 240)) : null,
        assessmentScore: scored ? random.int(5, 10) : null,
        interAgencyPriority: ranked ? needIndex : null,
        status,
      },
      references: [],
    });
  }

  // Offers: a scenario per need, so the picture shows every coverage case.
  const offers: DemoOffer[] = [];
  const offerCounts = new Map<DemoDelegationKey, number>();
  const addOffer = (partner: DemoDelegationKey, allocations: readonly { need: DemoNeed; quantity: number }[], extra: number, status: OfferStatus, unit?: Unit): DemoOffer => {
    const first = (allocations[0] as { need: DemoNeed }).need;
    const allocated = allocations.reduce((sum, a) => sum + a.quantity, 0);
    const quantity = allocated + extra;
    const count = (offerCounts.get(partner) ?? 0) + 1;
    offerCounts.set(partner, count);
    const currency = (DEMO_DELEGATIONS.find((d) => d.key === partner) as DemoDelegation).currency;
    // Partners' prices differ a little from the need's estimate.
    const eurCents = Math.round(quantity * first.template.unitPriceEur * 100 * (0.85 + random.next() * 0.3));
    const offer: DemoOffer = { ref: `offer-${partner}-${pad(count)}`, partner, quantity, unit: unit ?? first.unit, value: money(eurCents, currency), status, allocations };
    offers.push(offer);
    return offer;
  };
  const offerStatus = (): OfferStatus => random.weighted<OfferStatus>([['indicative', 4], ['committed', 4], ['contracted', 2], ['delivering', 3], ['delivered', 2]]);
  const partnerPool = (): DemoDelegationKey => random.pick(PARTNERS);

  needs.forEach((need, index) => {
    if (need.status === 'draft') return;
    const q = need.quantity;
    switch (index % 10) {
      case 0: // uncovered
        break;
      case 1: // partially covered by one partner
        addOffer(partnerPool(), [{ need, quantity: Math.max(1, Math.floor(q / 2)) }], 0, offerStatus());
        break;
      case 2: // exactly covered by two partners
        if (q >= 2) {
          const a = partnerPool();
          const b = PARTNERS[(PARTNERS.indexOf(a) + 3) % PARTNERS.length] as DemoDelegationKey;
          const half = Math.floor(q / 2);
          addOffer(a, [{ need, quantity: half }], 0, offerStatus());
          addOffer(b, [{ need, quantity: q - half }], 0, offerStatus());
        } else {
          addOffer(partnerPool(), [{ need, quantity: q }], 0, offerStatus());
        }
        break;
      case 3: // exactly covered by one partner
        addOffer(partnerPool(), [{ need, quantity: q }], 0, offerStatus());
        break;
      case 4: // duplicate (once): two partners each pledged the whole need
        if (index >= 10) {
          addOffer(partnerPool(), [{ need, quantity: q }], 0, offerStatus());
          break;
        }
        addOffer('DE', [{ need, quantity: q }], 0, 'committed');
        addOffer('FR', [{ need, quantity: q }], 0, 'indicative');
        break;
      case 5: // over-covered (once): 130% between two partners
        if (index >= 10) {
          addOffer(partnerPool(), [{ need, quantity: Math.max(1, Math.floor((q * 3) / 4)) }], 0, offerStatus());
          break;
        }
        addOffer('NL', [{ need, quantity: Math.ceil(q * 0.7) }], 0, 'committed');
        addOffer('SE', [{ need, quantity: Math.max(1, Math.ceil(q * 0.6)) }], 0, 'indicative');
        break;
      case 6: // partially covered, with a suspended and a cancelled offer beside it
        addOffer(partnerPool(), [{ need, quantity: Math.max(1, Math.floor(q / 3)) }], 0, 'contracted');
        addOffer('PL', [{ need, quantity: Math.max(1, Math.floor(q / 3)) }], 0, 'suspended');
        addOffer('CA', [{ need, quantity: q }], 0, 'cancelled');
        break;
      case 7: // unit mismatch: hours offered against person-days, licences against seats, …
        addOffer(partnerPool(), [{ need, quantity: Math.max(1, Math.floor(q / 2)) }], 0, offerStatus(), need.unit === 'person-day' ? 'hour' : need.unit === 'item' ? 'lot' : 'item');
        break;
      default: // covered by a larger offer with a remainder not yet allocated
        addOffer(partnerPool(), [{ need, quantity: q }], random.int(1, Math.max(1, Math.floor(q / 5))), offerStatus());
    }
  });
  // One offer spread over several needs of the same unit and category, within what they still lack.
  const allocatedTo = new Map<DemoNeed, number>();
  for (const offer of offers) {
    if (offer.status === 'cancelled' || offer.status === 'suspended') continue;
    for (const a of offer.allocations) allocatedTo.set(a.need, (allocatedTo.get(a.need) ?? 0) + a.quantity);
  }
  const lacking = (need: DemoNeed): number => need.quantity - (allocatedTo.get(need) ?? 0);
  const spread = needs.filter((n) => n.template.category === 'hardware' && n.unit === 'item' && n.status !== 'draft' && n.status !== 'withdrawn' && lacking(n) >= 4).slice(0, 3);
  if (spread.length >= 2) addOffer('US', spread.map((need) => ({ need, quantity: Math.floor(lacking(need) / 2) })), 5, 'delivering');
  // The same partner entering the same offer twice.
  const twice = needs.find((n, i) => i % 10 === 1 && n.status !== 'draft');
  if (twice !== undefined) addOffer('DK', [{ need: twice, quantity: 1 }], 0, 'indicative');
  if (twice !== undefined) addOffer('DK', [{ need: twice, quantity: 1 }], 0, 'indicative');

  for (const offer of offers) {
    const first = (offer.allocations[0] as { need: DemoNeed }).need;
    records.push({
      ref: offer.ref,
      delegation: offer.partner,
      kind: 'offer',
      tlp: random.weighted<Tlp>([['GREEN', 8], ['AMBER', 10], ['CLEAR', 2]]),
      values: {
        title: first.template.offer,
        description: `Offered by ${(DEMO_DELEGATIONS.find((d) => d.key === offer.partner) as DemoDelegation).name.split(' — ')[0] ?? offer.partner} through the Tallinn Mechanism.`,
        category: first.template.category,
        quantity: offer.quantity,
        unit: offer.unit,
        value: offer.value,
        channel: random.weighted<Channel>([['bilateral', 12], ['eu', 3], ['nato-trust-fund', 2], ['private-sector', 3]]),
        expectedDate: random.chance(0.85) ? addDays(today, random.int(-30, 180)) : null,
        status: offer.status,
        allocations: offer.allocations.map((a) => ({ need: a.need.ref, quantity: a.quantity, value: share(offer.value, a.quantity, offer.quantity) })),
      },
      references: offer.allocations.map((a, i) => ({ path: ['allocations', i, 'need'], record: a.need.ref })),
    });
  }

  // Deliveries by the offers' owners, acceptances by Ukraine.
  let deliveryIndex = 0;
  const acceptances: DemoRecord[] = [];
  for (const offer of offers) {
    if (offer.status !== 'delivering' && offer.status !== 'delivered') continue;
    const spreadOver = offer.allocations.length > 1;
    for (const allocation of offer.allocations) {
      const parts = offer.status === 'delivered' ? [allocation.quantity] : [Math.max(1, Math.floor(allocation.quantity / 2))];
      for (const quantity of parts) {
        deliveryIndex += 1;
        const ref = `delivery-${offer.partner}-${pad(deliveryIndex)}`;
        const date = addDays(today, -random.int(1, 60));
        const namesNeed = spreadOver || random.chance(0.5);
        records.push({
          ref,
          delegation: offer.partner,
          kind: 'delivery',
          tlp: 'AMBER',
          values: { offer: offer.ref, need: namesNeed ? allocation.need.ref : null, quantity, unit: offer.unit, date, note: random.chance(0.5) ? 'Handed over in Lviv; serial numbers on the packing list.' : '' },
          references: namesNeed ? [{ path: ['offer'], record: offer.ref }, { path: ['need'], record: allocation.need.ref }] : [{ path: ['offer'], record: offer.ref }],
        });
        if (random.chance(0.7)) {
          const accepted = random.chance(0.85) ? quantity : Math.max(0, quantity - 1);
          acceptances.push({
            ref: `acceptance-${pad(acceptances.length + 1)}`,
            delegation: 'UA',
            kind: 'acceptance',
            tlp: 'AMBER',
            values: {
              delivery: ref,
              need: allocation.need.ref,
              quantityAccepted: accepted,
              date: addDays(date, random.int(1, 7)),
              note: accepted === quantity ? 'Прийнято в повному обсязі.' : 'Одна одиниця пошкоджена під час транспортування.',
            },
            references: [{ path: ['delivery'], record: ref }, { path: ['need'], record: allocation.need.ref }],
          });
        }
      }
    }
  }
  records.push(...acceptances);

  // Notes and decisions of the coordination meetings.
  const firstOver = needs[5];
  const firstDuplicate = needs[4];
  const noteLinks = (refs: readonly (string | undefined)[]): { links: string[]; references: DemoReference[] } => {
    const links = refs.filter((r): r is string => r !== undefined);
    return { links, references: links.map((record, i) => ({ path: ['links', i], record })) };
  };
  const decision = noteLinks([firstDuplicate?.ref, firstOver?.ref]);
  records.push({
    ref: 'note-SEC-01',
    delegation: 'SEC',
    kind: 'note',
    tlp: 'AMBER',
    values: {
      title: 'Coordination meeting: deconfliction of energy and government needs',
      body: 'The group reviewed needs flagged as over-covered or duplicated.\nGermany keeps its commitment; France redirects its pledge to an uncovered need.',
      type: 'decision',
      meetingDate: addDays(today, -7),
      actionItems: [
        { text: 'Redirect the indicative pledge to an uncovered need', owner: 'FR', due: addDays(today, 14), done: false },
        { text: 'Confirm the remaining quantity of the over-covered need', owner: 'UA', due: addDays(today, 7), done: false },
        { text: 'Circulate the updated coverage report', owner: 'SEC', due: addDays(today, -2), done: true },
      ],
      links: decision.links,
    },
    references: [
      { path: ['actionItems', 0, 'owner'], delegation: 'FR' },
      { path: ['actionItems', 1, 'owner'], delegation: 'UA' },
      { path: ['actionItems', 2, 'owner'], delegation: 'SEC' },
      ...decision.references,
    ],
  });
  records.push({
    ref: 'note-SEC-02',
    delegation: 'SEC',
    kind: 'note',
    tlp: 'GREEN',
    values: {
      title: 'Quarterly report: timeline and contributions',
      body: 'Partners send their delivery updates two weeks before the plenary.',
      type: 'note',
      meetingDate: addDays(today, -30),
      actionItems: [{ text: 'Send delivery updates', owner: null, due: addDays(today, 10), done: false }],
      links: [],
    },
    references: [],
  });
  records.push({
    ref: 'note-EU-01',
    delegation: 'EU',
    kind: 'note',
    tlp: 'GREEN',
    values: {
      title: 'EU funding instruments available for Tallinn Mechanism needs',
      body: 'Some needs may also be funded through EU programmes. The EU delegation checks each request against ongoing EU projects to avoid funding the same thing twice.',
      type: 'note',
      meetingDate: null,
      actionItems: [],
      links: [],
    },
    references: [],
  });
  records.push({
    ref: 'note-NATO-01',
    delegation: 'NATO',
    kind: 'note',
    tlp: 'AMBER',
    values: {
      title: 'Deconfliction with the IT Coalition',
      body: 'Military needs are handled by the IT Coalition; civilian needs listed here were checked against its list.',
      type: 'note',
      meetingDate: addDays(today, -21),
      actionItems: [{ text: 'Share the IT Coalition list update', owner: 'NATO', due: addDays(today, 30), done: false }],
      links: [],
    },
    references: [{ path: ['actionItems', 0, 'owner'], delegation: 'NATO' }],
  });
  return records;
}
