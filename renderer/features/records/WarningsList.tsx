/**
 * Deconfliction warnings (DESIGN.md §3: "make it prominent"): each with its severity, what it means in
 * words, and a link to every record behind it.
 */
import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { DeconflictionWarning } from '@shared/domain/warnings';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDomainLabels } from './labels';
import type { Coordination } from './model';
import { RecordLink } from './parts';

const SEVERITY_COLOURS = { high: 'red.9', medium: 'indigo.9', low: 'gray.7' } as const;

/** A warning's title and description in the UI language. */
export function useWarningText(): (warning: DeconflictionWarning) => { title: string; description: string } {
  const { t } = useTranslation('domain');
  const labels = useDomainLabels();
  return useCallback(
    (warning: DeconflictionWarning) => {
      const params: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(warning.params)) {
        if (typeof value === 'string' && (name === 'unit' || name === 'needUnit' || name === 'otherUnit')) params[name] = labels.unit(value);
        else if (typeof value === 'string' && name === 'field') params[name] = labels.field(value);
        else if (typeof value === 'string' && name === 'kind') params[name] = labels.kind(value);
        else params[name] = value;
      }
      const title = t(`warning.${warning.type}.title`);
      if (warning.type === 'duplicate-offer') {
        return {
          title,
          description: warning.params['basis'] === 'same-partner' ? t('warning.duplicate-offer.descriptionSamePartner', params) : t('warning.duplicate-offer.descriptionRedundant', params),
        };
      }
      return { title, description: t(`warning.${warning.type}.description`, params) };
    },
    [t, labels],
  );
}

export function WarningsList({ coordination, warnings, limit }: { readonly coordination: Coordination; readonly warnings: readonly DeconflictionWarning[]; readonly limit?: number }) {
  const { t } = useTranslation(['records', 'domain']);
  const text = useWarningText();
  const shown = limit === undefined ? warnings : warnings.slice(0, limit);
  return (
    <Stack gap="sm" component="ul" className="td-plain-list" data-warnings={warnings.length}>
      {shown.map((warning) => {
        const { title, description } = text(warning);
        return (
          <li key={`${warning.type}/${warning.records.join(',')}`} data-warning={warning.type}>
            <Alert
              variant="default"
              className={`td-warning td-warning-${warning.severity}`}
              icon={<IconAlertTriangle size={18} aria-hidden="true" />}
              title={
                <Group gap="xs">
                  <Badge size="sm" variant="filled" color={SEVERITY_COLOURS[warning.severity]} tt="none">
                    {t(`domain:severity.${warning.severity}`)}
                  </Badge>
                  <span>{title}</span>
                </Group>
              }
            >
              <Stack gap={4}>
                <Text size="sm">{description}</Text>
                <Text size="sm" fw={500}>
                  {t('records:warnings.records')}
                </Text>
                <Stack gap={2} component="ul" className="td-plain-list">
                  {warning.records.map((id) => (
                    <li key={id}>
                      <RecordLink coordination={coordination} id={id} />
                    </li>
                  ))}
                </Stack>
              </Stack>
            </Alert>
          </li>
        );
      })}
    </Stack>
  );
}
