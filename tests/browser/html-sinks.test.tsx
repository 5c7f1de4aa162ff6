/**
 * The app runs under `require-trusted-types-for 'script'; trusted-types 'none'`: any write of an HTML
 * string into the DOM throws and takes the page down (Mantine's AppShell, Grid and SimpleGrid do this,
 * which is why the shell does not use them). The test page has no CSP, so this test stands in for it:
 * it watches every HTML-string sink while a user goes through the whole app, and expects none.
 */
import type { ConflictHead } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import { createFakeVault, fakeHlc, fakeRecordView, randomChangeSetHash } from './fake-vault';
import { renderApp } from './render-app';
import { choosePassphrase, fillDelegation, heading as pageHeading, typeInto } from './vault-screens';

interface Sink {
  readonly target: object;
  readonly property: 'innerHTML' | 'outerHTML' | 'insertAdjacentHTML';
  readonly descriptor: PropertyDescriptor;
}

const writes: string[] = [];
const sinks: Sink[] = [];

function watch(target: object, property: Sink['property']): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, property);
  if (descriptor === undefined) throw new Error(`no ${property} to watch`);
  sinks.push({ target, property, descriptor });
  if (property === 'insertAdjacentHTML') {
    const original = descriptor.value as (this: Element, position: InsertPosition, html: string) => void;
    Object.defineProperty(target, property, {
      ...descriptor,
      value(this: Element, position: InsertPosition, html: string) {
        writes.push(`${this.tagName}.insertAdjacentHTML`);
        original.call(this, position, html);
      },
    });
    return;
  }
  const { set: originalSet } = Object.getOwnPropertyDescriptor(target, property) as { set?: unknown };
  if (typeof originalSet !== 'function') throw new Error(`${property} has no setter`);
  Object.defineProperty(target, property, {
    ...descriptor,
    set(this: Element, value: string) {
      writes.push(`${this.tagName}.${property}`);
      Reflect.apply(originalSet, this, [value]);
    },
  });
}

beforeEach(async () => {
  writes.length = 0;
  watch(Element.prototype, 'innerHTML');
  watch(Element.prototype, 'outerHTML');
  watch(Element.prototype, 'insertAdjacentHTML');
  await page.viewport(1280, 800);
});

afterEach(() => {
  for (const { target, property, descriptor } of sinks.splice(0)) Object.defineProperty(target, property, descriptor);
});

