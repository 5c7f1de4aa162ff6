/**
 * Locking (DESIGN.md §2, §6): from the header button, with Ctrl+L / ⌘L, after the idle time of the
 * settings (on a fake clock), when the platform reports an OS lock, and when the worker dies. Locking
 * always asks the worker to lock, terminates it, and reloads the page.
 */
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { useIdleLock, type Clock } from '../../renderer/app/session';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import { createFakeClock } from './fake-clock';
import { createFakeVault, type FakeVault } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1280, 800);
});

async function expectLocked(vault: FakeVault, reloads: () => number): Promise<void> {
  await expect.poll(reloads).toBe(1);
  expect(vault.callsOf('lock')).toHaveLength(1);
  expect(vault.terminated).toBe(true);
  expect(vault.state).toBe('locked');
}

describe('locking on demand', () => {
  it('locks from the header button, which names its keyboard shortcut', async () => {
    const vault = createFakeVault();
    const { reloads } = renderApp({ vault });
    const button = page.getByRole('button', { name: 'Lock the vault' });
    await expect.element(button).toHaveAttribute('aria-keyshortcuts', 'Control+L Meta+L');
    await userEvent.hover(button);
    await expect.element(page.getByRole('tooltip')).toHaveTextContent('Lock the vault (Ctrl+L)');
    await userEvent.click(button);
    await expectLocked(vault, reloads);
    await expect.element(page.getByRole('status')).toHaveTextContent('Locking the vault…');
  });

  it('locks on Ctrl+L, whatever the keyboard layout', async () => {
    const vault = createFakeVault();
    const { reloads } = renderApp({ vault, path: '/needs' });
    await expect.element(heading()).toHaveTextContent('Needs');
    // With the Ukrainian layout the L key types «д»; the shortcut follows the key, not the letter.
    const event = new KeyboardEvent('keydown', { key: 'д', code: 'KeyL', ctrlKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await expectLocked(vault, reloads);
  });

  it('locks with ⌘L too, and ignores L alone or with other modifiers', async () => {
    const vault = createFakeVault();
    const { reloads } = renderApp({ vault });
    await expect.element(heading()).toHaveTextContent('Dashboard');
    await userEvent.keyboard('l');
    await userEvent.keyboard('{Control>}{Shift>}l{/Shift}{/Control}');
    expect(vault.callsOf('lock')).toEqual([]);
    await userEvent.keyboard('{Meta>}l{/Meta}');
    await expectLocked(vault, reloads);
  });

  it('still terminates and reloads when the worker does not confirm', async () => {
    const vault = createFakeVault();
    vault.failNext('lock', 'internal');
    const { reloads } = renderApp({ vault });
    await userEvent.click(page.getByRole('button', { name: 'Lock the vault' }));
    await expect.poll(reloads).toBe(1);
    expect(vault.terminated).toBe(true);
  });

  it('locks when the worker dies under the unlocked app', async () => {
    const vault = createFakeVault();
    const { reloads } = renderApp({ vault, path: '/audit' });
    await expect.element(heading()).toHaveTextContent('Audit log');
    vault.failNext('audit-list', 'worker-failed');
    await userEvent.click(page.getByRole('button', { name: 'Refresh' }));
    await expect.poll(reloads).toBe(1);
    expect(vault.terminated).toBe(true);
  });
});

describe('locking by itself', () => {
  it('locks after the idle time of the settings; any input starts the wait again', async () => {
    const clock = createFakeClock();
    const vault = createFakeVault({ settings: { idleLockMinutes: 1 } });
    const { reloads } = renderApp({ vault, clock });
    await expect.element(heading()).toHaveTextContent('Dashboard');
    await expect.poll(() => clock.pending).toBeGreaterThan(0);

    clock.advance(59_000);
    expect(vault.callsOf('lock')).toEqual([]);
    await userEvent.keyboard('{Shift}');
    clock.advance(59_000);
    expect(vault.callsOf('lock')).toEqual([]);
    window.dispatchEvent(new WheelEvent('wheel'));
    clock.advance(59_000);
    expect(vault.callsOf('lock')).toEqual([]);
    clock.advance(1_000);
    await expectLocked(vault, reloads);
  });

  it('follows a change of the idle time made in the settings, and tells the platform', async () => {
    const clock = createFakeClock();
    const platform = createMemoryPlatform();
    const vault = createFakeVault({ settings: { idleLockMinutes: 30 } });
    const { reloads } = renderApp({ vault, clock, platform, path: '/settings' });
    // StrictMode runs the effect twice; what matters is the value the platform holds last.
    await expect.poll(() => platform.idleLockMinutes.at(-1)).toBe(30);
    const minutes = page.getByRole('textbox', { name: 'Lock after this many minutes without input' });
    await userEvent.fill(minutes, '2');
    await userEvent.click(page.getByRole('button', { name: 'Save' }));
    await expect.element(page.getByText('Saved: the vault locks after 2 min without input.')).toBeVisible();
    await expect.poll(() => platform.idleLockMinutes.at(-1)).toBe(2);
    clock.advance(119_999);
    expect(vault.callsOf('lock')).toEqual([]);
    clock.advance(1);
    await expectLocked(vault, reloads);
  });

  it('locks when the platform reports that the OS locked the screen', async () => {
    const platform = createMemoryPlatform();
    const vault = createFakeVault();
    const { reloads } = renderApp({ vault, platform });
    await expect.element(heading()).toHaveTextContent('Dashboard');
    await expect.poll(() => platform.lockListenerCount).toBe(1);
    platform.emitLock('screen-locked');
    await expectLocked(vault, reloads);
    // A second signal while locking changes nothing.
    platform.emitLock('suspend');
    expect(vault.callsOf('lock')).toHaveLength(1);
  });
});

function IdleProbe({ clock, onIdle, target }: { clock: Clock; onIdle: () => void; target: EventTarget }) {
  useIdleLock({ minutes: 2, onIdle, clock, target });
  return null;
}

describe('useIdleLock', () => {
  it('fires once after the idle time, and not at all once unmounted', async () => {
    const clock = createFakeClock();
    const onIdle = vi.fn();
    const target = new EventTarget();
    const container = document.createElement('div');
    const root = createRoot(container);
    root.render(<IdleProbe clock={clock} onIdle={onIdle} target={target} />);
    await expect.poll(() => clock.pending).toBe(1);
    const unmount = () => {
      root.unmount();
    };
    clock.advance(60_000);
    target.dispatchEvent(new Event('pointermove'));
    clock.advance(90_000);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(30_000);
    expect(onIdle).toHaveBeenCalledOnce();
    clock.advance(600_000);
    expect(onIdle).toHaveBeenCalledOnce();
    unmount();
    expect(clock.pending).toBe(0);
  });
});
