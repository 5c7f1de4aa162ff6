/** The policy every response of the app carries (DESIGN.md §7), directive by directive. */
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  injectNonce,
  CSP_NONCE_PLACEHOLDER,
  responseKindForPath,
  VAULT_WORKER_TRUSTED_TYPES_POLICY,
} from '@shared/security/csp';

const nonce = 'AAAAAAAAAAAAAAAAAAAAAA==';
const directives = (policy: string): Map<string, string> =>
  new Map(policy.split('; ').map((d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')]));

describe('content security policy', () => {
  it('lets a page run only its own scripts, its nonce-marked styles and the vault worker policy', () => {
    const page = directives(contentSecurityPolicy('document', nonce));
    expect(page.get('script-src')).toBe("'self'");
    expect(page.get('style-src')).toBe(`'self' 'nonce-${nonce}'`);
    expect(page.get('connect-src')).toBe("'self'");
    expect(page.get('object-src')).toBe("'none'");
    expect(page.get('frame-ancestors')).toBe("'none'");
    expect(page.get('require-trusted-types-for')).toBe("'script'");
    expect(page.get('trusted-types')).toBe(VAULT_WORKER_TRUSTED_TYPES_POLICY);
  });

  it("grants 'wasm-unsafe-eval' to the KDF worker only, and no Trusted Types policy to it", () => {
    const worker = directives(contentSecurityPolicy('kdf-worker'));
    expect(worker.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(worker.get('trusted-types')).toBe("'none'");
    expect(contentSecurityPolicy('document', nonce)).not.toContain('wasm-unsafe-eval');
    expect(contentSecurityPolicy('asset')).not.toContain('wasm-unsafe-eval');
  });

  it('never allows inline script or eval', () => {
    for (const policy of [contentSecurityPolicy('document', nonce), contentSecurityPolicy('kdf-worker'), contentSecurityPolicy('asset')]) {
      expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/u);
    }
  });

  it('refuses to build a page policy without a strong nonce', () => {
    expect(() => contentSecurityPolicy('document')).toThrow(/nonce/u);
    expect(() => contentSecurityPolicy('document', 'short')).toThrow(/nonce/u);
    expect(() => contentSecurityPolicy('document', "x' 'unsafe-inline")).toThrow(/nonce/u);
  });

  it('classifies paths and replaces every nonce placeholder', () => {
    expect(responseKindForPath('/')).toBe('document');
    expect(responseKindForPath('/index.html')).toBe('document');
    expect(responseKindForPath('/assets/vault-worker-Ab_12.js')).toBe('kdf-worker');
    expect(responseKindForPath('/assets/vault-worker-Ab_12.js.map')).toBe('asset');
    expect(responseKindForPath('/assets/evil/vault-worker-x.js')).toBe('asset');
    expect(responseKindForPath('/assets/index-x.js')).toBe('asset');
    expect(injectNonce(`<a nonce="${CSP_NONCE_PLACEHOLDER}"><b nonce="${CSP_NONCE_PLACEHOLDER}">`, nonce)).toBe(
      `<a nonce="${nonce}"><b nonce="${nonce}">`,
    );
  });
});
