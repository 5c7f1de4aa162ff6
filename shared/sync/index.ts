/**
 * Public API of shared/sync (DESIGN.md §4, docs/sync.md): ids, TLP labels, HLC, change-sets,
 * checkpoints, the replica model, merge, chain authentication, version vectors, ingest, local writes and
 * rebuilds. Pure TypeScript (no DOM, no Node, no Dexie): the vault worker persists what it computes.
 */
export * from './ids';
export * from './tlp';
export * from './hlc';
export type * from './json';
export * from './changeset';
export * from './checkpoint';
export type * from './model';
export * from './errors';
export * from './report';
export type * from './kind-rules';
export * from './log-index';
export * from './merge';
export * from './chain';
export * from './version-vector';
export * from './replica';
export * from './local-write';
export * from './rebuild';
