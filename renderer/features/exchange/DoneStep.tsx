/** The export's summary: where the files went, and each file with its recipients and SHA-256. */
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDelegationNames } from '../records';
import type { Sealed } from './use-export-run';

export function DoneStep({ sealed, location, onRestart }: { readonly sealed: Sealed; readonly location: string; readonly onRestart: () => void }) {
  const { t } = useTranslation('exchange');
  const names = useDelegationNames();
  const rows = sealed.bundles.flatMap((bundle) => {
    const recipients = bundle.recipients.map((id) => names.plain(id)).join(', ');
    return [
      { name: bundle.name, recipients, sha256: bundle.sha256.age, key: `${bundle.bundleId}/age` },
      { name: bundle.signatureName, recipients, sha256: bundle.sha256.minisig, key: `${bundle.bundleId}/minisig` },
    ];
  });
  return (
    <Stack gap="md" data-export-done="">
      <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} maw="70ch">
        <Text size="sm">{t('export.done.saved', { count: sealed.bundles.length, files: rows.length, location })}</Text>
        <Text size="sm">{t('export.done.logged')}</Text>
      </Alert>
      <Table.ScrollContainer minWidth="48rem">
        <Table withTableBorder striped data-export-files="">
          <Table.Caption>{t('export.done.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('export.done.file')}</Table.Th>
              <Table.Th scope="col">{t('export.done.recipients')}</Table.Th>
              <Table.Th scope="col">{t('export.done.sha256')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" className="td-file-name" fw={500}>
                  {row.name}
                </Table.Th>
                <Table.Td className="td-wrap">{row.recipients}</Table.Td>
                <Table.Td>
                  <code className="td-hash">{row.sha256}</code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button variant="default" onClick={onRestart}>
          {t('export.done.again')}
        </Button>
      </Group>
    </Stack>
  );
}
