/** What `submitRating` loads on first use (a lazily loaded chunk in a bundle). @module */
export { DeviceCredential, IdempotencyKey, Rating, RatingReceipt } from './rating.js';
