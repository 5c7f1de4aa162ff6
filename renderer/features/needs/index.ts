export { NeedsPage } from './NeedsPage';
export { NeedDetailPage } from './NeedDetailPage';
export { NeedFormPage } from './NeedFormPage';
