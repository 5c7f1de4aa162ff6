/**
 * Every string the user sees exists in English and Ukrainian, under the same keys, and the Ukrainian
 * is really Ukrainian: not empty, not a copy of the English, not Russian. Counted strings are i18next
 * plural forms (`key_one`, `key_other`, …): the keys are compared without their plural suffix, since
 * the languages have different plural categories (English one/other, Ukrainian one/few/many/other),
 * and each language must have exactly the categories its plural rules use.
 */
import { describe, expect, it } from 'vitest';
import { redactionReasonSchema } from '@shared/ipc/vault-protocol';
import { createI18n, NAMESPACES, resources } from '../../renderer/app/i18n';

type Tree = { readonly [key: string]: string | Tree };

const files = import.meta.glob<Tree>('../../renderer/locales/*/*.json', { eager: true, import: 'default' });

function byLanguage(language: string): Map<string, Tree> {
  const namespaces = new Map<string, Tree>();
  for (const [path, tree] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/u.exec(path);
    if (match?.[1] === language && match[2] !== undefined) namespaces.set(match[2], tree);
  }
  return namespaces;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const en = byLanguage('en');
const uk = byLanguage('uk');

/**
 * Strings that are deliberately the same in both languages: the product name, a title template that is
 * only placeholders and a dash, and the language switch, which names each language in that language.
 */
const IDENTICAL = new Set([
  'common:appName',
  'common:documentTitle',
  'common:language.en.short',
  'common:language.en.name',
  'common:language.uk.short',
  'common:language.uk.name',
]);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/u;

/** The key without its plural suffix: `redaction.draft_few` → `redaction.draft`. */
const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');

/** The strings of each base key: one string, or the plural forms of a counted key. */
function grouped(strings: Map<string, string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, value] of strings) {
    const base = baseKey(key);
    const forms = out.get(base) ?? new Map<string, string>();
    forms.set(PLURAL_SUFFIX.exec(key)?.[1] ?? '', value);
    out.set(base, forms);
  }
  return out;
}

/** The plural categories i18next looks up for a language (Intl.PluralRules, as i18next uses it). */
const pluralCategories = (language: string): string[] => [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/gu)].map((m) => m[1] ?? '').sort();

describe('locales', () => {
  it('has the same namespaces in both languages, and the app loads every one of them', () => {
    expect([...en.keys()].sort()).toEqual([...uk.keys()].sort());
    expect([...en.keys()].sort()).toEqual([...NAMESPACES].sort());
    for (const language of ['en', 'uk'] as const) {
      for (const namespace of NAMESPACES) {
        expect(resources[language][namespace], `${language}/${namespace}.json`).toEqual(
          (language === 'en' ? en : uk).get(namespace),
        );
      }
    }
  });

  for (const namespace of NAMESPACES) {
    describe(namespace, () => {
      const enStrings = flatten(en.get(namespace) ?? {});
      const ukStrings = flatten(uk.get(namespace) ?? {});
      const enGroups = grouped(enStrings);
      const ukGroups = grouped(ukStrings);

      it('has identical key sets in en and uk (plural suffixes aside)', () => {
        expect([...ukGroups.keys()].sort()).toEqual([...enGroups.keys()].sort());
        expect(enStrings.size).toBeGreaterThan(0);
      });

      it('gives each counted string exactly the plural forms of its language, and no plain form beside them', () => {
        for (const [language, groups] of [['en', enGroups], ['uk', ukGroups]] as const) {
          for (const [key, forms] of groups) {
            if (forms.size === 1 && forms.has('')) continue;
            expect([...forms.keys()].sort(), `${language} ${namespace}:${key}`).toEqual(pluralCategories(language));
          }
        }
      });

      it('has no empty values', () => {
        for (const [key, value] of [...enStrings, ...ukStrings]) {
          expect(value.trim(), `${namespace}:${key}`).not.toBe('');
        }
      });

      it('uses the same placeholders in both languages (in every plural form)', () => {
        for (const [key, forms] of enGroups) {
          const expected = placeholders(forms.get('other') ?? forms.get('') ?? '');
          for (const [form, value] of forms) expect(placeholders(value), `en ${namespace}:${key} ${form}`).toEqual(expected);
          for (const [form, value] of ukGroups.get(key) ?? new Map<string, string>()) {
            expect(placeholders(value), `uk ${namespace}:${key} ${form}`).toEqual(expected);
          }
        }
      });

      it('translates every user-facing string into Ukrainian', () => {
        for (const [key, forms] of enGroups) {
          const id = `${namespace}:${key}`;
          const english = new Set(forms.values());
          for (const [form, translated] of ukGroups.get(key) ?? new Map<string, string>()) {
            const value = forms.get(form) ?? forms.get('other') ?? '';
            if (IDENTICAL.has(id)) {
              expect(translated, `${id} is listed as deliberately identical`).toBe(value);
              continue;
            }
            expect(english.has(translated), `${id} ${form} is not translated`).toBe(false);
            expect(translated, `${id} ${form} has no Cyrillic`).toMatch(/\p{Script=Cyrillic}/u);
            // ы, э, ъ, ё exist in Russian and not in Ukrainian: a sure sign of the wrong language.
            expect(translated, `${id} ${form} looks Russian`).not.toMatch(/[ыэъёЫЭЪЁ]/u);
          }
        }
      });
    });
  }

  it('picks the plural form of each language (English one/other; Ukrainian one/few/many)', () => {
    const en = createI18n('en');
    const uk = createI18n('uk');
    expect(en.t('exchange:redaction.draft', { count: 1 })).toBe('Drafts: 1 change-set of a draft, which never leaves this workstation.');
    expect(en.t('exchange:redaction.draft', { count: 3 })).toBe('Drafts: 3 change-sets of drafts, which never leave this workstation.');
    const forms = [1, 2, 5, 11, 21, 22, 25].map((count) => uk.t('exchange:history.count', { count }));
    expect(forms).toEqual(['В історії 1 пакет', 'В історії 2 пакети', 'В історії 5 пакетів', 'В історії 11 пакетів', 'В історії 21 пакет', 'В історії 22 пакети', 'В історії 25 пакетів']);
    expect(uk.t('delegations:ceremony.verified', { name: 'X', count: 3 })).toBe('«X» перевірено. Із відкладених звільнено 3 набори змін.');
  });

  it('words every redaction reason of the protocol in both languages, for any count', () => {
    for (const language of ['en', 'uk'] as const) {
      const i18n = createI18n(language);
      for (const reason of redactionReasonSchema.options) {
        for (const count of [1, 2, 5]) {
          const key = `exchange:redaction.${reason}` as const;
          expect(i18n.exists(key, { count }), `${language} ${key} ${String(count)}`).toBe(true);
          expect(i18n.t(key, { count }), `${language} ${key} ${String(count)}`).toContain(String(count));
        }
      }
    }
  });
});
