/**
 * The Conflicts screen (issue #4, DESIGN.md §4): the navigation badge and its accessible name, a card per
 * conflicting field with every value and who/when, resolving with a base that names every head (by
 * mouse and by keyboard alone), the delete-versus-edit card, failures in words, Ukrainian, and record
 * text that is only ever text.
 */
import type { Conflict, ConflictHead, RecordView } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFakeVault, fakeRecordView, randomBase32Id, randomChangeSetHash, type FakeVault } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1280, 900);
});

const nav = () => page.getByRole('navigation', { name: 'Sections' });
const card = (name: string) => page.getByRole('article', { name });
const sorted = (values: readonly string[]) => [...values].sort();

/** Another workstation of our own delegation. */
const OTHER_DEVICE = randomBase32Id();
const MORNING = Date.UTC(2025, 2, 4, 8, 15, 0);
const NOON = Date.UTC(2025, 2, 4, 12, 40, 0);

function hlcText(wall: number, device: string): string {
  return `${String(wall).padStart(15, '0')}.00000.${device}`;
}

interface HeadInput {
  readonly value: Json;
  readonly wall: number;
  readonly device: string;
  readonly delegation: string;
  readonly delegationName?: string | null;
}

function head({ value, wall, device, delegation, delegationName = null }: HeadInput): ConflictHead {
  return { cs: randomChangeSetHash(), value, hlc: hlcText(wall, device), at: new Date(wall).toISOString(), device, delegation, delegationName };
}

/** A need of ours whose quantity two of our workstations changed concurrently (newest first). */
function seedQuantityConflict(vault: FakeVault, title = 'Satellite terminals for Kharkiv'): { view: RecordView; conflict: Conflict } {
  const own = vault.profile;
  const view = fakeRecordView({ kind: 'need', owner: own.delegationId, values: { title, quantity: 40, unit: 'pcs' } });
  const conflict: Conflict = {
    recordId: view.id,
    kind: 'need',
    field: 'quantity',
    heads: [
      head({ value: 40, wall: NOON, device: OTHER_DEVICE, delegation: own.delegationId, delegationName: own.name }),
      head({ value: 25, wall: MORNING, device: own.deviceId, delegation: own.delegationId, delegationName: own.name }),
    ],
  };
  vault.seedConflict(conflict, view);
  return { view, conflict };
}

/** An offer of ours deleted on one workstation while another changed its title and allocations. */
function seedDeleteConflict(vault: FakeVault): { view: RecordView; conflict: Conflict } {
  const own = vault.profile;
  const view = fakeRecordView({ kind: 'offer', owner: own.delegationId, values: { title: 'EDR licences, 500 seats' } });
  const deletion = head({ value: true, wall: NOON, device: OTHER_DEVICE, delegation: own.delegationId, delegationName: own.name });
  const kept = head({ value: false, wall: MORNING, device: own.deviceId, delegation: own.delegationId, delegationName: own.name });
  const titleEdit = head({ value: 'EDR licences, 800 seats', wall: MORNING + 60_000, device: own.deviceId, delegation: own.delegationId, delegationName: own.name });
  const allocationEdit = head({
    value: [{ need: 'ua-energy-1', quantity: 300 }],
    wall: MORNING + 120_000,
    device: own.deviceId,
    delegation: own.delegationId,
    delegationName: own.name,
  });
  const conflict: Conflict = {
    recordId: view.id,
    kind: 'offer',
    field: '_deleted',
    heads: [deletion, kept],
    unseenEdits: [
      { field: 'title', head: titleEdit },
      { field: 'allocations', head: allocationEdit },
    ],
  };
  vault.seedConflict(conflict, view);
  return { view, conflict };
}

const enTime = (ms: number) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(ms));

