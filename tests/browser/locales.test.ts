/**
 * Every string the user sees exists in English and Ukrainian, under the same keys, and the Ukrainian
 * is really Ukrainian: not empty, not a copy of the English, not Russian.
 */
import { describe, expect, it } from 'vitest';
import { NAMESPACES, resources } from '../../renderer/app/i18n';

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

      it('has identical key sets in en and uk', () => {
        expect([...ukStrings.keys()].sort()).toEqual([...enStrings.keys()].sort());
        expect(enStrings.size).toBeGreaterThan(0);
      });

      it('has no empty values', () => {
        for (const [key, value] of [...enStrings, ...ukStrings]) {
          expect(value.trim(), `${namespace}:${key}`).not.toBe('');
        }
      });

      it('uses the same placeholders in both languages', () => {
        for (const [key, value] of enStrings) {
          expect(placeholders(ukStrings.get(key) ?? ''), `${namespace}:${key}`).toEqual(placeholders(value));
        }
      });

      it('translates every user-facing string into Ukrainian', () => {
        for (const [key, value] of enStrings) {
          const id = `${namespace}:${key}`;
          const translated = ukStrings.get(key) ?? '';
          if (IDENTICAL.has(id)) {
            expect(translated, `${id} is listed as deliberately identical`).toBe(value);
            continue;
          }
          expect(translated, `${id} is not translated`).not.toBe(value);
          expect(translated, `${id} has no Cyrillic`).toMatch(/\p{Script=Cyrillic}/u);
          // ы, э, ъ, ё exist in Russian and not in Ukrainian: a sure sign of the wrong language.
          expect(translated, `${id} looks Russian`).not.toMatch(/[ыэъёЫЭЪЁ]/u);
        }
      });
    });
  }
});