describe('HTML string sinks', () => {
  it('are never used, on any page, in either language or colour scheme', async () => {
    // A conflict of each kind, so the Conflicts page renders its cards, radios, JSON and tables.
    const vault = createFakeVault();
    const { delegationId, deviceId } = vault.profile;
    const at = Date.UTC(2025, 2, 4, 12, 0, 0);
    const head = (value: Json, offset: number): ConflictHead => ({
      cs: randomChangeSetHash(),
      value,
      hlc: fakeHlc(at + offset, deviceId),
      at: new Date(at + offset).toISOString(),
      device: deviceId,
      delegation: delegationId,
      delegationName: null,
    });
    const need = fakeRecordView({ kind: 'need', owner: delegationId, values: { title: '<img src=x onerror=alert(1)>' } });
    vault.seedConflict({ recordId: need.id, kind: 'need', field: 'allocations', heads: [head({ need: 'a' }, 2), head(['b'], 1)] }, need);
    vault.seedConflict({ recordId: need.id, kind: 'need', field: '_deleted', heads: [head(true, 4), head(false, 3)], unseenEdits: [{ field: 'title', head: head('x', 5) }] });
    renderApp({
      vault,
      platform: createMemoryPlatform({
        appInfo: {
          name: 'Tallinn Desk',
          version: '1.0.0',
          platform: 'electron',
          runtime: { electron: '45.5.0' },
          os: 'test',
          posture: [{ id: 'csp', state: 'on' }],
        },
      }),
    });
    const nav = page.getByRole('navigation');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.element(heading).toHaveTextContent('Dashboard');

    for (const name of ['Needs', 'Offers', 'Notes', 'Exchange', 'Conflicts', 'Delegations', 'Audit log', 'Settings', 'About']) {
      await userEvent.click(nav.getByRole('link', { name }));
      await expect.element(heading).toHaveTextContent(name);
    }
    // A record whose title is markup (deleted, in conflict): listed, and opened, as text.
    await userEvent.click(nav.getByRole('link', { name: 'Needs' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'Show deleted records' }));
    await userEvent.click(page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }));
    await expect.element(heading).toHaveTextContent('<img src=x onerror=alert(1)>');
    await userEvent.click(nav.getByRole('link', { name: 'About' }));
    await expect.element(heading).toHaveTextContent('About');
    await expect.element(page.getByRole('row', { name: /Content Security Policy/u })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Switch to dark theme' }));
    await userEvent.click(page.getByText('УКР', { exact: true }));
    await expect.element(heading).toHaveTextContent('Про програму');
    await userEvent.click(page.getByRole('button', { name: 'Увімкнути світлу тему' }));
    await userEvent.click(nav.getByRole('link', { name: 'Конфлікти' }));
    await expect.element(page.getByRole('button', { name: 'Відновити запис' })).toBeVisible();
    const main = page.getByRole('main');
    await userEvent.click(main.getByRole('radio').first());
    await userEvent.click(main.getByRole('button', { name: 'Залишити це значення' }));
    await expect.element(main.getByRole('radio')).not.toBeInTheDocument();
    await userEvent.click(nav.getByRole('link', { name: 'Панель' }));
    await expect.element(heading).toHaveTextContent('Панель');

    expect(writes).toEqual([]);
  });

  it('are never used on the vault screens: set-up, recovery sheet, unlock, recovery, settings, audit', async () => {
    const vault = createFakeVault({ state: 'empty' });
    renderApp({ vault });
    await fillDelegation();
    await choosePassphrase();
    await expect.element(page.getByRole('region', { name: 'Recovery sheet — Tallinn Desk' })).toBeVisible();
    await userEvent.click(page.getByRole('checkbox', { name: 'I have printed or written down the recovery sheet' }));
    await userEvent.click(page.getByRole('button', { name: 'Continue to Tallinn Desk' }));
    await expect.element(pageHeading()).toHaveTextContent('Dashboard');

    await userEvent.click(page.getByRole('navigation').getByRole('link', { name: 'Settings' }));
    await typeInto('Passphrase', vault.passphrase);
    await userEvent.click(page.getByRole('button', { name: 'Make a new recovery sheet' }));
    await expect.element(page.getByRole('region', { name: 'Recovery sheet — Tallinn Desk' })).toBeVisible();
    await userEvent.click(page.getByRole('navigation').getByRole('link', { name: 'Audit log' }));
    await expect.element(page.getByText('Hash chain intact')).toBeVisible();
    await userEvent.hover(page.getByRole('button', { name: 'Lock the vault' }));
    await expect.element(page.getByRole('tooltip')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Lock the vault' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Locking the vault…');

    renderApp({ vault: createFakeVault({ state: 'locked' }), language: 'uk' });
    await typeInto('Парольна фраза', 'wrong');
    await userEvent.click(page.getByRole('button', { name: 'Розблокувати', exact: true }));
    await expect.element(page.getByRole('alert')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Забули парольну фразу? Використати слова відновлення' }));
    await userEvent.click(page.getByRole('button', { name: 'Розблокувати й встановити нову парольну фразу' }));
    await expect.element(page.getByText('Введіть 24 слова відновлення.')).toBeVisible();

    expect(writes).toEqual([]);
  });

  // Visits every coordination screen with the whole demo picture: slow on a loaded 2-core machine.
  it('are never used on the coordination screens with the demo picture', async () => {
    const first = (selector: string): Element => {
      const element = document.querySelector(selector);
      if (element === null) throw new Error(`nothing matches ${selector}`);
      return element;
    };
    // The first row's own link, clicked in the page: a pointer click through Playwright needs the row
    // inside the orchestrator's viewport, which the 800-pixel frame overhangs, and this walk is about
    // HTML sinks, not pointers (the lists' own tests click rows).
    const openFirstRow = async (): Promise<void> => {
      const link = first('tbody tr[data-record] a');
      if (!(link instanceof HTMLElement)) throw new Error('the first row has no link');
      const before = document.querySelector('h1')?.textContent;
      link.click();
      await expect.poll(() => document.querySelector('h1')?.textContent).not.toBe(before);
    };
    const vault = createFakeVault({ settings: { language: 'uk' } });
    await vault.request({ cmd: 'demo-load', language: 'uk', today: '2025-03-03' });
    renderApp({ vault, language: 'uk' });
    const heading = page.getByRole('heading', { level: 1 });
    await expect.element(heading).toHaveTextContent('Панель');
    await expect.poll(() => document.querySelector('[data-figure="total.delivered"]')).not.toBeNull();
    await userEvent.click(first('[data-figure="total.delivered"]'));
    await expect.element(heading).toHaveTextContent('Записи, що стоять за показником');
    const nav = page.getByRole('navigation');
    await userEvent.click(nav.getByRole('link', { name: 'Потреби' }));
    await userEvent.click(page.getByRole('combobox', { name: 'Сектор' }));
    await userEvent.click(page.getByRole('option', { name: 'Енергетика' }));
    await expect.poll(() => document.querySelector('tbody tr[data-record] a')).not.toBeNull();
    await openFirstRow();
    await userEvent.click(page.getByRole('button', { name: 'Розподілити пропозицію' }));
    await expect.element(page.getByRole('form', { name: 'Розподіл' })).toBeVisible();
    await userEvent.click(nav.getByRole('link', { name: 'Пропозиції' }));
    await expect.poll(() => document.querySelector('tbody tr[data-record] a')).not.toBeNull();
    await openFirstRow();
    await expect.element(page.getByRole('region', { name: 'Історія' })).toBeVisible();
    await userEvent.click(nav.getByRole('link', { name: 'Нотатки' }));
    await expect.poll(() => document.querySelector('tbody tr[data-record] a')).not.toBeNull();
    await openFirstRow();
    await userEvent.click(nav.getByRole('link', { name: 'Делегації' }));
    await expect.poll(() => document.querySelector('tbody tr[data-delegation]')).not.toBeNull();
    await userEvent.click(page.getByText('EN', { exact: true }));
    await userEvent.click(nav.getByRole('link', { name: 'Offers' }));
    await userEvent.click(page.getByRole('link', { name: 'New offer' }));
    await userEvent.click(page.getByRole('button', { name: 'Make the offer' }));
    await expect.element(page.getByRole('alert')).toBeVisible();

    expect(writes).toEqual([]);
  }, 120_000);

  it('would be noticed: the watch sees a write when one happens', () => {
    const probe = document.createElement('div');
    probe.innerHTML = '<b>x</b>';
    expect(writes).toEqual(['DIV.innerHTML']);
  });
});