describe('the navigation badge', () => {
  it('shows the number of open conflicts and puts it in the link name', async () => {
    const vault = createFakeVault();
    seedQuantityConflict(vault);
    seedQuantityConflict(vault, 'Generators for Odesa');
    seedDeleteConflict(vault);
    renderApp({ vault });
    await expect.element(heading()).toHaveTextContent('Dashboard');

    const link = nav().getByRole('link', { name: 'Conflicts, 3 open', exact: true });
    await expect.element(link).toBeVisible();
    await expect.element(link).toHaveTextContent('Conflicts3');
    // The badge itself is not read out twice.
    expect(link.element().querySelector('[data-conflict-badge]')?.getAttribute('aria-hidden')).toBe('true');

    await userEvent.click(link);
    await expect.element(heading()).toHaveTextContent('Conflicts');
    await expect.poll(() => document.title).toBe('Conflicts — Tallinn Desk');
    await expect.element(page.getByText('Open conflicts: 3')).toBeVisible();
  });

  it('is absent when nothing conflicts, and the page says every replica agrees', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/conflicts' });
    await expect.element(page.getByText('No conflicts. Every replica shows the same values.')).toBeVisible();
    await expect.element(nav().getByRole('link', { name: 'Conflicts', exact: true })).toHaveAttribute('aria-current', 'page');
    expect(document.querySelector('[data-conflict-badge]')).toBeNull();
    expect(vault.callsOf('conflicts-list')).not.toHaveLength(0);
  });
});

