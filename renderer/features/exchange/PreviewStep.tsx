/**
 * Step 3: what each bundle will hold: its recipients, change-sets in full and redacted, why each
 * redacted one is withheld (in words), the records that go in full; and the plain notice that TLP is a
 * sharing policy, not a cryptographic guarantee, and that every export is logged.
 */
import { Alert, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { redactionReasonSchema, type ExportBundlePlan, type ExportPreview } from '@shared/ipc/vault-protocol';
import { IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegationNames, useFormatters } from '../records';
import { useExchangeLabels } from './labels';

interface Props {
  readonly preview: ExportPreview;
  readonly onBack: () => void;
  readonly onSeal: () => void;
}

export function PreviewStep({ preview, onBack, onSeal }: Props) {
  const { t } = useTranslation('exchange');
  const format = useFormatters();
  return (
    <Stack gap="md">
      <Text>{t('export.preview.summary', { bundles: format.number(preview.bundles.length), files: format.number(preview.bundles.length * 2) })}</Text>
      {preview.bundles.map((plan, index) => (
        <BundlePlan key={plan.recipients.join(',')} plan={plan} index={index} total={preview.bundles.length} />
      ))}
      <Alert color="blue" variant="light" role="note" icon={<IconInfoCircle aria-hidden="true" />} maw="70ch" data-tlp-notice="">
        <Stack gap={4}>
          <Text size="sm">{t('export.preview.tlpNotice')}</Text>
          <Text size="sm">{t('export.preview.logNotice')}</Text>
        </Stack>
      </Alert>
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('export.back')}
        </Button>
        <Button onClick={onSeal} disabled={preview.bundles.length === 0}>
          {t('export.preview.seal')}
        </Button>
      </Group>
    </Stack>
  );
}

function BundlePlan({ plan, index, total }: { readonly plan: ExportBundlePlan; readonly index: number; readonly total: number }) {
  const { t } = useTranslation('exchange');
  const names = useDelegationNames();
  const format = useFormatters();
  const labels = useExchangeLabels();
  const titleId = useId();
  const recipients = plan.recipients.map((id) => names.plain(id)).join(', ');
  const reasons = redactionReasonSchema.options.flatMap((reason) => {
    const count = plan.reasons[reason];
    return count === undefined ? [] : [{ reason, count }];
  });
  return (
    <Paper component="article" withBorder p="md" aria-labelledby={titleId} data-bundle-plan={index}>
      <Stack gap="sm">
        <Title order={3} id={titleId}>
          {t('export.preview.bundleTitle', { index: index + 1, total, recipients })}
        </Title>
        <Table withTableBorder variant="vertical" maw="36rem">
          <Table.Tbody>
            <Row label={t('export.preview.recipients')} value={recipients} />
            <Row label={t('counts.changeSets')} value={format.number(plan.changeSets)} />
            <Row label={t('counts.full')} value={format.number(plan.full)} />
            <Row label={t('counts.redacted')} value={format.number(plan.redacted)} />
            <Row label={t('counts.records')} value={format.number(plan.records)} />
            <Row label={t('export.preview.contentRequests')} value={format.number(plan.contentRequestsAnswered)} />
          </Table.Tbody>
        </Table>
        {plan.changeSets === 0 ? <Text size="sm">{t('export.preview.nothingNew')}</Text> : null}
        {reasons.length === 0 ? null : (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('export.preview.whyRedacted')}
            </Text>
            <List size="sm" spacing={2} data-redaction-reasons="">
              {reasons.map(({ reason, count }) => (
                <List.Item key={reason} data-reason={reason}>
                  {labels.redaction(reason, count)}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Row({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="16rem">
        {label}
      </Table.Th>
      <Table.Td className="td-wrap">{value}</Table.Td>
    </Table.Tr>
  );
}
