/**
 * The dashboard (issue #5): totals requested, pledged, committed and delivered in EUR; needs by coverage
 * state; coverage by sector and by category; offers by partner; critical needs not yet covered, most
 * urgent first; and the deconfliction warnings. Every figure is a link to the list of exactly the
 * records behind it (shared/domain/dashboard.ts keeps them with each figure).
 *
 * The figures are computed from the working set once per change (records/model.ts), which also marks
 * the computation for `npm run bench` (coord.dashboard.100k).
 */
import { Alert, Anchor, Badge, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { Figure, GroupCoverage } from '@shared/domain/dashboard';
import { WARNING_TYPES } from '@shared/domain/warnings';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui';
import {
  CoverageText,
  PriorityText,
  TlpBadge,
  WarningsList,
  figureHref,
  recordHref,
  useCoordination,
  useDelegationNames,
  useDomainLabels,
  useFormatters,
} from '../records';

/** A figure as a link to its records. */
function FigureLink({ path, children, label }: { readonly path: string; readonly children: ReactNode; readonly label?: string }) {
  return (
    <Anchor component={Link} to={figureHref(path)} data-figure={path} {...(label === undefined ? {} : { 'aria-label': label })}>
      {children}
    </Anchor>
  );
}

function DashboardSection({ title, children, description }: { readonly title: string; readonly children: ReactNode; readonly description?: string }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} id={id} size="h3">
        {title}
      </Title>
      {description === undefined ? null : (
        <Text size="sm" c="dimmed" maw="70ch">
          {description}
        </Text>
      )}
      {children}
    </Stack>
  );
}

function percentOf(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.min(100, (part * 100) / whole);
}

/** Delivered, committed beyond that, and pledged beyond that, as shares of what is needed. */
function CoverageBar({ group }: { readonly group: GroupCoverage<string> }) {
  const needed = group.needed.value;
  const delivered = percentOf(group.delivered.value, needed);
  const committed = Math.max(0, percentOf(group.committed.value, needed) - delivered);
  const pledged = Math.max(0, percentOf(group.allocated.value, needed) - delivered - committed);
  return (
    <Progress.Root size="md" aria-hidden="true" miw="6rem">
      <Progress.Section value={delivered} color="teal.9" />
      <Progress.Section value={committed} color="blue.8" />
      <Progress.Section value={pledged} color="blue.3" />
    </Progress.Root>
  );
}