describe('a field conflict', () => {
  it('shows every value with who wrote it, when and on which workstation, the displayed one marked', async () => {
    const vault = createFakeVault();
    const { view } = seedQuantityConflict(vault);
    renderApp({ vault, path: '/conflicts' });

    const section = page.getByRole('region', { name: 'Need: Satellite terminals for Kharkiv' });
    await expect.element(section).toBeVisible();
    await expect.element(section.getByText(`Record id: ${view.id}`)).toBeVisible();
    const quantity = card('Field “Quantity”: different values');
    await expect.element(quantity).toBeVisible();

    const group = quantity.getByRole('radiogroup', { name: 'Choose the value to keep' });
    const radios = group.getByRole('radio').elements();
    expect(radios).toHaveLength(2);
    await expect.element(group.getByRole('radio', { name: '40' })).not.toBeChecked();
    await expect.element(group.getByRole('radio', { name: '25' })).not.toBeChecked();

    const rows = quantity.element().querySelectorAll('[data-head]');
    expect(rows).toHaveLength(2);
    const [shown, other] = [...rows].map((row) => row.textContent);
    const who = `By ${vault.profile.name} (your delegation)`;
    expect(shown).toContain(who);
    expect(shown).toContain(enTime(NOON));
    expect(shown).toContain(`workstation ${OTHER_DEVICE.slice(0, 8)}…`);
    expect(shown).toContain('Shown now');
    expect(other).toContain(who);
    expect(other).toContain(enTime(MORNING));
    expect(other).toContain('this workstation');
    expect(other).not.toContain('Shown now');
    // The who/when line describes each choice for screen readers.
    await expect.element(group.getByRole('radio', { name: '25' })).toHaveAccessibleDescription(new RegExp(`this workstation`, 'u'));
  });

  it('resolves with the chosen value over every head: the card goes and the badge counts down', async () => {
    const vault = createFakeVault();
    const { conflict } = seedQuantityConflict(vault);
    seedDeleteConflict(vault);
    renderApp({ vault, path: '/conflicts' });
    await expect.element(nav().getByRole('link', { name: 'Conflicts, 2 open' })).toBeVisible();
    const quantity = card('Field “Quantity”: different values');
    const listsBefore = vault.callsOf('conflicts-list').length;

    // Nothing is chosen for the user.
    await userEvent.click(quantity.getByRole('button', { name: 'Keep this value' }));
    await expect.element(quantity.getByText('Choose one of the values first.')).toBeVisible();
    expect(vault.callsOf('conflict-resolve')).toEqual([]);

    await userEvent.click(quantity.getByRole('radio', { name: '25' }));
    await userEvent.click(quantity.getByRole('button', { name: 'Keep this value' }));

    await expect.element(quantity).not.toBeInTheDocument();
    const [call] = vault.callsOf('conflict-resolve');
    expect(call).toEqual({
      cmd: 'conflict-resolve',
      recordId: conflict.recordId,
      field: 'quantity',
      value: 25,
      base: sorted(conflict.heads.map((h) => h.cs)),
    });
    await expect.element(nav().getByRole('link', { name: 'Conflicts, 1 open' })).toBeVisible();
    await expect.element(page.getByText('Open conflicts: 1')).toBeVisible();
    expect(vault.callsOf('conflicts-list').length).toBeGreaterThan(listsBefore);
    expect(vault.records.get(conflict.recordId)?.values['quantity']).toBe(25);
    expect(vault.records.get(conflict.recordId)?.conflicts).toEqual([]);
  });

  it('can be resolved with the keyboard alone', async () => {
    const vault = createFakeVault();
    const { conflict } = seedQuantityConflict(vault);
    renderApp({ vault, path: '/conflicts' });
    const quantity = card('Field “Quantity”: different values');
    await expect.element(quantity).toBeVisible();

    (page.getByRole('button', { name: 'Refresh' }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(quantity.getByRole('radio', { name: '40' }).element());
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(quantity.getByRole('radio', { name: '25' })).toBeChecked();
    expect(document.activeElement).toBe(quantity.getByRole('radio', { name: '25' }).element());
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(quantity.getByRole('radio', { name: '40' })).toBeChecked();
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(quantity.getByRole('button', { name: 'Keep this value' }).element());
    await userEvent.keyboard('{Enter}');

    await expect.element(quantity).not.toBeInTheDocument();
    expect(vault.callsOf('conflict-resolve').map((call) => [call.value, call.base])).toEqual([[40, sorted(conflict.heads.map((h) => h.cs))]]);
    await expect.element(page.getByText('No conflicts. Every replica shows the same values.')).toBeVisible();
    // Focus did not fall back to the top of the document with the card that held it.
    await expect.poll(() => document.activeElement?.textContent).toBe('No conflicts. Every replica shows the same values.');
  });

  it('pretty-prints structured values as text', async () => {
    const vault = createFakeVault();
    const own = vault.profile;
    const view = fakeRecordView({ kind: 'offer', owner: own.delegationId, values: { title: 'Firewalls' } });
    const mine = [{ need: 'need-a', quantity: 2 }];
    const theirs = [{ need: 'need-b', quantity: 3 }];
    vault.seedConflict(
      {
        recordId: view.id,
        kind: 'offer',
        field: 'allocations',
        heads: [
          head({ value: mine, wall: NOON, device: own.deviceId, delegation: own.delegationId }),
          head({ value: theirs, wall: MORNING, device: OTHER_DEVICE, delegation: own.delegationId }),
        ],
      },
      view,
    );
    renderApp({ vault, path: '/conflicts' });
    const allocations = card('Field “Allocations”: different values');
    await expect.element(allocations.getByRole('radio', { name: 'Structured value 1, shown below' })).toBeVisible();
    const blocks = [...allocations.element().querySelectorAll('pre')].map((pre) => pre.textContent);
    expect(blocks).toEqual([JSON.stringify(mine, null, 2), JSON.stringify(theirs, null, 2)]);
    // Without a name on the heads, our own delegation is named from the profile.
    await expect.element(allocations.getByText(`By ${own.name} (your delegation)`, { exact: false }).first()).toBeVisible();
  });

  it('shows a busy state while saving and a failure in words, keeping the card', async () => {
    const vault = createFakeVault();
    seedQuantityConflict(vault);
    renderApp({ vault, path: '/conflicts' });
    const quantity = card('Field “Quantity”: different values');
    await userEvent.click(quantity.getByRole('radio', { name: '40' }));

    const release = vault.hold('conflict-resolve');
    await userEvent.click(quantity.getByRole('button', { name: 'Keep this value' }));
    await expect.element(quantity.getByText('Saving your choice…')).toBeVisible();
    await expect.element(quantity.getByRole('button', { name: 'Keep this value' })).toBeDisabled();
    vault.failNext('conflict-resolve', 'write-refused');
    release();

    await expect.element(quantity.getByRole('alert')).toHaveTextContent(/The vault refused this change/u);
    await expect.element(quantity.getByRole('button', { name: 'Keep this value' })).toBeEnabled();
    await expect.element(quantity.getByText('Saving your choice…')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/forced failure|Error:|at \w+ \(/u);
    await expect.element(nav().getByRole('link', { name: 'Conflicts, 1 open' })).toBeVisible();
  });

  it('is shown read-only on a record another delegation owns', async () => {
    const vault = createFakeVault();
    const owner = randomBase32Id();
    const view = fakeRecordView({ kind: 'need', owner, values: { title: 'Firewalls for Lviv' } });
    vault.seedConflict(
      {
        recordId: view.id,
        kind: 'need',
        field: 'priority',
        heads: [
          head({ value: 'critical', wall: NOON, device: randomBase32Id(), delegation: owner, delegationName: 'Ukraine — SSSCIP' }),
          head({ value: 'high', wall: MORNING, device: randomBase32Id(), delegation: owner, delegationName: 'Ukraine — SSSCIP' }),
        ],
      },
      view,
    );
    renderApp({ vault, path: '/conflicts' });
    const priority = card('Field “Priority”: different values');
    await expect.element(priority.getByText('critical')).toBeVisible();
    await expect.element(priority.getByText(/^Only Ukraine — SSSCIP can resolve this conflict/u)).toBeVisible();
    expect(priority.getByRole('radio').elements()).toHaveLength(0);
    expect(priority.getByRole('button').elements()).toHaveLength(0);
  });
});

describe('a delete concurrent with edits', () => {
  for (const [button, value] of [
    ['Keep deleted', true],
    ['Restore the record', false],
  ] as const) {
    it(`offers “${button}”, naming every head and every unseen edit in the base`, async () => {
      const vault = createFakeVault();
      const { conflict, view } = seedDeleteConflict(vault);
      renderApp({ vault, path: '/conflicts' });
      await expect.element(page.getByRole('region', { name: 'Offer: EDR licences, 500 seats' })).toBeVisible();
      const deleted = card('Deleted while it was being edited');
      await expect.element(deleted).toBeVisible();
      await expect.element(deleted.getByText(`Deleted by ${vault.profile.name} (your delegation)`, { exact: false })).toHaveTextContent(enTime(NOON));

      const edits = deleted.getByRole('table', { name: 'Changes the deletion did not see' });
      await expect.element(edits.getByRole('row', { name: /^Title EDR licences, 800 seats/u })).toBeVisible();
      await expect.element(edits.getByRole('row', { name: /^Allocations/u })).toHaveTextContent(/"quantity": 300/u);

      await userEvent.click(deleted.getByRole('button', { name: button }));
      await expect.element(deleted).not.toBeInTheDocument();
      const edited = (conflict.unseenEdits ?? []).map((edit) => edit.head.cs);
      expect(vault.callsOf('conflict-resolve')).toEqual([
        { cmd: 'conflict-resolve', recordId: view.id, field: '_deleted', value, base: sorted([...conflict.heads.map((h) => h.cs), ...edited]) },
      ]);
      expect(vault.records.get(view.id)?.deleted).toBe(value);
      expect(vault.records.get(view.id)?.deleteConflict).toBe(false);
      await expect.element(nav().getByRole('link', { name: 'Conflicts', exact: true })).toBeVisible();
    });
  }
});

describe('loading', () => {
  it('says so when the conflicts cannot be read, and reads them again on request', async () => {
    const vault = createFakeVault();
    seedQuantityConflict(vault);
    renderApp({ vault, path: '/conflicts' });
    await expect.element(card('Field “Quantity”: different values')).toBeVisible();
    vault.failNext('conflicts-list', 'vault-corrupt');
    await userEvent.click(page.getByRole('button', { name: 'Refresh' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('The conflicts could not be read.');
    await expect.element(page.getByRole('alert')).toHaveTextContent('Part of the vault is damaged or was altered and cannot be read.');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.element(card('Field “Quantity”: different values')).toBeVisible();
  });
});

describe('in Ukrainian', () => {
  it('shows the badge, the cards and the times in Ukrainian', async () => {
    const vault = createFakeVault({ settings: { language: 'uk' } });
    seedQuantityConflict(vault);
    seedDeleteConflict(vault);
    renderApp({ vault, language: 'uk', path: '/conflicts' });
    await expect.element(heading()).toHaveTextContent('Конфлікти');
    await expect.element(page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Конфлікти, відкритих: 2' })).toBeVisible();
    await expect.element(page.getByText('Відкритих конфліктів: 2')).toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Потреба: Satellite terminals for Kharkiv' })).toBeVisible();
    const quantity = card('Поле «Кількість»: різні значення');
    await expect.element(quantity.getByRole('radiogroup', { name: 'Оберіть значення, яке залишити' })).toBeVisible();
    await expect.element(quantity.getByRole('button', { name: 'Залишити це значення' })).toBeVisible();
    await expect.element(quantity.getByText('Показано зараз')).toBeVisible();
    const ukTime = new Intl.DateTimeFormat('uk', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(NOON));
    expect(quantity.element().textContent).toContain(ukTime);
    expect(quantity.element().textContent).toContain('ця робоча станція');
    const deleted = card('Видалено під час редагування');
    await expect.element(deleted.getByRole('button', { name: 'Залишити видаленим' })).toBeVisible();
    await expect.element(deleted.getByRole('button', { name: 'Відновити запис' })).toBeVisible();
    await expect.element(deleted.getByRole('table', { name: 'Зміни, яких не бачило видалення' })).toBeVisible();
  });
});

describe('record text', () => {
  it('is shown as literal text, never as HTML', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const vault = createFakeVault();
    const own = vault.profile;
    const view = fakeRecordView({ kind: 'need', owner: own.delegationId, values: { title: hostile } });
    vault.seedConflict(
      {
        recordId: view.id,
        kind: 'need',
        field: 'description',
        heads: [
          head({ value: `${hostile} first`, wall: NOON, device: OTHER_DEVICE, delegation: own.delegationId, delegationName: '<b>bold</b>' }),
          head({ value: { html: hostile }, wall: MORNING, device: own.deviceId, delegation: own.delegationId }),
        ],
      },
      view,
    );
    renderApp({ vault, path: '/conflicts' });
    const description = card('Field “Description”: different values');
    await expect.element(description).toBeVisible();
    await expect.element(page.getByRole('heading', { level: 2, name: `Need: ${hostile}` })).toBeVisible();
    await expect.element(description.getByRole('radio', { name: `${hostile} first` })).toBeVisible();
    await expect.element(description.getByText('By <b>bold</b>', { exact: false })).toBeVisible();
    expect(description.element().querySelector('pre')?.textContent).toContain(hostile);
    const main = page.getByRole('main').element();
    expect(main.querySelector('img')).toBeNull();
    expect(main.querySelector('b')).toBeNull();
  });
});

describe('the fake vault', () => {
  it('writes records under ids it mints for our delegation and answers with their views', async () => {
    const vault = createFakeVault();
    const { records, written } = await vault.request({
      cmd: 'records-write',
      edits: [{ kind: 'need', tlp: 'AMBER', ops: [{ field: 'title', value: 'Training for CERT-UA' }] }],
    });
    expect(written).toBe(1);
    const [view] = records;
    expect(view?.id).toMatch(new RegExp(`^${vault.profile.delegationId}-[a-z2-7]{26}$`, 'u'));
    expect(view).toMatchObject({ kind: 'need', owner: vault.profile.delegationId, tlp: 'AMBER', deleted: false, values: { title: 'Training for CERT-UA' } });
    const { entries } = await vault.request({ cmd: 'record-history', recordId: view?.id ?? '' });
    expect(entries.map((entry) => entry.ops)).toEqual([[{ field: 'title', value: 'Training for CERT-UA' }]]);
    const status = await vault.request({ cmd: 'sync-status' });
    expect(status.versionVector).toEqual({ [vault.profile.deviceId]: 1 });

    const foreign = fakeRecordView({ kind: 'need' });
    const other = createFakeVault({ records: [foreign] });
    await expect(
      other.request({ cmd: 'records-write', edits: [{ record: foreign.id, kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }] }),
    ).rejects.toMatchObject({ code: 'write-refused' });
  });
});
