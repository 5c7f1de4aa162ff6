/**
 * Public API of shared/domain: the record kinds of DESIGN.md §3, their zod schemas and enumerations,
 * the ownership rules between kinds, what each role may do, coverage and the dashboard's figures, and
 * demo data. Pure TypeScript and zod: it runs in the UI thread, the vault worker, the CLI and tests.
 * The UI should import the modules it needs (e.g. '@shared/domain/coverage') rather than this index
 * when bundle size matters; nothing here pulls in shared/crypto's primitives.
 */
export * from './kinds';
export * from './text';
export * from './plain-date';
export * from './money';
export * from './units';
export * from './classification';
export * from './record-ref';
export * from './need';
export * from './offer';
export * from './delivery';
export * from './acceptance';
export * from './note';
export * from './validation';
export * from './record-values';
export * from './sharing';
export * from './kind-rules';
export * from './permissions';
export * from './facts';
export * from './warnings';
export * from './coverage';
export * from './dashboard';
export * from './seeded-random';
export * from './demo-data';
export * from './demo-bulk';
