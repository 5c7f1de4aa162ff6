export * from './channels';
export * from './desk-api';
