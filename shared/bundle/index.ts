/**
 * Public API of shared/bundle: the bundle format of DESIGN.md §5 (age + minisign), its reader pipeline
 * and writer, contact cards, the audience rules, and every limit. Pure TypeScript: the CLI and the vault
 * worker pass bytes in and get bytes out. docs/bundle-format.md specifies the format.
 */
export * from './errors';
export * from './limits';
export * from './safe-json';
export * from './text';
export * from './keys';
export * from './comment';
export * from './age';
export * from './payload';
export * from './card';
export * from './audience';
export * from './names';
export * from './key-logs';
export * from './writer';
export * from './reader';
export * from './sync-step';
