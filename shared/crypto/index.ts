/**
 * Public API of shared/crypto. Everything here is pure (no DOM, no Node): it runs in the vault worker,
 * Electron main, the CLI and tests. docs/crypto.md specifies every construction byte for byte.
 */
export * from './errors';
export * from './formats';
export * from './random';
export * from './encoding';
export * from './domains';
export * from './fast-hash';
export * from './passphrase';
export * from './kdf';
export * from './mnemonic';
export * from './vault-keys';
export * from './row-seal';
export * from './identity';
export * from './key-events';
export * from './fingerprint';
export * from './recovery-sheet';
export * from './minisign';