function GroupTable({ groups, kind, label }: { readonly groups: readonly GroupCoverage<string>[]; readonly kind: 'sector' | 'category'; readonly label: (key: string) => string }) {
  const { t } = useTranslation(['dashboard', 'domain']);
  const format = useFormatters();
  const cell = (group: GroupCoverage<string>, measure: 'needed' | 'allocated' | 'committed' | 'delivered', figure: Figure, percent?: number | null) => (
    <Table.Td className="td-cell-right">
      <FigureLink path={`${kind}.${group.key}.${measure}`} label={t('dashboard:groupFigure', { group: label(group.key), measure: t(`domain:figure.${measure}`), value: format.eur(figure.value) })}>
        {format.eurCompact(figure.value)}
      </FigureLink>
      {percent === undefined || percent === null ? null : (
        <Text span size="xs" c="dimmed">
          {' '}
          ({format.percent(percent)})
        </Text>
      )}
    </Table.Td>
  );
  return (
    <Table.ScrollContainer minWidth="44rem">
      <Table withTableBorder striped data-groups={kind}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(kind === 'sector' ? 'dashboard:sector' : 'dashboard:category')}</Table.Th>
            <Table.Th scope="col" className="td-cell-right">
              {t('domain:figure.needed')}
            </Table.Th>
            <Table.Th scope="col" className="td-cell-right">
              {t('domain:figure.allocated')}
            </Table.Th>
            <Table.Th scope="col" className="td-cell-right">
              {t('domain:figure.committed')}
            </Table.Th>
            <Table.Th scope="col" className="td-cell-right">
              {t('domain:figure.delivered')}
            </Table.Th>
            <Table.Th scope="col">{t('dashboard:coverageBar')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.key} data-group={group.key}>
              <Table.Th scope="row">{label(group.key)}</Table.Th>
              {cell(group, 'needed', group.needed)}
              {cell(group, 'allocated', group.allocated, group.allocatedPercent)}
              {cell(group, 'committed', group.committed)}
              {cell(group, 'delivered', group.delivered, group.deliveredPercent)}
              <Table.Td>
                <CoverageBar group={group} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Legend() {
  const { t } = useTranslation('dashboard');
  const swatch = (colour: string) => <span className="td-dot" style={{ background: `var(--mantine-color-${colour})`, borderRadius: 2 }} aria-hidden="true" />;
  return (
    <Group gap="md" aria-hidden="true">
      <Group gap={6}>
        {swatch('teal-9')}
        <Text size="xs">{t('legend.delivered')}</Text>
      </Group>
      <Group gap={6}>
        {swatch('blue-8')}
        <Text size="xs">{t('legend.committed')}</Text>
      </Group>
      <Group gap={6}>
        {swatch('blue-3')}
        <Text size="xs">{t('legend.pledged')}</Text>
      </Group>
    </Group>
  );
}

export function DashboardPage() {
  const { t } = useTranslation(['dashboard', 'sections', 'domain', 'records']);
  const coordination = useCoordination();
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const dashboard = coordination.dashboard;
  const { totals } = dashboard;
  const empty = coordination.records.length === 0;

  const money = (path: string, measure: 'requested' | 'pledged' | 'committed' | 'delivered', figure: Figure, count: { path: string; figure: Figure; label: string }) => (
    <Paper withBorder p="md" radius="md" data-total={measure}>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t(`domain:figure.${measure}`)}
        </Text>
        <Text fz="1.6rem" fw={700} lh={1.2}>
          <FigureLink path={path} label={t('dashboard:totalFigure', { measure: t(`domain:figure.${measure}`), value: format.eur(figure.value) })}>
            {format.eurCompact(figure.value)}
          </FigureLink>
        </Text>
        <Text size="sm">
          <FigureLink path={count.path}>{count.label}</FigureLink>
        </Text>
      </Stack>
    </Paper>
  );

  const warningTypes = WARNING_TYPES.filter((type) => dashboard.warningCounts[type].value > 0);

  return (
    <Stack gap="xl">
      <PageHeader title={t('sections:dashboard.title')} description={t('sections:dashboard.summary')} />
      {empty ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} aria-hidden="true" />} maw="70ch" role="note">
          <Stack gap={4}>
            <Text size="sm">{t('dashboard:empty')}</Text>
            <Anchor component={Link} to="/settings" size="sm">
              {t('dashboard:emptyLink')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      <Group gap="xs">
        <Text size="sm">{t('dashboard:highestTlp')}</Text>
        <TlpBadge tlp={dashboard.highestTlp} />
        <Text size="sm" c="dimmed">
          {t('dashboard:asOf', { date: format.date(coordination.today) })}
        </Text>
      </Group>

      <DashboardSection title={t('dashboard:totals')} description={t('dashboard:totalsHelp')}>
        <div className="td-figure-cards">
          {money('total.requested', 'requested', totals.requested, { path: 'total.needs', figure: totals.needs, label: t('dashboard:needsCount', { count: totals.needs.value, formatted: format.number(totals.needs.value) }) })}
          {money('total.pledged', 'pledged', totals.pledged, { path: 'total.offers', figure: totals.offers, label: t('dashboard:offersCount', { count: totals.offers.value, formatted: format.number(totals.offers.value) }) })}
          {money('total.committed', 'committed', totals.committed, { path: 'total.committed', figure: totals.committed, label: t('dashboard:committedCount', { count: totals.committed.records.length, formatted: format.number(totals.committed.records.length) }) })}
          {money('total.delivered', 'delivered', totals.delivered, {
            path: 'total.deliveries',
            figure: totals.deliveries,
            label: t('dashboard:deliveriesCount', { count: totals.deliveries.value, formatted: format.number(totals.deliveries.value) }),
          })}
        </div>
      </DashboardSection>

      <DashboardSection title={t('dashboard:warnings')} description={t('dashboard:warningsHelp')}>
        {warningTypes.length === 0 ? (
          <Text>{t('dashboard:noWarnings')}</Text>
        ) : (
          <Stack gap="sm">
            <Group gap="sm" data-warning-counts="">
              {warningTypes.map((type) => (
                <Paper key={type} withBorder px="sm" py={6} radius="md">
                  <Group gap={6}>
                    <IconAlertTriangle size={16} aria-hidden="true" />
                    <FigureLink path={`warning.${type}`}>
                      {`${t(`domain:warning.${type}.title`)}: ${format.number(dashboard.warningCounts[type].value)}`}
                    </FigureLink>
                  </Group>
                </Paper>
              ))}
            </Group>
            <WarningsList coordination={coordination} warnings={dashboard.warnings} limit={4} />
            {dashboard.warnings.length > 4 ? (
              <Text size="sm">{t('dashboard:moreWarnings', { count: dashboard.warnings.length - 4 })}</Text>
            ) : null}
          </Stack>
        )}
      </DashboardSection>

      <DashboardSection title={t('dashboard:byState')}>
        <Group gap="lg" data-states="">
          {(['uncovered', 'partially-covered', 'covered', 'over-covered'] as const).map((state) => (
            <Stack key={state} gap={2}>
              <CoverageText state={state} />
              <Text fz="xl" fw={700}>
                <FigureLink path={`state.${state}`} label={t('dashboard:stateFigure', { state: labels.coverage(state), count: totals.byState[state].value })}>
                  {format.number(totals.byState[state].value)}
                </FigureLink>
              </Text>
            </Stack>
          ))}
        </Group>
      </DashboardSection>

      <DashboardSection title={t('dashboard:critical')} description={t('dashboard:criticalHelp')}>
        {dashboard.criticalUncovered.length === 0 ? (
          <Text>{t('dashboard:noCritical')}</Text>
        ) : (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth="48rem">
              <Table withTableBorder striped data-critical="">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('records:field.title')}</Table.Th>
                    <Table.Th scope="col">{t('records:field.priority')}</Table.Th>
                    <Table.Th scope="col">{t('records:field.deadline')}</Table.Th>
                    <Table.Th scope="col">{t('records:column.coverage')}</Table.Th>
                    <Table.Th scope="col">{t('records:field.sector')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dashboard.criticalUncovered.slice(0, 15).map((need) => (
                    <Table.Tr key={need.id} data-critical-need={need.id}>
                      <Table.Td className="td-wrap">
                        <Anchor component={Link} to={recordHref('need', need.id)}>
                          {need.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <PriorityText priority={need.priority} />
                      </Table.Td>
                      <Table.Td>
                        {need.deadline === null ? '—' : format.date(need.deadline)}
                        {need.overdue ? (
                          <Badge ml={6} size="sm" variant="filled" color="red.9" tt="none">
                            {t('records:overdue')}
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <CoverageText state={need.state} />{' '}
                        <Text span size="xs" c="dimmed">
                          {t('dashboard:ofRequested', { allocated: format.number(need.allocatedQty), requested: format.quantity(need.requestedQty, need.unit) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>{labels.sector(need.sector)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm">
              <FigureLink path="critical">{t('dashboard:allCritical', { count: dashboard.criticalUncoveredCount, formatted: format.number(dashboard.criticalUncoveredCount) })}</FigureLink>
            </Text>
          </Stack>
        )}
      </DashboardSection>

      <DashboardSection title={t('dashboard:bySector')} description={t('dashboard:groupHelp')}>
        <Legend />
        <GroupTable groups={dashboard.bySector} kind="sector" label={labels.sector} />
      </DashboardSection>

      <DashboardSection title={t('dashboard:byCategory')}>
        <Legend />
        <GroupTable groups={dashboard.byCategory} kind="category" label={labels.category} />
      </DashboardSection>

      <DashboardSection title={t('dashboard:byPartner')}>
        {dashboard.byPartner.length === 0 ? (
          <Text>{t('dashboard:noOffers')}</Text>
        ) : (
          <Table.ScrollContainer minWidth="44rem">
            <Table withTableBorder striped data-partners="">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard:partner')}</Table.Th>
                  <Table.Th scope="col" className="td-cell-right">
                    {t('domain:figure.offers')}
                  </Table.Th>
                  <Table.Th scope="col" className="td-cell-right">
                    {t('domain:figure.pledged')}
                  </Table.Th>
                  <Table.Th scope="col" className="td-cell-right">
                    {t('domain:figure.committed')}
                  </Table.Th>
                  <Table.Th scope="col" className="td-cell-right">
                    {t('domain:figure.delivered')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dashboard.byPartner.map((partner) => {
                  const name = names.plain(partner.partner);
                  const link = (measure: 'offers' | 'pledged' | 'committed' | 'delivered', text: string, value: string) => (
                    <Table.Td className="td-cell-right">
                      <FigureLink path={`partner.${partner.partner}.${measure}`} label={t('dashboard:groupFigure', { group: name, measure: t(`domain:figure.${measure}`), value })}>
                        {text}
                      </FigureLink>
                    </Table.Td>
                  );
                  return (
                    <Table.Tr key={partner.partner} data-partner={partner.partner}>
                      <Table.Th scope="row" className="td-wrap">
                        {names.name(partner.partner)}
                      </Table.Th>
                      {link('offers', format.number(partner.offers.value), format.number(partner.offers.value))}
                      {link('pledged', format.eurCompact(partner.pledged.value), format.eur(partner.pledged.value))}
                      {link('committed', format.eurCompact(partner.committed.value), format.eur(partner.committed.value))}
                      {link('delivered', format.eurCompact(partner.delivered.value), format.eur(partner.delivered.value))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </DashboardSection>
    </Stack>
  );
}
