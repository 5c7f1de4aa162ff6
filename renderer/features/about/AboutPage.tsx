/**
 * About: what is running (product, version, platform, runtime, OS), the security posture as the
 * platform reports it, and the two things the app cannot enforce for the user (DESIGN.md §3, §7).
 */
import { Alert, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconShieldLock } from '@tabler/icons-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/hooks';
import type { AppInfo, PostureItem } from '../../platform/types';
import { PageHeader } from '../../ui';

type Load = { readonly status: 'loading' } | { readonly status: 'ready'; readonly info: AppInfo } | { readonly status: 'failed' };

const STATE_KEY = { on: 'on', off: 'off', 'n/a': 'na' } as const satisfies Record<PostureItem['state'], string>;
/** Filled badges in shades whose white text passes WCAG AA (5.0, 5.5 and 8.2:1). */
const STATE_COLOR = { on: 'teal.9', off: 'red.9', 'n/a': 'gray.7' } as const satisfies Record<PostureItem['state'], string>;

function useAppInfo(): Load {
  const platform = usePlatform();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    platform.appInfo().then(
      (info) => {
        if (current) setLoad({ status: 'ready', info });
      },
      () => {
        if (current) setLoad({ status: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [platform]);
  return load;
}

function ApplicationDetails({ info }: { readonly info: AppInfo }) {
  const { t } = useTranslation('about');
  const runtime = Object.entries(info.runtime);
  return (
    <Table variant="vertical" withTableBorder maw="48rem" aria-label={t('details.label')}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row" w="16rem">
            {t('details.product')}
          </Table.Th>
          <Table.Td>{info.name}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('details.version')}</Table.Th>
          <Table.Td>{info.version}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('details.platform')}</Table.Th>
          <Table.Td>{t(`platforms.${info.platform}`)}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('details.os')}</Table.Th>
          <Table.Td>{info.os}</Table.Td>
        </Table.Tr>
        {runtime.length === 0 ? null : (
          <Table.Tr>
            <Table.Th scope="row">{t('details.runtime')}</Table.Th>
            <Table.Td>
              <Group gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {runtime.map(([component, version]) => (
                  <li key={component}>
                    <Badge variant="default" tt="none">
                      {component} {version}
                    </Badge>
                  </li>
                ))}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

function PostureTable({ posture, labelledBy }: { readonly posture: readonly PostureItem[]; readonly labelledBy: string }) {
  const { t } = useTranslation('about');
  if (posture.length === 0) return <Text>{t('posture.empty')}</Text>;
  return (
    <Table withTableBorder striped maw="48rem" aria-labelledby={labelledBy}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('posture.columns.item')}</Table.Th>
          <Table.Th scope="col" w="12rem">
            {t('posture.columns.state')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {posture.map((item) => (
          <Table.Tr key={item.id} data-posture-id={item.id} data-posture-state={item.state}>
            <Table.Th scope="row" fw="normal">
              {t(`posture.items.${item.id}`)}
            </Table.Th>
            <Table.Td>
              <Badge color={STATE_COLOR[item.state]} variant="filled" tt="none">
                {t(`posture.states.${STATE_KEY[item.state]}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AboutPage() {
  const { t } = useTranslation('about');
  const load = useAppInfo();
  const postureTitleId = useId();
  const remindersTitleId = useId();

  return (
    <Stack gap="xl">
      <PageHeader title={t('title')} />

      {load.status === 'loading' ? (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('loading')}</Text>
        </Group>
      ) : null}
      {load.status === 'failed' ? (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden="true" />} maw="48rem">
          {t('loadFailed')}
        </Alert>
      ) : null}
      {load.status === 'ready' ? (
        <>
          <ApplicationDetails info={load.info} />
          <Stack gap="sm" component="section" aria-labelledby={postureTitleId}>
            <Title order={2} id={postureTitleId}>
              {t('posture.title')}
            </Title>
            <Text c="dimmed" maw="70ch">
              {t('posture.intro')}
            </Text>
            <PostureTable posture={load.info.posture} labelledBy={postureTitleId} />
          </Stack>
        </>
      ) : null}

      <Stack gap="sm" component="section" aria-labelledby={remindersTitleId}>
        <Title order={2} id={remindersTitleId}>
          {t('reminders.title')}
        </Title>
        <Alert role="note" color="yellow" variant="light" icon={<IconLock aria-hidden="true" />} maw="48rem">
          {t('reminders.disk')}
        </Alert>
        <Alert role="note" color="blue" variant="light" icon={<IconShieldLock aria-hidden="true" />} maw="48rem">
          {t('reminders.tlp')}
        </Alert>
      </Stack>
    </Stack>
  );
}
