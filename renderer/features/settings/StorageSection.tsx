/**
 * Persistent storage (DESIGN.md §6): the answer of navigator.storage.persist(), asked once after the
 * first unlock and recorded in the settings, with what it means; it can be asked again.
 */
import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings, useVaultSession } from '../../app/hooks';

export function StorageSection() {
  const { t } = useTranslation('settings');
  const session = useVaultSession();
  const settings = useSettings();
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const persisted = settings?.storagePersisted ?? null;
  const state = persisted === null ? 'unknown' : persisted ? 'granted' : 'notGranted';
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('storage.title')}
      </Title>
      <Group gap="sm">
        <Text fw={500}>{t('storage.state')}</Text>
        <Badge
          variant="filled"
          tt="none"
          color={state === 'granted' ? 'teal.9' : state === 'notGranted' ? 'red.9' : 'gray.7'}
          data-storage-persisted={state}
        >
          {t(`storage.${state}`)}
        </Badge>
      </Group>
      <Text maw="70ch" size="sm">
        {t(`storage.${state}Help`)}
      </Text>
      {persisted === true ? null : (
        <Button
          variant="default"
          w="fit-content"
          loading={asking}
          onClick={() => {
            setAsking(true);
            session
              .requestPersistence()
              .catch(() => false)
              .finally(() => {
                setAsking(false);
              });
          }}
        >
          {t('storage.ask')}
        </Button>
      )}
    </Stack>
  );
}
