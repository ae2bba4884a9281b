/** Numbers as the shop's lists word them. */

/** '已售 860', '已售 1.2万': past ten thousand exact figures are noise. */
export function salesText(sales: number): string {
  if (sales < 10000) return `已售 ${sales}`;
  const wan = Math.floor(sales / 1000) / 10;
  return `已售 ${wan}万+`;
}

export function productUrl(productId: string): string {
  return `/package-goods/detail/index?id=${encodeURIComponent(productId)}`;
}
