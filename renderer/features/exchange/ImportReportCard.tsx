/**
 * One bundle's import report: file, sender and its fingerprint (or, when the signature was not proven,
 * that the sender is not proven: a key id is only a claim), whether the signature verified, the
 * outcome, the counts, the problems with their reasons and, for a refused bundle, why — with the way
 * out when the signer is unknown or unverified (import and verify its card on the Delegations screen).
 */
import { SIGNER_CARD_CODES } from '@shared/bundle/errors';
import { Alert, Anchor, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { BundleImportReport } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../records';
import { useExchangeLabels } from './labels';
import { Sha256 } from './Sha256';

const OUTCOME_COLOR = { applied: 'teal.9', duplicate: 'gray.7', refused: 'red.9' } as const;

const COUNT_ORDER = ['changeSets', 'applied', 'duplicates', 'contentFilled', 'redacted', 'parked', 'newConflicts', 'rejected'] as const;

export function ImportReportCard({ report }: { readonly report: BundleImportReport }) {
  const { t } = useTranslation('exchange');
  const format = useFormatters();
  const labels = useExchangeLabels();
  const titleId = useId();
  const { sender, counts, refusal } = report;
  return (
    <Paper component="article" withBorder p="md" aria-labelledby={titleId} data-import-report={report.outcome}>
      <Stack gap="sm">
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Title order={3} id={titleId} className="td-file-name">
            {report.relativePath}
          </Title>
          <Badge variant="filled" color={OUTCOME_COLOR[report.outcome]} tt="none" size="lg" data-outcome={report.outcome}>
            {t(`outcome.${report.outcome}`)}
          </Badge>
        </Group>
        <Table withTableBorder variant="vertical" maw="48rem">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" w="12rem">
                {t('import.report.sender')}
              </Table.Th>
              <Table.Td className="td-wrap">
                {sender === null ? (
                  <Text size="sm" data-sender="not-proven">
                    {t('import.report.senderNotProven')}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {sender.name}
                    </Text>
                    <Text size="sm" ff="monospace" aria-label={t('import.report.fingerprintOf', { name: sender.name })}>
                      {sender.fingerprint.join(' ')}
                    </Text>
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('import.report.signature')}</Table.Th>
              <Table.Td>
                <Group gap={6} data-signature={report.signatureVerified ? 'verified' : 'not-verified'}>
                  {report.signatureVerified ? <IconShieldCheck size={16} aria-hidden="true" /> : <IconShieldX size={16} aria-hidden="true" />}
                  <Text size="sm">{report.signatureVerified ? t('import.report.signatureVerified') : t('import.report.signatureNotVerified')}</Text>
                </Group>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('import.report.files')}</Table.Th>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="xs">{t('import.report.sizes', { age: format.number(report.size.age), minisig: format.number(report.size.minisig) })}</Text>
                  <Sha256 label={t('sha.age')} value={report.sha256.age} />
                  <Sha256 label={t('sha.minisig')} value={report.sha256.minisig} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {refusal === null ? null : <Refusal code={refusal.code} message={refusal.message} claimed={refusal.claimedSender?.name ?? null} />}
        {counts === null ? null : (
          <Table withTableBorder striped maw="30rem" data-import-counts="">
            <Table.Caption>{t('import.report.countsCaption')}</Table.Caption>
            <Table.Tbody>
              {COUNT_ORDER.map((name) => (
                <Table.Tr key={name} data-count={name}>
                  <Table.Th scope="row">{labels.count(name)}</Table.Th>
                  <Table.Td className="td-cell-right">{format.number(counts[name])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {report.problems.length === 0 ? null : (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('import.report.problems')}
            </Text>
            <List size="sm" spacing={4} data-import-problems="">
              {report.problems.map((problem, index) => (
                <List.Item key={`${problem.reason}/${String(index)}`} data-problem={problem.reason}>
                  <Text size="sm" span>
                    {labels.problem(problem.reason)}
                  </Text>{' '}
                  <Text size="xs" c="dimmed" span>
                    {t('import.report.technical', { message: problem.message })}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Refusal({ code, message, claimed }: { readonly code: string; readonly message: string; readonly claimed: string | null }) {
  const { t } = useTranslation('exchange');
  const labels = useExchangeLabels();
  // Refusals whose cure is on the Delegations screen: import the sender's card, verify its fingerprint.
  const signer = SIGNER_CARD_CODES.has(code);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch" data-refusal={code}>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('import.report.refused')}
        </Text>
        <Text size="sm">{labels.refusal(code)}</Text>
        {signer ? (
          <>
            {claimed === null ? null : (
              <Text size="sm" data-claimed-sender="">
                {t('import.report.claimedSender', { name: claimed })}
              </Text>
            )}
            <Text size="sm" data-signer-instruction="">
              {t('import.report.signerInstruction')}
            </Text>
            <Anchor component={Link} to="/delegations" size="sm" fw={600}>
              {t('goToDelegations')}
            </Anchor>
          </>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('import.report.technical', { message })}
        </Text>
      </Stack>
    </Alert>
  );
}
