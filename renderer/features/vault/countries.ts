/**
 * The country choice of the first-run set-up: ISO 3166-1 alpha-2 codes, named in the interface
 * language by the runtime's own CLDR data (Intl.DisplayNames), so no list of names is shipped and the
 * names follow the language switch. The founding members of the Tallinn Mechanism come first; the EU
 * (an "exceptionally reserved" ISO 3166-1 code) is offered for its observer delegation.
 */

/** Ukraine and the ten partner states that set up the mechanism in December 2023. */
export const FOUNDING_MEMBERS = ['UA', 'CA', 'DK', 'EE', 'FR', 'DE', 'NL', 'PL', 'SE', 'GB', 'US'] as const;

/** Codes that are not countries but may hold a delegation. */
export const ORGANISATIONS = ['EU'] as const;

/** The officially assigned ISO 3166-1 alpha-2 codes (249). */
export const ISO_3166_ALPHA2: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export interface CountryOption {
  readonly value: string;
  readonly label: string;
}

export interface CountryGroup {
  readonly group: string;
  readonly items: CountryOption[];
}

export interface CountryGroupLabels {
  readonly foundingMembers: string;
  readonly organisations: string;
  readonly allCountries: string;
}

/** The name of a code in `language`, or the code itself where the runtime has no name for it. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Founding members in their fixed order, then organisations, then every other code by name. */
export function countryGroups(language: string, labels: CountryGroupLabels): CountryGroup[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const option = (value: string): CountryOption => ({ value, label: names.of(value) ?? value });
  const collator = new Intl.Collator(language);
  const first = new Set<string>(FOUNDING_MEMBERS);
  const rest = ISO_3166_ALPHA2.filter((code) => !first.has(code))
    .map(option)
    .sort((a, b) => collator.compare(a.label, b.label));
  return [
    { group: labels.foundingMembers, items: FOUNDING_MEMBERS.map(option) },
    { group: labels.organisations, items: ORGANISATIONS.map(option) },
    { group: labels.allCountries, items: rest },
  ];
}
