/**
 * "Import a contact card": a `.tdesk-card` file is picked through DeskApi, inspected by the worker
 * (nothing stored) and shown as it proposes itself; only then imported. A refusal says why (invalid,
 * newer format, colliding key id, confusable name, own card). After an import the user is led to the
 * verification ceremony of that delegation.
 */
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { CardPreview, DelegationView, ExchangeFile } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconCircleCheck, IconFileImport } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failureOf, usePlatform, useVaultSession } from '../../app/hooks';
import { useDelegationDirectory, useDomainLabels, useFormatters } from '../records';
import { useCardFailureText } from './card-refusal';
import { useCountryName } from './country';
import { delegationPath } from './paths';

type State =
  | { readonly step: 'idle' }
  | { readonly step: 'busy'; readonly what: 'reading' | 'importing' }
  | { readonly step: 'preview'; readonly file: ExchangeFile; readonly card: CardPreview }
  | { readonly step: 'imported'; readonly card: CardPreview; readonly delegation: DelegationView }
  | { readonly step: 'failed'; readonly message: string };

export function CardImportSection() {
  const { t } = useTranslation('delegations');
  const session = useVaultSession();
  const platform = usePlatform();
  const directory = useDelegationDirectory();
  const failureText = useCardFailureText();
  const titleId = useId();
  const [state, setState] = useState<State>({ step: 'idle' });

  const choose = async (): Promise<void> => {
    const picked = await platform.openFiles({ mode: 'files', multiple: false, extensions: ['tdesk-card'] }).catch(() => null);
    if (picked === null) {
      setState({ step: 'failed', message: t('cardImport.readFailed') });
      return;
    }
    const chosen = picked.files[0];
    if (!picked.picked || chosen === undefined) {
      setState({ step: 'idle' });
      return;
    }
    if (chosen.status === 'too-large') {
      setState({ step: 'failed', message: t('cardImport.tooLarge', { name: chosen.name }) });
      return;
    }
    const file: ExchangeFile = { name: chosen.name, relativePath: chosen.relativePath, bytes: chosen.bytes };
    setState({ step: 'busy', what: 'reading' });
    try {
      setState({ step: 'preview', file, card: await session.exchange.inspectCard(file) });
    } catch (error) {
      setState({ step: 'failed', message: failureText(failureOf(error)) });
    }
  };

  const importCard = async (file: ExchangeFile): Promise<void> => {
    setState({ step: 'busy', what: 'importing' });
    try {
      const { card, delegation } = await session.exchange.importCard(file);
      directory.reload();
      setState({ step: 'imported', card, delegation });
    } catch (error) {
      setState({ step: 'failed', message: failureText(failureOf(error)) });
    }
  };

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId} data-card-import="">
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('cardImport.title')}
        </Title>
        <Text maw="70ch">{t('cardImport.intro')}</Text>
        <Group>
          <Button
            variant={state.step === 'preview' ? 'default' : 'filled'}
            leftSection={<IconFileImport size={16} aria-hidden="true" />}
            loading={state.step === 'busy'}
            onClick={() => void choose()}
          >
            {t('cardImport.choose')}
          </Button>
        </Group>
        {state.step === 'busy' ? (
          <Text role="status">{state.what === 'reading' ? t('cardImport.reading') : t('cardImport.importing')}</Text>
        ) : null}
        {state.step === 'failed' ? (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch" data-card-refused="">
            {state.message}
          </Alert>
        ) : null}
        {state.step === 'preview' ? (
          <CardPreviewView
            card={state.card}
            onImport={() => void importCard(state.file)}
            onCancel={() => {
              setState({ step: 'idle' });
            }}
          />
        ) : null}
        <div aria-live="polite">{state.step === 'imported' ? <Imported card={state.card} delegation={state.delegation} /> : null}</div>
      </Stack>
    </Paper>
  );
}

function CardPreviewView({ card, onImport, onCancel }: { readonly card: CardPreview; readonly onImport: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation('delegations');
  const labels = useDomainLabels();
  const format = useFormatters();
  const country = useCountryName();
  const titleId = useId();
  const importable = card.status !== 'verified';
  return (
    <Paper component="article" withBorder p="md" aria-labelledby={titleId} data-card-preview={card.status}>
      <Stack gap="sm">
        <Title order={3} id={titleId}>
          {t('cardImport.previewTitle', { name: card.proposedName })}
        </Title>
        <Table withTableBorder variant="vertical" layout="fixed" maw="40rem">
          <Table.Tbody>
            <Row label={t('cardImport.proposedName')} value={card.proposedName} />
            <Row label={t('cardImport.country')} value={country(card.country)} />
            <Row label={t('cardImport.proposedRole')} value={labels.role(card.proposedRole)} />
            <Row label={t('cardImport.devices')} value={format.number(card.devices)} />
            <Row label={t('cardImport.keyEvents')} value={format.number(card.keyEvents)} />
            <Row label={t('cardImport.status')} value={t(`cardImport.statuses.${card.status}`)} />
          </Table.Tbody>
        </Table>
        <Text size="sm" maw="70ch">
          {t('cardImport.proposedNote')}
        </Text>
        <Group>
          {importable ? <Button onClick={onImport}>{t('cardImport.import')}</Button> : null}
          <Button variant="default" onClick={onCancel}>
            {importable ? t('cardImport.cancel') : t('cardImport.close')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Row({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="12rem">
        {label}
      </Table.Th>
      <Table.Td className="td-wrap">{value}</Table.Td>
    </Table.Tr>
  );
}

function Imported({ card, delegation }: { readonly card: CardPreview; readonly delegation: DelegationView }) {
  const { t } = useTranslation('delegations');
  const unverified = delegation.verification === null;
  return (
    <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} maw="70ch" data-card-imported={delegation.id}>
      <Stack gap="xs">
        <Text size="sm">{unverified ? t('cardImport.imported', { name: delegation.name }) : t('cardImport.updated', { name: delegation.name })}</Text>
        {unverified && !delegation.revoked ? (
          // The alert's own text colour, underlined: the default link blue on the light teal alert is 4.3:1 (under AA).
          <Anchor component={Link} to={delegationPath(delegation.id)} fw={600} c="inherit" underline="always">
            {t('cardImport.verifyNow', { name: card.proposedName })}
          </Anchor>
        ) : null}
      </Stack>
    </Alert>
  );
}
