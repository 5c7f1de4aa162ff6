/**
 * The app shell as a user meets it: sections, language, theme, the About screen, the way back from a
 * wrong address, and the keyboard paths (skip link, language switch, navigation drawer).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { detectLanguage } from '../../renderer/app/ui-store';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import type { AppInfo, DeskApi } from '../../renderer/platform/types';
import { renderApp } from './render-app';

const heading = () => page.getByRole('heading', { level: 1 });
const nav = () => page.getByRole('navigation', { name: 'Sections' });
/** The navigation landmark even while it is hidden (to assert that it is). */
const anyNav = () => page.getByRole('navigation', { name: 'Sections', includeHidden: true });

// A desktop-sized window unless a test says otherwise (vitest's default viewport is a phone's).
beforeEach(async () => {
  await page.viewport(1280, 800);
});
const colorScheme = () => document.documentElement.getAttribute('data-mantine-color-scheme');

describe('navigation', () => {
  const sections = ['Needs', 'Offers', 'Notes', 'Exchange', 'Conflicts', 'Delegations', 'Audit log', 'Settings', 'About', 'Dashboard'] as const;

  it('opens each section from the navbar, marks it current and names it in the window title', async () => {
    renderApp();
    await expect.element(heading()).toHaveTextContent('Dashboard');
    expect(document.title).toBe('Dashboard — Tallinn Desk');

    for (const link of sections) {
      await userEvent.click(nav().getByRole('link', { name: link, exact: true }));
      await expect.element(heading()).toHaveTextContent(new RegExp(`^${link}$`, 'u'));
      await expect.element(nav().getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect.poll(() => document.title).toBe(`${link} — Tallinn Desk`);
      // Exactly one section is current at a time.
      expect(nav().getByRole('link').elements().filter((a) => a.getAttribute('aria-current') === 'page')).toHaveLength(1);
    }
  });

  it('routes through the URL hash, as on app://desk and the local web server', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    try {
      renderApp({ hashRouter: true });
      await userEvent.click(nav().getByRole('link', { name: 'Offers' }));
      await expect.element(heading()).toHaveTextContent('Offers');
      expect(location.hash).toBe('#/offers');
    } finally {
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    }
  });

  it('says so at an unknown address and leads back to the dashboard', async () => {
    renderApp({ path: '/no/such/section' });
    await expect.element(heading()).toHaveTextContent('Page not found');
    await userEvent.click(page.getByRole('link', { name: 'Go to the dashboard' }));
    await expect.element(heading()).toHaveTextContent('Dashboard');
  });

  it('has a skip link that moves keyboard focus past the navigation to the main content', async () => {
    renderApp({ path: '/needs' });
    await expect.element(heading()).toHaveTextContent('Needs');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    (skip.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(page.getByRole('main').element());
    // The router did not take the fragment for a route.
    await expect.element(heading()).toHaveTextContent('Needs');
  });

  describe('on a narrow window', () => {
    it('hides the sections behind a menu button that opens, closes on Escape and after choosing', async () => {
      await page.viewport(600, 800);
      renderApp();
      const menu = page.getByRole('button', { name: 'Open navigation' });
      await expect.element(menu).toBeVisible();
      await expect.element(menu).toHaveAttribute('aria-expanded', 'false');
      await expect.element(anyNav()).not.toBeVisible();

      await userEvent.click(menu);
      await expect.element(nav()).toBeVisible();
      await expect.element(page.getByRole('button', { name: 'Close navigation' })).toHaveAttribute('aria-expanded', 'true');

      await userEvent.keyboard('{Escape}');
      await expect.element(anyNav()).not.toBeVisible();

      await userEvent.click(page.getByRole('button', { name: 'Open navigation' }));
      await userEvent.click(nav().getByRole('link', { name: 'Delegations' }));
      await expect.element(heading()).toHaveTextContent('Delegations');
      await expect.element(anyNav()).not.toBeVisible();
    });
  });
});

describe('language', () => {
  it('switches the whole interface to Ukrainian and marks the document language', async () => {
    renderApp({ path: '/needs' });
    await expect.element(heading()).toHaveTextContent('Needs');
    expect(document.documentElement.lang).toBe('en');

    await userEvent.click(page.getByText('УКР', { exact: true }));
    await expect.element(heading()).toHaveTextContent('Потреби');
    expect(document.documentElement.lang).toBe('uk');
    await expect.element(page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Журнал аудиту' })).toBeVisible();
    await expect.element(page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Конфлікти' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Увімкнути темну тему' })).toBeVisible();
    await expect.poll(() => document.title).toBe('Потреби — Tallinn Desk');
    await expect.element(page.getByRole('radiogroup', { name: 'Мова інтерфейсу' })).toBeVisible();
  });

  it('can be switched with the keyboard alone', async () => {
    renderApp();
    await expect.element(heading()).toHaveTextContent('Dashboard');
    const english = page.getByRole('radio', { name: 'English' });
    await expect.element(english).toBeChecked();
    (english.element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(heading()).toHaveTextContent('Панель');
    await expect.element(page.getByRole('radio', { name: 'Українська' })).toBeChecked();
    await userEvent.keyboard('{ArrowLeft}');
    await expect.element(heading()).toHaveTextContent('Dashboard');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts in Ukrainian only when the system language is Ukrainian', () => {
    expect(detectLanguage('uk')).toBe('uk');
    expect(detectLanguage('uk-UA')).toBe('uk');
    expect(detectLanguage('en-GB')).toBe('en');
    expect(detectLanguage('ru-RU')).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
  });
});

describe('theme', () => {
  it('flips between light and dark from the header button', async () => {
    renderApp();
    await expect.poll(colorScheme).toBe('light');
    const bodyColor = () => getComputedStyle(document.body).backgroundColor;
    const light = bodyColor();

    await userEvent.click(page.getByRole('button', { name: 'Switch to dark theme' }));
    await expect.poll(colorScheme).toBe('dark');
    expect(bodyColor()).not.toBe(light);

    await userEvent.click(page.getByRole('button', { name: 'Switch to light theme' }));
    await expect.poll(colorScheme).toBe('light');
    expect(bodyColor()).toBe(light);
  });

  it('starts in the colour scheme it is given', async () => {
    renderApp({ colorScheme: 'dark' });
    await expect.poll(colorScheme).toBe('dark');
    await expect.element(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  });
});

describe('About', () => {
  const info: AppInfo = {
    name: 'Tallinn Desk',
    version: '9.8.7-test',
    platform: 'electron',
    runtime: { electron: '45.5.0', chrome: '140.0.7339.41', node: '22.19.0' },
    os: 'Testing OS 12',
    posture: [
      { id: 'csp', state: 'on' },
      { id: 'fuses', state: 'off' },
      { id: 'single-instance', state: 'n/a' },
    ],
  };

  const row = (label: string) => page.getByRole('row', { name: new RegExp(`^${label}`, 'u') });

  it('shows what the platform reports: version, platform, runtime and the posture item by item', async () => {
    renderApp({ path: '/about', platform: createMemoryPlatform({ appInfo: info }) });
    await expect.element(heading()).toHaveTextContent('About');

    await expect.element(row('Version')).toHaveTextContent('9.8.7-test');
    await expect.element(row('Platform')).toHaveTextContent('Desktop application (Electron)');
    await expect.element(row('Operating system')).toHaveTextContent('Testing OS 12');
    await expect.element(row('Runtime versions')).toHaveTextContent('electron 45.5.0');
    await expect.element(row('Runtime versions')).toHaveTextContent('node 22.19.0');

    const posture = page.getByRole('table', { name: 'Security posture' });
    await expect.element(posture.getByRole('row', { name: 'Content Security Policy' })).toHaveTextContent('In force');
    await expect.element(posture.getByRole('row', { name: 'Electron fuses hardened' })).toHaveTextContent('Not in force');
    await expect.element(posture.getByRole('row', { name: 'Only one copy of the app can run' })).toHaveTextContent('Not applicable');
    // Only what was reported: a header row and three items, nothing assumed.
    expect(posture.getByRole('row').elements()).toHaveLength(4);
    await expect.element(page.getByText(/Context isolation/u)).not.toBeInTheDocument();

    await expect.element(page.getByText(/full-disk encryption on and hibernation off/u)).toBeVisible();
    await expect.element(page.getByText(/TLP is a sharing policy, not a cryptographic guarantee/u)).toBeVisible();
  });

  it('shows the posture in Ukrainian after switching language', async () => {
    renderApp({ path: '/about', platform: createMemoryPlatform({ appInfo: info }) });
    await expect.element(page.getByRole('row', { name: 'Content Security Policy' })).toBeVisible();
    await userEvent.click(page.getByText('УКР', { exact: true }));
    const posture = page.getByRole('table', { name: 'Стан захисту' });
    await expect.element(posture.getByRole('row', { name: 'Політика безпеки вмісту (CSP)' })).toHaveTextContent('Діє');
    await expect.element(posture.getByRole('row', { name: 'Запобіжники Electron (fuses) посилено' })).toHaveTextContent('Не діє');
    await expect.element(page.getByText(/TLP — це політика поширення/u)).toBeVisible();
  });

  it('says so when the platform cannot answer, and still shows the reminders', async () => {
    const failing: DeskApi = {
      ...createMemoryPlatform(),
      appInfo: () => Promise.reject(new Error('bridge is gone')),
    };
    renderApp({ path: '/about', platform: failing });
    await expect.element(page.getByRole('alert')).toHaveTextContent('Could not read application information.');
    await expect.element(page.getByRole('table', { name: 'Security posture' })).not.toBeInTheDocument();
    await expect.element(page.getByText(/full-disk encryption on and hibernation off/u)).toBeVisible();
  });
});
