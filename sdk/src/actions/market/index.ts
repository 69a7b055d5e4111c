export {
  type BuyLicenseParameters,
  type BuyLicenseReturnType,
  buyLicense,
} from './buyLicense.js'
export {
  type BuyWithSignatureParameters,
  type BuyWithSignatureReturnType,
  buyWithSignature,
} from './buyWithSignature.js'
export {
  type CancelOfferParameters,
  type CancelOfferReturnType,
  cancelOffer,
} from './cancelOffer.js'
export {
  type CancelSignedOfferParameters,
  type CancelSignedOfferReturnType,
  cancelSignedOffer,
} from './cancelSignedOffer.js'
export { type GetLicenseParameters, type GetLicenseReturnType, getLicense } from './getLicense.js'
export { type GetOfferParameters, type GetOfferReturnType, getOffer } from './getOffer.js'
export {
  type GetRatingParameters,
  type GetRatingReturnType,
  getRating,
  type Rating,
  ratingOf,
} from './getRating.js'
export {
  type HasValidLicenseParameters,
  type HasValidLicenseReturnType,
  hasValidLicense,
} from './hasValidLicense.js'
export {
  type InvalidateNoncesParameters,
  type InvalidateNoncesReturnType,
  invalidateNonces,
} from './invalidateNonces.js'
export {
  type PublishOfferParameters,
  type PublishOfferReturnType,
  publishOffer,
} from './publishOffer.js'
export type { Purchase } from './purchase.js'
export {
  type ReviewDocument,
  type ReviewParameters,
  type ReviewReturnType,
  review,
  reviewDocument,
} from './review.js'
export {
  InvalidSignedOfferError,
  parseSignedOffer,
  type SerializedSignedOffer,
  serializeSignedOffer,
} from './serializeSignedOffer.js'
export {
  offerTypedData,
  type SignOfferParameters,
  type SignOfferReturnType,
  signOffer,
} from './signOffer.js'
export type { License, Offer, OfferTerms, SignedOffer } from './types.js'
export { encodeSignedOffer } from './types.js'
export {
  type LicenseEvent,
  type WatchLicensesParameters,
  watchLicenses,
} from './watchLicenses.js'
export { type OfferEvent, type WatchOffersParameters, watchOffers } from './watchOffers.js'
