/**
 * Giving a paid order's stock back (`returnPaidStock`), the real service and repositories in this process on
 * the local cloud's database, with the interleavings that once gave stock back twice driven step by step:
 * only the caller that claimed a release finishes it, or any caller once the claim's check time has passed
 * (its claimer is then gone). A pause point after the service reads the reservation, and a failure standing
 * for a function dying between two writes, are the only things this file adds to the service.
 */
import { REPAIR_GRACE_MS } from '../../cloudfunctions/common/domain/repair-timing';
import { repairStockReservations } from '../../cloudfunctions/common/services/order-upkeep';
import type * as reservationRepository from '../../cloudfunctions/common/repositories/stock-reservation-repository';
import {
  findReservation,
  type StockReservation,
} from '../../cloudfunctions/common/repositories/stock-reservation-repository';
import {
  reserveStock,
  returnPaidStock,
  settleReservation,
} from '../../cloudfunctions/common/services/stock-reservation-service';
import { connectSdk, type TestCloud } from '../support/local-cloud';
import { buyableProduct, startServicesCloud } from './shop-cloud';

/** What the next read of a reservation does once the real read has answered: waits, or dies. */
type AfterRead = (found: StockReservation | undefined) => Promise<void>;
const mockAfterReads: AfterRead[] = [];
/** State moves at which the caller's function instance stops instead of writing (each used once). */
const mockDeaths: { from: string; to: string }[] = [];

jest.mock('../../cloudfunctions/common/repositories/stock-reservation-repository', () => {
  const actual = jest.requireActual<typeof reservationRepository>(
    '../../cloudfunctions/common/repositories/stock-reservation-repository',
  );
  return {
    ...actual,
    async findReservation(reservationId: string) {
      const found = await actual.findReservation(reservationId);
      await mockAfterReads.shift()?.(found);
      return found;
    },
    async moveReservation(...args: Parameters<typeof actual.moveReservation>) {
      const [, from, to] = args;
      const death = mockDeaths.findIndex((move) => move.from === from && move.to === to);
      if (death >= 0) {
        mockDeaths.splice(death, 1);
        throw new Error(`the function instance stopped before ${from} → ${to}`);
      }
      return actual.moveReservation(...args);
    },
  };
});

/** A point one caller stops at until the test lets it go on; `reached` resolves once it stopped there. */
function pausePoint(): { afterRead: AfterRead; reached: Promise<StockReservation | undefined>; go(): void } {
  let reachedWith!: (found: StockReservation | undefined) => void;
  let go!: () => void;
  const reached = new Promise<StockReservation | undefined>((resolve) => (reachedWith = resolve));
  const released = new Promise<void>((resolve) => (go = resolve));
  return {
    afterRead: (found) => {
      reachedWith(found);
      return released;
    },
    reached,
    go,
  };
}

let cloud: TestCloud;
const { product, skus } = buyableProduct(2, 10);
const SKU = skus[0]._id;
const OTHER_SKU = skus[1]._id;

beforeAll(async () => {
  cloud = await startServicesCloud();
});
afterAll(() => cloud.close());
afterEach(() => {
  expect(mockAfterReads).toEqual([]);
  expect(mockDeaths).toEqual([]);
});

async function sku(skuId = SKU): Promise<{ stock: number; sold: number; pending: { op: string }[] }> {
  const { data } = await connectSdk(cloud.adminUrl).database().collection('skus').doc(skuId).get();
  const document = (Array.isArray(data) ? data[0] : data) as {
    stock: number;
    sold: number;
    pending?: { op: string }[];
  };
  return { stock: document.stock, sold: document.sold, pending: document.pending ?? [] };
}

/** A paid order's reservation of `quantity`, made and settled by the service as checkout and payment do. */
async function paidReservation(
  attempt: string,
  quantity: number,
  skuIds: readonly string[] = [SKU],
): Promise<StockReservation> {
  const now = cloud.cloud.clock.now();
  const reservation = await reserveStock({
    attempt,
    orderId: `order-${attempt}`,
    openid: 'stock-release-buyer',
    lines: skuIds.map((skuId) => ({ skuId, quantity })),
    now,
  });
  if (!reservation) throw new Error(`${product._id}: out of stock`);
  expect(await settleReservation(reservation._id, now)).toBe(true);
  return reservation;
}

test('a second confirmation that read the claim live gives nothing back, even once the claimer dropped its marks', async () => {
  const before = await sku();
  const { _id: id } = await paidReservation('live-claim', 2);
  expect((await sku()).stock).toBe(before.stock - 2);
  const now = cloud.cloud.clock.now();

  // The claimer takes the reservation (SETTLED → RELEASING) and stops right after reading it back.
  const claimerPause = pausePoint();
  mockAfterReads.push(claimerPause.afterRead);
  const claimer = returnPaidStock(id, now);
  expect((await claimerPause.reached)?.state).toBe('RELEASING');

  // A second confirmation finds it claimed, reads it RELEASING, and stops before deciding anything.
  const secondPause = pausePoint();
  mockAfterReads.push(secondPause.afterRead);
  const second = returnPaidStock(id, now);
  expect((await secondPause.reached)?.state).toBe('RELEASING');

  // The claimer gives the stock back, records RELEASED and drops its marks: nothing guards the SKU any more.
  claimerPause.go();
  expect(await claimer).toBe(true);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });

  // The second caller decides on what it read: a live claim, not its own, so it leaves the stock alone.
  secondPause.go();
  expect(await second).toBe(false);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });
  expect((await findReservation(id))?.state).toBe('RELEASED');
});

