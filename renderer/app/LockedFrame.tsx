/**
 * The frame of the screens before the vault is open (first run, unlock, loading): the name, the
 * language switch and the theme toggle, and one main region. No navigation: nothing is reachable yet.
 */
import type { ReactNode } from 'react';
import { HeaderBrand, LanguageSwitch, ThemeToggle } from './HeaderControls';
import './shell.css';

export function LockedFrame({ children }: { readonly children: ReactNode }) {
  return (
    <div className="td-shell td-locked">
      <header className="td-header">
        <HeaderBrand />
        <div className="td-header-tools">
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </header>
      <main id="main-content" className="td-main td-locked-main" tabIndex={-1}>
        <div className="td-locked-content">{children}</div>
      </main>
    </div>
  );
}
