export { OffersPage } from './OffersPage';
export { OfferDetailPage } from './OfferDetailPage';
export { OfferFormPage } from './OfferFormPage';
