export * from './channels';
export * from './desk-api';
export * from './vault-protocol';
