/**
 * How far offers cover a need (shared/domain/coverage.ts): requested, allocated, committed, delivered
 * and accepted quantities in the need's unit, their EUR values, the state, and a bar. Computed from the
 * records, never typed in.
 */
import { Group, Progress, Stack, Text } from '@mantine/core';
import type { NeedCoverage } from '@shared/domain/coverage';
import { useTranslation } from 'react-i18next';
import { CoverageBadge } from './badges';
import { useFormatters } from './format';
import { FieldList } from './parts';

function share(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.min(100, (part * 100) / whole);
}

export function CoverageSummary({ coverage }: { readonly coverage: NeedCoverage }) {
  const { t } = useTranslation(['records', 'domain']);
  const format = useFormatters();
  const unit = coverage.need.unit;
  const q = (quantity: number): string => format.quantity(quantity, unit);
  const requested = coverage.requestedQty;
  const delivered = share(coverage.deliveredQty, requested);
  const committed = Math.max(0, share(coverage.committedQty, requested) - delivered);
  const pledged = Math.max(0, share(coverage.allocatedQty, requested) - delivered - committed);
  return (
    <Stack gap="sm" data-coverage-summary={coverage.state}>
      <Group gap="sm">
        <CoverageBadge state={coverage.state} />
        <Text size="sm">
          {t('records:coverage.allocatedOf', {
            allocated: q(coverage.allocatedQty),
            requested: q(requested),
            percent: format.percent(requested === 0 ? 0 : (coverage.allocatedQty * 100) / requested),
          })}
        </Text>
      </Group>
      <Progress.Root size="lg" aria-hidden="true">
        <Progress.Section value={delivered} color="teal.9" />
        <Progress.Section value={committed} color="blue.8" />
        <Progress.Section value={pledged} color="blue.3" />
      </Progress.Root>
      <FieldList
        items={[
          { label: t('domain:figure.requested'), value: `${q(requested)} · ${format.eur(coverage.requestedEurCents)}`, field: 'requested' },
          { label: t('domain:figure.allocated'), value: `${q(coverage.allocatedQty)} · ${format.eur(coverage.allocatedEurCents)}`, field: 'allocated' },
          { label: t('domain:figure.committed'), value: `${q(coverage.committedQty)} · ${format.eur(coverage.committedEurCents)}`, field: 'committed' },
          { label: t('domain:figure.delivered'), value: `${q(coverage.deliveredQty)} · ${format.eur(coverage.deliveredEurCents)}`, field: 'delivered' },
          { label: t('domain:figure.accepted'), value: q(coverage.acceptedQty), field: 'accepted' },
          ...(coverage.suspendedQty > 0 ? [{ label: t('records:coverage.suspended'), value: q(coverage.suspendedQty), field: 'suspended' }] : []),
        ]}
      />
      <Text size="xs" c="dimmed" maw="70ch">
        {t('records:coverage.legend')}
      </Text>
    </Stack>
  );
}
