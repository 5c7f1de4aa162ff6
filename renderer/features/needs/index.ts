export { NeedsPage } from './NeedsPage';
