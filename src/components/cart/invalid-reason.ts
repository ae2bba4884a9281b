/** Why a cart line cannot be bought, as the buyer reads it. */
import type { CartLineView } from '@shop/types';

export function invalidReasonText(line: CartLineView): string {
  switch (line.invalid) {
    case 'OFF_SALE':
      return '已下架';
    case 'SKU_GONE':
      return '规格已失效';
    case 'OUT_OF_STOCK':
      return '已售罄';
    case 'STOCK_SHORT':
      return `库存不足 仅剩 ${line.stock} 件`;
    default:
      return '';
  }
}
