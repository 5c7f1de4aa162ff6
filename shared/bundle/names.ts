/**
 * Bundle file names (DESIGN.md §5): valid on FAT and NTFS, readable by a person holding the stick.
 *
 *   <FROM>_to_<TO>_<YYYY-MM-DD>_<HHMM>Z_n<sequence>_<6 chars of the bundle id>.tdesk.age   (+ .minisig)
 *
 * FROM and each TO are `<country>-<name slug>` (ASCII letters, digits and hyphens; Cyrillic
 * transliterated, other scripts dropped; at most 24 characters). Up to three recipients are named,
 * joined with `+`; more become `<n>-recipients`. Only `[A-Za-z0-9+_-]` and the final extension are used,
 * so no character is reserved on FAT/NTFS, no name ends in a dot or space, and names stay under 200
 * characters. The bundle id suffix keeps names unique; the signed comment, not the name, is what counts.
 */
export const BUNDLE_EXTENSION = '.tdesk.age';
export const SIGNATURE_EXTENSION = '.minisig';

/** Ukrainian (KMU 2010, simplified) and Russian/Belarusian letters commonly met in delegation names. */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
  ё: 'e', ы: 'y', э: 'e', ъ: '', ў: 'u',
};

export function slug(text: string, max = 24): string {
  const latin = Array.from(text.normalize('NFC').toLowerCase())
    .map((c) => CYRILLIC[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  const cut = latin.slice(0, max).replace(/-+$/u, '');
  return cut;
}

export interface NamedParty {
  readonly country: string;
  readonly name: string;
}

function party(p: NamedParty): string {
  const country = /^[A-Z]{2}$/u.test(p.country) ? p.country : 'XX';
  const name = slug(p.name);
  return name === '' ? country : `${country}-${name}`;
}

export interface BundleNameInput {
  readonly sender: NamedParty;
  readonly recipients: readonly NamedParty[];
  /** ISO 8601 UTC. */
  readonly created: string;
  readonly sequence: number;
  readonly bundleId: string;
}

export function bundleFileName(input: BundleNameInput): string {
  const to = input.recipients.length <= 3 ? input.recipients.map(party).join('+') : `${input.recipients.length}-recipients`;
  const date = input.created.slice(0, 10);
  const time = `${input.created.slice(11, 13)}${input.created.slice(14, 16)}Z`;
  const sequence = `n${String(Math.max(0, Math.trunc(input.sequence))).padStart(4, '0')}`;
  const id = input.bundleId.slice(0, 6);
  return `${party(input.sender)}_to_${to}_${date}_${time}_${sequence}_${id}${BUNDLE_EXTENSION}`;
}

/** `NAME.tdesk-card` for a delegation. */
export function cardFileName(p: NamedParty): string {
  return `${party(p)}.tdesk-card`;
}