test('a claimer that died after giving the stock back is finished by the first call at its check time, once', async () => {
  const before = await sku();
  const { _id: id } = await paidReservation('died-after-give-back', 1);
  const claimedAt = cloud.cloud.clock.now();

  // The claimer claims, gives the stock back under its mark, then dies before recording RELEASED.
  mockDeaths.push({ from: 'RELEASING', to: 'RELEASED' });
  await expect(returnPaidStock(id, claimedAt)).rejects.toThrow('instance stopped');
  const halfway = await sku();
  expect(halfway.stock).toBe(before.stock);
  expect(halfway.pending.map((mark) => mark.op)).toEqual([`u:${id}`]);
  const { checkAt } = (await findReservation(id))!;
  expect(checkAt).toBe(claimedAt + REPAIR_GRACE_MS);

  // The service reads now from its caller (the function's clock); a millisecond before the check time the
  // claimer may still be at work, so a second confirmation leaves everything as it is.
  expect(await returnPaidStock(id, checkAt - 1)).toBe(false);
  expect(await sku()).toEqual(halfway);
  expect((await findReservation(id))?.state).toBe('RELEASING');

  // Once the cloud's clock has passed it the claimer is gone: the next call finishes the release, and the
  // claimer's mark keeps the stock from coming back a second time.
  await cloud.cloud.clock.advance(REPAIR_GRACE_MS);
  expect(cloud.cloud.clock.now()).toBeGreaterThanOrEqual(checkAt);
  expect(await returnPaidStock(id, cloud.cloud.clock.now())).toBe(false);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });
  expect((await findReservation(id))?.state).toBe('RELEASED');

  // And any later call changes nothing.
  expect(await returnPaidStock(id, cloud.cloud.clock.now())).toBe(false);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });
});

test('two calls past the check time of a claimer that died before giving back: the stock comes back once', async () => {
  const before = await sku();
  const { _id: id } = await paidReservation('died-after-claim', 3);
  const claimedAt = cloud.cloud.clock.now();

  // The claimer claims (SETTLED → RELEASING) and dies as it reads the reservation back.
  mockAfterReads.push(async () => {
    throw new Error('the function instance stopped after claiming');
  });
  await expect(returnPaidStock(id, claimedAt)).rejects.toThrow('instance stopped');
  const claimed = { stock: before.stock - 3, sold: before.sold + 3, pending: [] };
  expect(await sku()).toEqual(claimed);
  const { checkAt } = (await findReservation(id))!;
  expect(await returnPaidStock(id, checkAt - 1)).toBe(false);
  expect(await sku()).toEqual(claimed);

  // Past the check time, a first late caller reads the stale claim and stops there...
  await cloud.cloud.clock.advance(REPAIR_GRACE_MS);
  const late = cloud.cloud.clock.now();
  const firstPause = pausePoint();
  mockAfterReads.push(firstPause.afterRead);
  const first = returnPaidStock(id, late);
  expect((await firstPause.reached)?.state).toBe('RELEASING');

  // ...while a second one finishes the release: stock back, RELEASED, its marks dropped.
  expect(await returnPaidStock(id, late)).toBe(false);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });

  // The first goes on from the stale claim it read: the release is no longer its to finish.
  firstPause.go();
  expect(await first).toBe(false);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });
  expect((await findReservation(id))?.state).toBe('RELEASED');
});

test("the worker finishes a dead claimer's release of two SKUs through their two old marks: each SKU's stock once", async () => {
  const before = [await sku(SKU), await sku(OTHER_SKU)];
  const { _id: id } = await paidReservation('worker-two-marks', 2, [SKU, OTHER_SKU]);

  // The claimer gives both SKUs' stock back under its marks and dies before recording RELEASED.
  mockDeaths.push({ from: 'RELEASING', to: 'RELEASED' });
  await expect(returnPaidStock(id, cloud.cloud.clock.now())).rejects.toThrow('instance stopped');
  expect((await sku(SKU)).pending.map((mark) => mark.op)).toEqual([`u:${id}`]);
  expect((await sku(OTHER_SKU)).pending.map((mark) => mark.op)).toEqual([`u:${id}`]);

  // Past the grace period the worker finds both marks old: the first finishes the release (and drops both
  // marks), the second must not run the release's steps again on marks that are gone.
  await cloud.cloud.clock.advance(REPAIR_GRACE_MS + 1);
  const report = await repairStockReservations(cloud.cloud.clock.now());
  expect(report.marksRepaired).toBe(2);
  expect(await sku(SKU)).toEqual({ ...before[0], pending: [] });
  expect(await sku(OTHER_SKU)).toEqual({ ...before[1], pending: [] });
  expect((await findReservation(id))?.state).toBe('RELEASED');
});

test('the worker leaves a live claim alone and takes over a stale one: a claim with no marks is finished once', async () => {
  const before = await sku();
  const { _id: id } = await paidReservation('worker-stale-claim', 1);

  // The claimer claims and dies before giving anything back: a RELEASING reservation and no marks to find.
  mockAfterReads.push(async () => {
    throw new Error('the function instance stopped after claiming');
  });
  await expect(returnPaidStock(id, cloud.cloud.clock.now())).rejects.toThrow('instance stopped');
  const { checkAt } = (await findReservation(id))!;

  // Not due yet: the worker does not see it.
  expect((await repairStockReservations(checkAt - 1)).released).toBe(0);
  expect((await findReservation(id))?.state).toBe('RELEASING');

  // Due: the worker takes the claim over and finishes it, once; another run finds nothing to do.
  await cloud.cloud.clock.advance(REPAIR_GRACE_MS + 1);
  expect((await repairStockReservations(cloud.cloud.clock.now())).released).toBe(1);
  expect((await repairStockReservations(cloud.cloud.clock.now())).released).toBe(0);
  expect(await sku()).toEqual({ stock: before.stock, sold: before.sold, pending: [] });
  expect((await findReservation(id))?.state).toBe('RELEASED');
});
