/**
 * The shell as a delegate meets it in a browser: every section reachable by mouse and keyboard, in
 * English and Ukrainian, served under the app's CSP, never reaching outside its own origin.
 */
import { SECTIONS, expect, openApp, test } from './fixtures';

test('serves every page under the CSP with a fresh nonce', async ({ request }) => {
  const first = await request.get('/index.html');
  const second = await request.get('/index.html');
  expect(first.status()).toBe(200);
  const csp = first.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("require-trusted-types-for 'script'");
  const nonce = /'nonce-([^']+)'/u.exec(csp)?.[1];
  const secondNonce = /'nonce-([^']+)'/u.exec(second.headers()['content-security-policy'] ?? '')?.[1];
  expect(nonce).toBeTruthy();
  expect(secondNonce).not.toBe(nonce);
  const body = await first.text();
  expect(body).toContain(`nonce="${nonce ?? ''}"`);
  expect(body).not.toContain('__TALLINN_DESK_CSP_NONCE__');
  expect((await request.get('/../../etc/passwd')).status()).toBe(404);
});

test('visits every section without leaving the app or breaking the CSP', async ({ page, walls }) => {
  await openApp(page);
  const nav = page.getByRole('navigation');
  for (const section of SECTIONS) {
    await nav.getByRole('link', { name: section.en, exact: true }).click();
    await expect(page.locator('h1')).toHaveText(section.en);
    await expect(page).toHaveURL(new RegExp(`#${section.path}$`, 'u'));
  }
  expect(walls.foreignRequests).toEqual([]);
  expect(await walls.violations()).toEqual([]);
  expect(walls.consoleErrors).toEqual([]);
});

test('switches the language of every visible text and saves screenshots of both', async ({ page, walls }, testInfo) => {
  await openApp(page, '/needs');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: testInfo.outputPath('shell-en.png'), fullPage: true });

  await page.getByRole('radio', { name: 'Українська' }).check({ force: true });
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.locator('h1')).toHaveText('Потреби');
  const nav = page.getByRole('navigation');
  for (const section of SECTIONS) {
    await expect(nav.getByRole('link', { name: section.uk, exact: true })).toBeVisible();
  }
  await expect(page).toHaveTitle(/Tallinn Desk/u);
  await page.screenshot({ path: testInfo.outputPath('shell-uk.png'), fullPage: true });
  await testInfo.attach('shell-en', { path: testInfo.outputPath('shell-en.png'), contentType: 'image/png' });
  await testInfo.attach('shell-uk', { path: testInfo.outputPath('shell-uk.png'), contentType: 'image/png' });

  await page.getByRole('radio', { name: 'English' }).check({ force: true });
  await expect(page.locator('h1')).toHaveText('Needs');
  expect(await walls.violations()).toEqual([]);
});

test('is usable with the keyboard alone', async ({ page }) => {
  await openApp(page);
  // Tab from the top of the document: the app may have moved focus to the page it just opened (after
  // the set-up), and under load that can land before or after this line. Blurring alone is not enough:
  // Chromium keeps its sequential focus navigation starting point where the focus was, so the next Tab
  // would continue from there. Focusing the body moves that starting point to the top.
  // Under load the app's own focus move can still arrive after the reset, so the reset and the first Tab
  // are retried together until the first Tab lands on the skip link.
  await expect(page.locator('main')).toBeVisible();
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(async () => {
    await page.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // From the top of the page (the skip link comes first), Tab reaches the Offers link within a bounded
  // number of steps: the navigation comes before the page's content, however many links it holds.
  await skip.focus();
  const offers = page.getByRole('navigation').getByRole('link', { name: 'Offers', exact: true });
  for (let presses = 0; presses < 30 && !(await offers.evaluate((el) => el === document.activeElement)); presses += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(offers).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('Offers');
  await expect(offers).toHaveAttribute('aria-current', 'page');

  // The theme toggle answers the keyboard too.
  const toggle = page.getByRole('button', { name: /dark theme|light theme/iu });
  const before = await page.locator('html').getAttribute('data-mantine-color-scheme');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).not.toHaveAttribute('data-mantine-color-scheme', before ?? '');
});

test('shows an unknown address as not found, with a way back', async ({ page }) => {
  await openApp(page, '/no-such-place');
  await expect(page.locator('h1')).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the dashboard' }).click();
  await expect(page.locator('h1')).toHaveText('Dashboard');
});

test('shows the security posture on the About screen', async ({ page }) => {
  await openApp(page, '/about');
  await expect(page.getByText('Content Security Policy')).toBeVisible();
  await expect(page.getByText(/full-disk encryption/iu)).toBeVisible();
});
