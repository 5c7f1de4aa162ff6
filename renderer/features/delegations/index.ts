export { DelegationsPage } from './DelegationsPage';
