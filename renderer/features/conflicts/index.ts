export { ConflictsPage } from './ConflictsPage';
export { ConflictsBadge } from './ConflictsBadge';
