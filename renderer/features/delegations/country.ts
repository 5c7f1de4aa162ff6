/** A delegation's country in the UI language; organisations (no ISO code, or ZZ) say so. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../vault';

export function useCountryName(): (code: string) => string {
  const { t, i18n } = useTranslation('delegations');
  return useCallback((code: string) => (/^[A-Z]{2}$/u.test(code) && code !== 'ZZ' ? countryName(code, i18n.language) : t('noCountry')), [i18n.language, t]);
}
