/** Names of the cloud database's collections: one list, used by the repositories, the seed and deployment. */
export const COLLECTIONS = {
  categories: 'categories',
  products: 'products',
  skus: 'skus',
  stockReservations: 'stock_reservations',
  buyerQuotas: 'buyer_quotas',
  cartLines: 'cart_lines',
  addresses: 'addresses',
  couponTemplates: 'coupon_templates',
  userCoupons: 'user_coupons',
  orders: 'orders',
  paymentInbox: 'payment_inbox',
  reviews: 'reviews',
  productViews: 'product_views',
  recommendations: 'recommendations',
  settings: 'settings',
  staff: 'staff',
  staffInvitations: 'staff_invitations',
  auditLog: 'audit_log',
  messageSubscriptions: 'message_subscriptions',
  sentMessages: 'sent_messages',
  restockSubscriptions: 'restock_subscriptions',
  behaviourDaily: 'behaviour_daily',
  dashboard: 'dashboard',
  afterSales: 'after_sales',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
