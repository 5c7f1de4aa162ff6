/**
 * Small markers of a record's state. In tables a coloured dot beside ordinary text (the text keeps the
 * page's contrast in both themes); in a record's header, filled badges in dark shades. TLP labels follow
 * FIRST's TLP 2.0 colours: coloured text on black.
 */
import { Badge } from '@mantine/core';
import { useDomainLabels } from './labels';

const PRIORITY_COLOURS: Readonly<Record<string, string>> = { critical: 'red.9', high: 'grape.9', medium: 'blue.9', low: 'gray.7' };
const COVERAGE_COLOURS: Readonly<Record<string, string>> = {
  uncovered: 'red.9',
  'partially-covered': 'indigo.9',
  covered: 'teal.9',
  'over-covered': 'grape.9',
};

function cssColour(colour: string | undefined): string {
  if (colour === undefined) return 'var(--mantine-color-gray-6)';
  const [name, shade] = colour.split('.');
  return `var(--mantine-color-${name ?? 'gray'}-${shade ?? '6'})`;
}

/** Text with a coloured dot before it (the colour is decoration; the text says it all). */
export function Dot({ colour, children }: { readonly colour: string | undefined; readonly children: string }) {
  return (
    <span className="td-dot-label">
      <span className="td-dot" style={{ background: cssColour(colour) }} aria-hidden="true" />
      {children}
    </span>
  );
}

export function PriorityText({ priority }: { readonly priority: string }) {
  const labels = useDomainLabels();
  return <Dot colour={PRIORITY_COLOURS[priority]}>{labels.priority(priority)}</Dot>;
}

export function CoverageText({ state }: { readonly state: string | null }) {
  const labels = useDomainLabels();
  if (state === null) return null;
  return <Dot colour={COVERAGE_COLOURS[state]}>{labels.coverage(state)}</Dot>;
}

export function PriorityBadge({ priority }: { readonly priority: string }) {
  const labels = useDomainLabels();
  return (
    <Badge variant="filled" color={PRIORITY_COLOURS[priority] ?? 'gray.7'} tt="none" data-priority={priority}>
      {labels.priority(priority)}
    </Badge>
  );
}

export function CoverageBadge({ state }: { readonly state: string }) {
  const labels = useDomainLabels();
  return (
    <Badge variant="filled" color={COVERAGE_COLOURS[state] ?? 'gray.7'} tt="none" data-coverage={state}>
      {labels.coverage(state)}
    </Badge>
  );
}

export function StatusBadge({ kind, status }: { readonly kind: string; readonly status: string }) {
  const labels = useDomainLabels();
  const closed = status === 'withdrawn' || status === 'cancelled' || status === 'closed';
  return (
    <Badge variant={closed ? 'filled' : 'outline'} color={closed ? 'gray.7' : 'blue.9'} tt="none" data-status={status}>
      {labels.status(kind, status)}
    </Badge>
  );
}

const TLP_TEXT: Readonly<Record<string, string>> = {
  CLEAR: '#ffffff',
  GREEN: '#33ff00',
  AMBER: '#ffc000',
  'AMBER+STRICT': '#ffc000',
  RED: '#ff2b2b',
};

export function TlpBadge({ tlp }: { readonly tlp: string }) {
  const labels = useDomainLabels();
  return (
    <Badge variant="filled" color="dark.9" tt="none" radius="xs" style={{ color: TLP_TEXT[tlp] ?? '#ffffff' }} title={labels.tlpDescription(tlp)} data-tlp={tlp}>
      {labels.tlp(tlp)}
    </Badge>
  );
}

export function MarkerBadge({ children, tone = 'warning' }: { readonly children: string; readonly tone?: 'warning' | 'neutral' }) {
  return (
    <Badge variant="filled" color={tone === 'warning' ? 'red.9' : 'gray.7'} tt="none">
      {children}
    </Badge>
  );
}
