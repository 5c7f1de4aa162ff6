/**
 * The frame around every page once the vault is unlocked: a header (name, language, theme, lock), the
 * section navigation and the main region. A skip link jumps past the navigation to the main region.
 */
import { Burger, NavLink } from '@mantine/core';
import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useMatch, useMatches } from 'react-router';
import { ConflictsBadge } from '../features/conflicts';
import { useUi } from './contexts';
import { HeaderBrand, LanguageSwitch, ThemeToggle } from './HeaderControls';
import { LockButton } from './LockButton';
import { isRouteHandle, SECTIONS, type Section, type SectionId } from './sections';
import { useWorkingSet } from './session';
import { useBenchApi } from './use-bench-api';
import './shell.css';

/** What a section has waiting for the user (open conflicts), shown as a badge beside its name. */
function useSectionCount(id: SectionId): number {
  const conflicts = useWorkingSet((state) => state.conflictCount);
  return id === 'conflicts' ? conflicts : 0;
}

function SectionLink({ section }: { readonly section: Section }) {
  const { t } = useTranslation('common');
  // A section stays current on its records' pages (/needs/…); the dashboard only at the root.
  const end = section.path === '/';
  const active = useMatch({ path: section.path, end }) !== null;
  const count = useSectionCount(section.id);
  const SectionIcon = section.icon;
  const label = t(`nav.${section.id}`);
  return (
    <li>
      <NavLink
        component={RouterNavLink}
        to={section.path}
        end={end}
        active={active}
        label={label}
        // The badge is hidden from assistive technology; the count is part of the link's name instead.
        aria-label={count > 0 ? t('nav.withCount', { section: label, count }) : undefined}
        leftSection={<SectionIcon size={18} stroke={1.6} aria-hidden="true" />}
        rightSection={count > 0 ? <ConflictsBadge count={count} /> : undefined}
      />
    </li>
  );
}

/** Keeps the window title in step with the page and the language. */
function DocumentTitle() {
  const { t } = useTranslation('common');
  const handle = useMatches()
    .map((match) => match.handle)
    .findLast(isRouteHandle);
  const appName = t('appName');
  const title = handle === undefined ? appName : t('documentTitle', { section: t(handle.titleKey), appName });
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}

export function Shell() {
  const { t } = useTranslation('common');
  const navbarOpen = useUi((state) => state.navbarOpen);
  const toggleNavbar = useUi((state) => state.toggleNavbar);
  const setNavbarOpen = useUi((state) => state.setNavbarOpen);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const burgerRef = useRef<HTMLButtonElement>(null);
  const navbarId = useId();
  useBenchApi();

  // On a narrow window the navigation is a drawer: close it once the user has gone somewhere.
  useEffect(() => {
    setNavbarOpen(false);
  }, [pathname, setNavbarOpen]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>): void => {
    // The hash belongs to the router here, so move focus instead of following the fragment.
    event.preventDefault();
    mainRef.current?.focus();
  };

  const closeDrawerOnEscape = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || !navbarOpen) return;
    setNavbarOpen(false);
    burgerRef.current?.focus();
  };

  return (
    <div className="td-shell" data-navbar-open={navbarOpen ? '' : undefined} onKeyDown={closeDrawerOnEscape}>
      <a className="td-skip-link" href="#main-content" onClick={skipToMain}>
        {t('skipToContent')}
      </a>
      <header className="td-header">
        <Burger
          ref={burgerRef}
          className="td-burger"
          size="sm"
          opened={navbarOpen}
          onClick={toggleNavbar}
          aria-label={navbarOpen ? t('navbar.close') : t('navbar.open')}
          aria-expanded={navbarOpen}
          aria-controls={navbarId}
        />
        <HeaderBrand />
        <div className="td-header-tools">
          <LanguageSwitch />
          <ThemeToggle />
          <LockButton />
        </div>
      </header>
      <div className="td-body">
        <nav id={navbarId} className="td-navbar" aria-label={t('nav.label')}>
          <ul className="td-nav-list">
            {SECTIONS.map((section) => (
              <SectionLink key={section.id} section={section} />
            ))}
          </ul>
        </nav>
        <main ref={mainRef} id="main-content" className="td-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <DocumentTitle />
    </div>
  );
}
