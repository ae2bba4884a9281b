/**
 * Typed calls of the `admin` function for the merchant's workspace (package-merchant only, so none of it
 * reaches the main package). Every action is checked against the caller's role on the server.
 */
import type {
  ActionName,
  AddressSnapshot,
  AdminActions,
  AuditPage,
  CatalogActions,
  Category,
  CategoryInput,
  HomeBanner,
  HomeContent,
  HomeNotice,
  CouponActions,
  CouponTemplateInput,
  CouponTemplateUpdate,
  DashboardActions,
  DashboardOverview,
  LowStockRow,
  MerchantCouponTemplate,
  MerchantOrderActions,
  MerchantProductDetail,
  MerchantProductListRequest,
  MerchantProductPage,
  MerchantProductRow,
  OrderExport,
  ProductInput,
  ProductTrend,
  ShipmentRequest,
  ShipmentResult,
  Sku,
  StockAdjustmentRequest,
  ExpressCompanyCode,
  InvitableRole,
  MerchantOrder,
  Order,
  OrderState,
  Result,
  StaffInvitationView,
  StaffListResponse,
  StaffMember,
} from '@shop/types';
import { callCloud } from './cloud';

export function merchantOrders(
  state: OrderState | undefined,
  page: number,
): Promise<Result<{ items: MerchantOrder[]; hasMore: boolean }>> {
  return callCloud('admin', 'orders.list', { ...(state && { state }), page });
}

export function searchMerchantOrders(query: string): Promise<Result<{ items: MerchantOrder[] }>> {
  return callCloud('admin', 'orders.search', { query });
}

export function merchantOrder(orderId: string): Promise<Result<MerchantOrder>> {
  return callCloud('admin', 'orders.detail', { orderId });
}

export function remarkOrder(orderId: string, remark: string): Promise<Result<MerchantOrder>> {
  return callCloud('admin', 'orders.remark', { orderId, remark });
}

export function shipOrder(
  orderId: string,
  expressCompany: ExpressCompanyCode,
  trackingNo: string,
): Promise<Result<Order>> {
  return callCloud('admin', 'orders.ship', { orderId, expressCompany, trackingNo });
}

export function approveRefund(orderId: string): Promise<Result<Order>> {
  return callCloud('admin', 'refunds.approve', { orderId });
}

export function rejectRefund(orderId: string, reason: string): Promise<Result<Order>> {
  return callCloud('admin', 'refunds.reject', { orderId, reason });
}

export function staffList(): Promise<Result<StaffListResponse>> {
  return callCloud('admin', 'staff.list', {});
}

export function inviteStaff(role: InvitableRole, name: string): Promise<Result<StaffInvitationView>> {
  return callCloud('admin', 'staff.invite', { role, name });
}

export function revokeInvitation(code: string): Promise<Result<{ revoked: boolean }>> {
  return callCloud('admin', 'staff.revokeInvitation', { code });
}

export function joinStaff(code: string): Promise<Result<StaffMember>> {
  return callCloud('admin', 'staff.join', { code });
}

export function setStaffRole(openid: string, role: InvitableRole): Promise<Result<StaffMember>> {
  return callCloud('admin', 'staff.setRole', { openid, role });
}

export function removeStaff(openid: string): Promise<Result<{ removed: boolean }>> {
  return callCloud('admin', 'staff.remove', { openid });
}

export function auditLog(before?: { at: number; id: string }): Promise<Result<AuditPage>> {
  return callCloud('admin', 'audit.list', before ? { before } : {});
}

// ---------------------------------------------------------------- dashboard, catalog, coupons, batch orders

/**
 * The workspace's actions declared in types/merchant-*.ts. They join AdminActions as the server serves each;
 * until then the function answers UNKNOWN_ACTION, which the pages show as 功能暂不可用.
 */
type WorkspaceActions = AdminActions &
  DashboardActions &
  CatalogActions &
  CouponActions &
  MerchantOrderActions;
type WorkspaceAction = keyof WorkspaceActions & string;

function callWorkspace<A extends WorkspaceAction>(
  action: A,
  request: WorkspaceActions[A]['request'],
): Promise<Result<WorkspaceActions[A]['response']>> {
  return callCloud('admin', action as ActionName<'admin'>, request as never) as Promise<
    Result<WorkspaceActions[A]['response']>
  >;
}

export function dashboardOverview(): Promise<Result<DashboardOverview>> {
  return callWorkspace('dashboard.overview', {});
}

export function productTrend(productId: string): Promise<Result<ProductTrend>> {
  return callWorkspace('dashboard.product', { productId });
}

export function batchShip(shipments: ShipmentRequest[]): Promise<Result<{ results: ShipmentResult[] }>> {
  return callWorkspace('orders.batchShip', { shipments });
}

export function correctOrderAddress(
  orderId: string,
  address: AddressSnapshot,
): Promise<Result<MerchantOrder>> {
  return callWorkspace('orders.correctAddress', { orderId, address });
}

export function exportOrders(from: string, to: string): Promise<Result<OrderExport>> {
  return callWorkspace('orders.export', { from, to });
}

export function merchantProducts(request: MerchantProductListRequest): Promise<Result<MerchantProductPage>> {
  return callWorkspace('products.list', request);
}

export function merchantProduct(productId: string): Promise<Result<MerchantProductDetail>> {
  return callWorkspace('products.detail', { productId });
}

export function createProduct(input: ProductInput): Promise<Result<MerchantProductDetail>> {
  return callWorkspace('products.create', input);
}

export function updateProduct(
  productId: string,
  input: ProductInput,
): Promise<Result<MerchantProductDetail>> {
  return callWorkspace('products.update', { ...input, productId });
}

export function setProductOnSale(productId: string, onSale: boolean): Promise<Result<MerchantProductRow>> {
  return callWorkspace('products.setOnSale', { productId, onSale });
}

export function adjustStock(request: StockAdjustmentRequest): Promise<Result<Sku>> {
  return callWorkspace('products.adjustStock', request);
}

export function lowStock(): Promise<Result<{ items: LowStockRow[] }>> {
  return callWorkspace('products.lowStock', {});
}

export function merchantCategories(): Promise<Result<{ categories: Category[] }>> {
  return callWorkspace('categories.list', {});
}

export function createCategory(input: CategoryInput): Promise<Result<Category>> {
  return callWorkspace('categories.create', input);
}

export function updateCategory(categoryId: string, input: CategoryInput): Promise<Result<Category>> {
  return callWorkspace('categories.update', { ...input, categoryId });
}

export function removeCategory(categoryId: string): Promise<Result<{ removed: boolean }>> {
  return callWorkspace('categories.remove', { categoryId });
}

export function homeContent(): Promise<Result<HomeContent>> {
  return callWorkspace('home.get', {});
}

export function saveHomeContent(banners: HomeBanner[], notices: HomeNotice[]): Promise<Result<HomeContent>> {
  return callWorkspace('home.save', { banners, notices });
}

export function couponTemplates(): Promise<Result<{ items: MerchantCouponTemplate[] }>> {
  return callWorkspace('coupons.list', {});
}

export function createCouponTemplate(input: CouponTemplateInput): Promise<Result<MerchantCouponTemplate>> {
  return callWorkspace('coupons.create', input);
}

export function updateCouponTemplate(update: CouponTemplateUpdate): Promise<Result<MerchantCouponTemplate>> {
  return callWorkspace('coupons.update', update);
}

export function setCouponActive(
  templateId: string,
  active: boolean,
): Promise<Result<MerchantCouponTemplate>> {
  return callWorkspace('coupons.setActive', { templateId, active });
}
