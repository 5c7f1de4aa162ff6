/**
 * The route table. Hash routing: it works on app://desk and on the local web server alike, with no
 * server rewrites and no request per navigation.
 */
import { createHashRouter, createMemoryRouter, type DataRouter, type RouteObject } from 'react-router';
import { AboutPage } from '../features/about';
import { AuditPage } from '../features/audit';
import { ConflictsPage } from '../features/conflicts';
import { DashboardPage } from '../features/dashboard';
import { DelegationDetailPage, DelegationsPage } from '../features/delegations';
import { ExchangePage } from '../features/exchange';
import { NeedDetailPage, NeedFormPage, NeedsPage } from '../features/needs';
import { NoteDetailPage, NoteFormPage, NotesPage } from '../features/notes';
import { OfferDetailPage, OfferFormPage, OffersPage } from '../features/offers';
import { FigureRecordsPage, RecordDetailPage } from '../features/records';
import { SettingsPage } from '../features/settings';
import { NotFoundPage } from './NotFoundPage';
import type { RouteHandle } from './sections';
import { Shell } from './Shell';

function handle(titleKey: RouteHandle['titleKey']): RouteHandle {
  return { titleKey };
}

export function appRoutes(): RouteObject[] {
  return [
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage />, handle: handle('nav.dashboard') },
        { path: 'needs', element: <NeedsPage />, handle: handle('nav.needs') },
        { path: 'needs/new', element: <NeedFormPage />, handle: handle('nav.needs') },
        { path: 'needs/:id', element: <NeedDetailPage />, handle: handle('nav.needs') },
        { path: 'needs/:id/edit', element: <NeedFormPage />, handle: handle('nav.needs') },
        { path: 'offers', element: <OffersPage />, handle: handle('nav.offers') },
        { path: 'offers/new', element: <OfferFormPage />, handle: handle('nav.offers') },
        { path: 'offers/:id', element: <OfferDetailPage />, handle: handle('nav.offers') },
        { path: 'offers/:id/edit', element: <OfferFormPage />, handle: handle('nav.offers') },
        { path: 'notes', element: <NotesPage />, handle: handle('nav.notes') },
        { path: 'notes/new', element: <NoteFormPage />, handle: handle('nav.notes') },
        { path: 'notes/:id', element: <NoteDetailPage />, handle: handle('nav.notes') },
        { path: 'notes/:id/edit', element: <NoteFormPage />, handle: handle('nav.notes') },
        // The records behind a dashboard figure (of any kind), and deliveries and acceptances.
        { path: 'records', element: <FigureRecordsPage />, handle: handle('nav.dashboard') },
        { path: 'records/:id', element: <RecordDetailPage />, handle: handle('nav.dashboard') },
        { path: 'exchange', element: <ExchangePage />, handle: handle('nav.exchange') },
        { path: 'conflicts', element: <ConflictsPage />, handle: handle('nav.conflicts') },
        { path: 'delegations', element: <DelegationsPage />, handle: handle('nav.delegations') },
        { path: 'delegations/:id', element: <DelegationDetailPage />, handle: handle('nav.delegations') },
        { path: 'audit', element: <AuditPage />, handle: handle('nav.audit') },
        { path: 'settings', element: <SettingsPage />, handle: handle('nav.settings') },
        { path: 'about', element: <AboutPage />, handle: handle('nav.about') },
        { path: '*', element: <NotFoundPage />, handle: handle('notFound.title') },
      ],
    },
  ];
}

export type AppRouter = DataRouter;

/**
 * The app's router: hash-based by default; in memory (`initialEntries`) for tests and previews that
 * must not touch the page's address.
 */
export function createAppRouter(options: { readonly initialEntries?: readonly string[] } = {}): AppRouter {
  if (options.initialEntries !== undefined) {
    return createMemoryRouter(appRoutes(), { initialEntries: [...options.initialEntries] });
  }
  return createHashRouter(appRoutes());
}
