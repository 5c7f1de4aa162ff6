/**
 * Every enumeration, validation message, warning and rule reason of shared/domain has an English and a
 * Ukrainian label in renderer/locales/{en,uk}/domain.json (tests/browser/locales.test.ts checks that
 * the two files have the same keys and that the Ukrainian is Ukrainian).
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  CATEGORIES,
  CHANNELS,
  COVERAGE_STATES,
  CURRENCIES,
  KIND_FIELDS,
  KIND_RULE_REASONS,
  NEED_STATUSES,
  NOTE_TYPES,
  OFFER_STATUSES,
  PRIORITIES,
  RECORD_KINDS,
  SECTORS,
  UNITS,
  VALIDATION_KEYS,
  WARNING_TYPES,
} from '@shared/domain';
import { TLP_LEVELS } from '@shared/sync/tlp';
import en from '../../../renderer/locales/en/domain.json';
import uk from '../../../renderer/locales/uk/domain.json';

type Tree = { readonly [key: string]: string | Tree };

function lookup(tree: Tree, path: readonly string[]): unknown {
  let node: unknown = tree;
  for (const segment of path) node = (node as Record<string, unknown> | undefined)?.[segment];
  return node;
}

const groups: Record<string, readonly string[]> = {
  kind: RECORD_KINDS,
  sector: SECTORS,
  category: CATEGORIES,
  priority: PRIORITIES,
  needStatus: NEED_STATUSES,
  offerStatus: OFFER_STATUSES,
  channel: CHANNELS,
  unit: UNITS,
  currency: CURRENCIES,
  noteType: NOTE_TYPES,
  coverageState: COVERAGE_STATES,
  action: ACTIONS,
  rule: KIND_RULE_REASONS,
  field: [...new Set(Object.values(KIND_FIELDS).flat())],
};

describe('domain labels', () => {
  for (const [language, tree] of [['en', en], ['uk', uk]] as const) {
    it(`exist in ${language} for every enumeration value`, () => {
      for (const [group, values] of Object.entries(groups)) {
        for (const value of values) expect(typeof lookup(tree, [group, value]), `${language} ${group}.${value}`).toBe('string');
        // And nothing that is not a value (a renamed value would leave a stale label).
        if (group !== 'field') expect(Object.keys(lookup(tree, [group]) as object).sort(), `${language} ${group}`).toEqual([...values].sort());
      }
      for (const level of TLP_LEVELS) {
        expect(typeof lookup(tree, ['tlp', level, 'name'])).toBe('string');
        expect(typeof lookup(tree, ['tlp', level, 'description'])).toBe('string');
      }
      for (const key of VALIDATION_KEYS) expect(typeof lookup(tree, key.split('.')), `${language} ${key}`).toBe('string');
      for (const type of WARNING_TYPES) expect(typeof lookup(tree, ['warning', type, 'title']), `${language} warning ${type}`).toBe('string');
    });
  }
});
