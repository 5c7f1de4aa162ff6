export { DelegationsPage } from './DelegationsPage';
export { DelegationDetailPage } from './DelegationDetailPage';
export { delegationPath } from './paths';
