/** The shipping form's checks, shared by one order's page and batch shipping: the server's own rule for numbers. */

/** Letters, digits and '-', 4..40 characters (orders.ship and orders.batchShip check the same). */
export const TRACKING_NO = /^[0-9A-Za-z-]{4,40}$/;

/** At most this many orders per orders.batchShip. */
export const BATCH_SHIP_LIMIT = 20;
