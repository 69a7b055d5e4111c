export type {
  BuyLicenseParameters,
  BuyLicenseReturnType,
} from './buyLicense.js'
export type {
  BuyWithSignatureParameters,
  BuyWithSignatureReturnType,
} from './buyWithSignature.js'
export type {
  CancelOfferParameters,
  CancelOfferReturnType,
} from './cancelOffer.js'
export type {
  CancelSignedOfferParameters,
  CancelSignedOfferReturnType,
} from './cancelSignedOffer.js'
export type { GetLicenseParameters, GetLicenseReturnType } from './getLicense.js'
export type { GetOfferParameters, GetOfferReturnType } from './getOffer.js'
export {
  type GetRatingParameters,
  type GetRatingReturnType,
  type Rating,
  ratingOf,
} from './getRating.js'
export type {
  HasValidLicenseParameters,
  HasValidLicenseReturnType,
} from './hasValidLicense.js'
export type {
  InvalidateNoncesParameters,
  InvalidateNoncesReturnType,
} from './invalidateNonces.js'
export type {
  PublishOfferParameters,
  PublishOfferReturnType,
} from './publishOffer.js'
export type { Purchase } from './purchase.js'
export {
  type ReviewDocument,
  type ReviewParameters,
  type ReviewReturnType,
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
} from './signOffer.js'
export type { License, Offer, OfferTerms, SignedOffer } from './types.js'
export { encodeSignedOffer } from './types.js'
export type {
  LicenseEvent,
  WatchLicensesParameters,
} from './watchLicenses.js'
export type { OfferEvent, WatchOffersParameters } from './watchOffers.js'
