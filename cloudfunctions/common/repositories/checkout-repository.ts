/**
 * Everything checkout needs to price an order, in ONE database request: the SKUs asked for, joined with
 * their products, the buyer's address, coupons and unpaid-order counts (aggregate + lookup, the last three
 * through lookup pipelines that ignore the SKU row). Order creation's cost is this read plus its writes.
 */
import type { Address, Product, Sku, UserCoupon } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { listOf } from './query-helpers';
import { publicSku } from './stock-repository';
import type { StoredAddress } from './address-repository';
import { buyerQuotaId, type BuyerQuota } from './buyer-quota-repository';

export interface CheckoutSnapshot {
  products: Map<string, Product>;
  skus: Map<string, Sku>;
  address?: Address;
  coupons: UserCoupon[];
  /** The buyer's unpaid-order counts (absent before their first order). */
  quota?: BuyerQuota;
}

export interface CheckoutRead {
  openid: string;
  skuIds: readonly string[];
  /** A given address, or the buyer's default one. */
  address: { id: string } | 'DEFAULT';
  /** One coupon by id, the buyer's whole unused wallet, or none. */
  coupons: { id: string } | 'UNUSED' | 'NONE';
}

/** The SDK has `command.aggregate.pipeline()` (sub-pipelines of lookup) but does not declare it. */
interface SubPipeline {
  match(query: object): SubPipeline;
  sort(order: object): SubPipeline;
  limit(count: number): SubPipeline;
  done(): object[];
}
const subPipeline = (): SubPipeline =>
  (command.aggregate as unknown as { pipeline(): SubPipeline }).pipeline();

type SkuRow = Sku & {
  product: Product[];
  address: StoredAddress[];
  coupons: UserCoupon[];
  quota: BuyerQuota[];
};

export async function readCheckout(read: CheckoutRead): Promise<CheckoutSnapshot> {
  // The default is the highest rank, ties to the earliest (domain/address-rules: defaultAddressOf).
  const addressPipeline =
    read.address === 'DEFAULT'
      ? subPipeline().match({ openid: read.openid }).sort({ defaultRank: -1, createdAt: 1, _id: 1 })
      : subPipeline().match({ openid: read.openid, _id: read.address.id });
  const couponMatch =
    read.coupons === 'UNUSED'
      ? { openid: read.openid, state: 'UNUSED' }
      : read.coupons === 'NONE'
        ? { openid: read.openid, _id: '' }
        : { openid: read.openid, _id: read.coupons.id };
  const answer = await db
    .collection(COLLECTIONS.skus)
    .aggregate()
    .match({ _id: command.in([...read.skuIds]) })
    // Explicit: without a $limit stage CloudBase answers 20 rows, and an order may have up to 50 lines.
    .limit(read.skuIds.length)
    .project({ pending: 0 })
    .lookup({ from: COLLECTIONS.products, localField: 'productId', foreignField: '_id', as: 'product' })
    .lookup({
      from: COLLECTIONS.addresses,
      pipeline: addressPipeline.limit(1).done(),
      as: 'address',
    })
    .lookup({
      from: COLLECTIONS.userCoupons,
      pipeline: subPipeline().match(couponMatch).limit(100).done(),
      as: 'coupons',
    })
    .lookup({
      from: COLLECTIONS.buyerQuotas,
      pipeline: subPipeline()
        .match({ _id: buyerQuotaId(read.openid) })
        .limit(1)
        .done(),
      as: 'quota',
    })
    .end();
  const rows = listOf<SkuRow>(answer);
  const snapshot: CheckoutSnapshot = {
    products: new Map(),
    skus: new Map(),
    coupons: rows[0]?.coupons ?? [],
  };
  const stored = rows[0]?.address[0];
  if (stored) {
    // Checkout copies the address into the order; whether it is the default does not matter there.
    const { defaultRank: _rank, ...address } = stored;
    snapshot.address = { ...address, isDefault: read.address === 'DEFAULT' };
  }
  const quota = rows[0]?.quota[0];
  if (quota) snapshot.quota = quota;
  for (const { product, address: _address, coupons: _coupons, quota: _quota, ...sku } of rows) {
    snapshot.skus.set(sku._id, publicSku(sku));
    if (product[0]) snapshot.products.set(product[0]._id, product[0]);
  }
  return snapshot;
}
