/**
 * Trusted Types for the one script URL the page loads by hand: the vault worker's.
 *
 * The document's CSP has `require-trusted-types-for 'script'` (DESIGN.md §7), which makes the Worker
 * constructor a sink: `new Worker(url)` with a plain string or URL is refused ("This document requires
 * 'TrustedScriptURL' assignment"), and the app cannot start its vault. The fix is a *named* policy that
 * turns exactly one URL into a TrustedScriptURL: same origin as the page, path of the vault worker (the
 * built `/assets/vault-worker-[hash].js`, or the dev server's source path). Anything else throws. The CSP
 * must allow the name: `trusted-types tallinn-desk-vault-worker` (shared/security/csp.ts).
 *
 * The policy is created once per document and kept here, because a CSP that lists a policy name without
 * 'allow-duplicates' refuses to create it twice; browsers without Trusted Types get the URL as is.
 */

import { VAULT_WORKER_TRUSTED_TYPES_POLICY } from '@shared/security/csp';

export const VAULT_WORKER_POLICY = VAULT_WORKER_TRUSTED_TYPES_POLICY;

interface ScriptUrlPolicy {
  createScriptURL(input: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): ScriptUrlPolicy;
}

const WORKER_PATH = /\/vault-worker(?:-[A-Za-z0-9_-]+)?\.(?:js|ts)$/u;

/** True for the vault worker's script on the page's own origin, and nothing else. */
export function isVaultWorkerUrl(input: string, pageOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(input, pageOrigin);
  } catch {
    return false;
  }
  return url.origin === pageOrigin && WORKER_PATH.test(url.pathname) && url.username === '' && url.password === '';
}

let policy: ScriptUrlPolicy | null = null;

function vaultWorkerPolicy(factory: TrustedTypesFactory, pageOrigin: string): ScriptUrlPolicy {
  policy ??= factory.createPolicy(VAULT_WORKER_POLICY, {
    createScriptURL(input) {
      if (!isVaultWorkerUrl(input, pageOrigin)) throw new TypeError(`${VAULT_WORKER_POLICY} only allows the vault worker's script, not ${input}`);
      return input;
    },
  });
  return policy;
}

declare const trustedBrand: unique symbol;
/**
 * A TrustedScriptURL (or, without Trusted Types, the plain URL string). Opaque: this TypeScript
 * version's DOM typings do not know TrustedScriptURL, and its text must not be used as a string.
 */
export type TrustedWorkerUrl = { readonly [trustedBrand]: true } | string;

/** The worker URL in the form the Worker constructor accepts under the app's CSP. */
export function trustedVaultWorkerUrl(url: URL): TrustedWorkerUrl {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (factory === undefined) return url.href;
  return vaultWorkerPolicy(factory, globalThis.location.origin).createScriptURL(url.href) as TrustedWorkerUrl;
}
