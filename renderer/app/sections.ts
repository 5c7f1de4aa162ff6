/** The sections of the app, in navigation order. Routes and the navbar are built from this list. */
import {
  IconArrowsExchange,
  IconClipboardList,
  IconGitMerge,
  IconGift,
  IconHistory,
  IconInfoCircle,
  IconLayoutDashboard,
  IconNotes,
  IconSettings,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

export type SectionId =
  | 'dashboard'
  | 'needs'
  | 'offers'
  | 'notes'
  | 'exchange'
  | 'conflicts'
  | 'delegations'
  | 'audit'
  | 'settings'
  | 'about';

export interface Section {
  readonly id: SectionId;
  /** Absolute path inside the hash router. */
  readonly path: string;
  readonly icon: Icon;
}

export const SECTIONS: readonly Section[] = [
  { id: 'dashboard', path: '/', icon: IconLayoutDashboard },
  { id: 'needs', path: '/needs', icon: IconClipboardList },
  { id: 'offers', path: '/offers', icon: IconGift },
  { id: 'notes', path: '/notes', icon: IconNotes },
  { id: 'exchange', path: '/exchange', icon: IconArrowsExchange },
  { id: 'conflicts', path: '/conflicts', icon: IconGitMerge },
  { id: 'delegations', path: '/delegations', icon: IconUsersGroup },
  { id: 'audit', path: '/audit', icon: IconHistory },
  { id: 'settings', path: '/settings', icon: IconSettings },
  { id: 'about', path: '/about', icon: IconInfoCircle },
];

/** What a route tells the shell about itself (react-router's `handle`). */
export interface RouteHandle {
  /** Key in the `common` namespace of the page's name, for the document title. */
  readonly titleKey: `nav.${SectionId}` | 'notFound.title';
}

export function isRouteHandle(value: unknown): value is RouteHandle {
  return typeof value === 'object' && value !== null && typeof (value as { titleKey?: unknown }).titleKey === 'string';
}
