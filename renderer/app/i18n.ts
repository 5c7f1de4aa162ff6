/**
 * Translations. Resources are bundled (no backend, nothing fetched) and the instance is initialised
 * synchronously, so the first render is already in the right language. One instance per running app,
 * handed down with react-i18next's I18nextProvider; the global i18next singleton is not used.
 */
import i18next, { type i18n as I18n } from 'i18next';
import enAbout from '../locales/en/about.json';
import enAudit from '../locales/en/audit.json';
import enCommon from '../locales/en/common.json';
import enConflicts from '../locales/en/conflicts.json';
import enDashboard from '../locales/en/dashboard.json';
import enDelegations from '../locales/en/delegations.json';
import enDomain from '../locales/en/domain.json';
import enExchange from '../locales/en/exchange.json';
import enRecords from '../locales/en/records.json';
import enSections from '../locales/en/sections.json';
import enSettings from '../locales/en/settings.json';
import enVault from '../locales/en/vault.json';
import ukAbout from '../locales/uk/about.json';
import ukAudit from '../locales/uk/audit.json';
import ukCommon from '../locales/uk/common.json';
import ukConflicts from '../locales/uk/conflicts.json';
import ukDashboard from '../locales/uk/dashboard.json';
import ukDelegations from '../locales/uk/delegations.json';
import ukDomain from '../locales/uk/domain.json';
import ukExchange from '../locales/uk/exchange.json';
import ukRecords from '../locales/uk/records.json';
import ukSections from '../locales/uk/sections.json';
import ukSettings from '../locales/uk/settings.json';
import ukVault from '../locales/uk/vault.json';
import { LANGUAGES, type Language } from './ui-store';

export const NAMESPACES = ['common', 'sections', 'about', 'vault', 'settings', 'audit', 'domain', 'conflicts', 'records', 'dashboard', 'delegations', 'exchange'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const resources = {
  en: { common: enCommon, sections: enSections, about: enAbout, vault: enVault, settings: enSettings, audit: enAudit, domain: enDomain, conflicts: enConflicts, records: enRecords, dashboard: enDashboard, delegations: enDelegations, exchange: enExchange },
  uk: { common: ukCommon, sections: ukSections, about: ukAbout, vault: ukVault, settings: ukSettings, audit: ukAudit, domain: ukDomain, conflicts: ukConflicts, records: ukRecords, dashboard: ukDashboard, delegations: ukDelegations, exchange: ukExchange },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['en'];
  }
}

export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  // With bundled resources and initAsync false, init completes before it returns.
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    // React escapes what it renders; escaping here as well would show entities to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}
