/** The name of a dashboard figure (figures.ts) in the UI language, for the list that shows its records. */
import { WARNING_TYPES, type WarningType } from '@shared/domain/warnings';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegationNames } from './delegations';
import { useDomainLabels } from './labels';

type Measure = 'requested' | 'pledged' | 'committed' | 'delivered' | 'needs' | 'offers' | 'deliveries' | 'acceptances' | 'needed' | 'allocated';
const MEASURES = new Set<string>(['requested', 'pledged', 'committed', 'delivered', 'needs', 'offers', 'deliveries', 'acceptances', 'needed', 'allocated']);
const isMeasure = (value: string | undefined): value is Measure => value !== undefined && MEASURES.has(value);
const isWarningType = (value: string | undefined): value is WarningType => value !== undefined && (WARNING_TYPES as readonly string[]).includes(value);

export function useFigureLabel(): (path: string) => string {
  const { t } = useTranslation(['records', 'domain']);
  const labels = useDomainLabels();
  const names = useDelegationNames();
  return useCallback(
    (path: string) => {
      const parts = path.split('.');
      const [head, second, third] = parts;
      const measure = (value: string | undefined): string => (isMeasure(value) ? t(`domain:figure.${value}`) : (value ?? ''));
      switch (head) {
        case 'total':
          return measure(second);
        case 'state':
          return labels.coverage(second ?? '');
        case 'sector':
          return `${labels.sector(second ?? '')}: ${measure(third)}`;
        case 'category':
          return `${labels.category(second ?? '')}: ${measure(third)}`;
        case 'partner':
          return `${names.plain(second ?? '')}: ${measure(parts[parts.length - 1])}`;
        case 'warning':
          return isWarningType(second) ? t(`domain:warning.${second}.title`) : path;
        case 'critical':
          return t('records:criticalFigure');
        default:
          return path;
      }
    },
    [t, labels, names],
  );
}
