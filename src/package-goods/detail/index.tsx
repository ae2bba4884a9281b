/**
 * 商品详情 (?id=): images, price, title, sales, the spec picker and the description; 加入购物车 and 立即购买
 * go through the picker so a SKU and a quantity are always chosen first. 分享 sends a card that opens this
 * product (a chat or 朋友圈 in WeChat, a link in H5); 客服 opens WeChat's customer-service chat.
 */
import { useCallback, useState } from 'react';
import { View, Text, Image, PageContainer, Button } from '@tarojs/components';
import Taro, { useLoad, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { ProductDetail, Sku } from '@shop/types';
import { isSkuBuyable, priceRange } from '@shop/domain/sku-availability';
import EmptyState from '../../components/empty-state';
import DetailBar from '../../components/goods/detail-bar';
import { salesText } from '../../components/goods/format';
import ImageGallery from '../../components/goods/image-gallery';
import RecommendSection from '../../components/goods/recommend-section';
import ReviewSection from '../../components/goods/review-section';
import Price, { OriginalPrice } from '../../components/goods/price';
import {
  productLink,
  productShareCard,
  productTimelineShare,
  DETAIL_ROUTE,
  productQuery,
} from '../../components/goods/product-share';
import ShareSheet from '../../components/goods/share-sheet';
import SkuSheet, { type SkuSheetMode } from '../../components/goods/sku-sheet';
import { useLazyReviews } from '../../components/goods/use-lazy-reviews';
import { useRecommendations } from '../../components/goods/use-recommendations';
import { useSkuChoice } from '../../components/goods/use-sku-choice';
import { useFavorite } from '../../components/goods/use-favorite';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import { addToCart, fetchCartCount } from '../../services/cart';
import { fetchProduct } from '../../services/catalog';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { askForRestock, canAskForRestock, loadMessageTemplates } from '../../services/messages';
import { cartBadgeCount } from '../../store/cart-badge';
import './index.css';

type LoadState =
  { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; detail: ProductDetail };

/** Answers that mean there is nothing to show: said plainly, with a way back rather than 重试. */
const GONE_CODES = new Set(['PRODUCT_NOT_FOUND', 'PRODUCT_OFF_SALE', 'NOT_FOUND']);

/** Answers after which the page's stock figures are out of date. */
const STALE_STOCK_CODES = new Set(['OUT_OF_STOCK', 'PRODUCT_OFF_SALE', 'SKU_NOT_FOUND', 'PRODUCT_NOT_FOUND']);

function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon });
}

function addedText(clamped: 'STOCK' | 'LIMIT' | undefined): string {
  if (clamped === 'STOCK') return '已加入购物车，数量已按库存调整';
  if (clamped === 'LIMIT') return '已加入购物车，每件最多购买 99 件';
  return '已加入购物车';
}

export default function ProductDetailPage() {
  const [productId, setProductId] = useState('');
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [sheet, setSheet] = useState<SkuSheetMode | null>(null);
  const [busy, setBusy] = useState(false);
  const [sharing, setSharing] = useState(false);
  /** SKUs this visit subscribed to 到货提醒 (the server keeps one subscription per SKU whatever is tapped). */
  const [restockWaiting, setRestockWaiting] = useState<ReadonlySet<string>>(new Set());
  const [, setTemplatesRead] = useState(false);
  const detail = load.status === 'ready' ? load.detail : undefined;
  const skus: Sku[] = detail?.skus ?? [];
  const choice = useSkuChoice(detail?.product, skus);
  const reviews = useLazyReviews(productId, detail?.product.reviewCount ?? 0);
  // 猜你喜欢 (and the view it records) waits until the buyer nears the bottom: never on the first screen.
  const recommendations = useRecommendations({ productId, ready: detail !== undefined });
  // Recorded right after the first screen (浏览记录), answering whether it is among the buyer's 收藏.
  const favorite = useFavorite(productId, detail !== undefined);

  /** `quiet` refreshes stock after a refused add without blanking the page. */
  const loadProduct = useCallback(async (id: string, quiet = false) => {
    if (!quiet) setLoad({ status: 'loading' });
    // The badge of the bottom bar needs the cart count once per visit to the shop, not once per product.
    const [answer] = await Promise.all([
      fetchProduct(id),
      cartBadgeCount() === undefined ? fetchCartCount() : Promise.resolve(undefined),
    ]);
    if (answer.ok) setLoad({ status: 'ready', detail: answer.data });
    else if (!quiet) setLoad({ status: 'error', code: answer.code });
  }, []);

  // Shared before the product has loaded, the card still opens it: the id is known from the start.
  const shared = detail?.product ?? { _id: productId, title: '', images: [] };
  useShareAppMessage(() => productShareCard(shared));
  useShareTimeline(() => productTimelineShare(shared));

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.id ? decodeURIComponent(params.id) : '';
    setProductId(id);
    if (id) void loadProduct(id);
    else setLoad({ status: 'error', code: 'PRODUCT_NOT_FOUND' });
  });

  if (load.status === 'loading') return <Skeleton kind="detail" />;
  if (load.status === 'error') {
    if (GONE_CODES.has(load.code)) {
      return (
        <EmptyState
          title="商品不存在或已下架"
          hint="去首页看看别的吧"
          actionText="去首页"
          onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
        />
      );
    }
    return <ErrorState code={load.code} onRetry={() => void loadProduct(productId)} />;
  }

  const { product } = load.detail;
  const range = priceRange(skus);
  const unavailable = !product.onSale ? '商品已下架' : skus.some(isSkuBuyable) ? undefined : '已售罄';

  /** The chosen SKU when it can be bought; otherwise says what is missing. */
  const chosenSku = (): Sku | undefined => {
    if (!choice.sku) {
      toast(`请选择 ${choice.missing.join(' ')}`);
      return undefined;
    }
    if (!choice.buyable) {
      toast('该规格已售罄');
      return undefined;
    }
    return choice.sku;
  };

  const submitAddToCart = async () => {
    const sku = chosenSku();
    if (!sku || busy) return;
    setBusy(true);
    const answer = await addToCart(product._id, sku._id, choice.quantity);
    setBusy(false);
    if (answer.ok) {
      setSheet(null);
      toast(addedText(answer.data.clamped), answer.data.clamped ? 'none' : 'success');
      return;
    }
    toast(errorMessage(answer.code));
    if (STALE_STOCK_CODES.has(answer.code)) void loadProduct(product._id, true);
  };

  const submitBuyNow = () => {
    const sku = chosenSku();
    if (!sku) return;
    setSheet(null);
    const query = `skuId=${encodeURIComponent(sku._id)}&productId=${encodeURIComponent(product._id)}&quantity=${choice.quantity}`;
    void Taro.navigateTo({ url: `/package-order/checkout/index?${query}` });
  };

  const openSheet = (mode: SkuSheetMode) => {
    setSheet(mode);
    // 到货提醒 asks WeChat straight from a tap: the templates must be known before it (read once per launch).
    void loadMessageTemplates().then(() => setTemplatesRead(true));
  };

  const askRestock = async (sku: Sku) => {
    const answer = await askForRestock(sku._id);
    if (!answer) return;
    if (!answer.ok) {
      toast(errorMessage(answer.code));
      return;
    }
    if (answer.data.status === 'IN_STOCK') {
      toast('该规格已到货');
      void loadProduct(product._id, true);
      return;
    }
    setRestockWaiting((waiting) => new Set([...waiting, sku._id]));
    toast('到货后将通知你', 'success');
  };
  const restockSku =
    choice.sku && !choice.buyable && choice.sku.onSale && product.onSale ? choice.sku : undefined;

  const chosenValues = choice.sku ? choice.sku.specValues.join(' ') : '';
  const specRow = choice.sku
    ? { label: '已选', text: `${chosenValues}${chosenValues ? ' ' : ''}×${choice.quantity}` }
    : { label: '选择', text: product.specs.map((d) => d.name).join(' ') };
  const shownPrice = choice.sku?.price ?? range?.min;
  const shownOriginal = choice.sku?.originalPrice ?? range?.originalMax;

  return (
    <View className="detail">
      <ImageGallery images={product.images} />

      <View className="detail__card detail__main">
        <View className="detail__price-row">
          <View className="detail__price" id="detail-price">
            {shownPrice === undefined ? (
              <Text className="detail__no-price">暂无报价</Text>
            ) : choice.sku || !range ? (
              <Price fen={shownPrice} size="lg" />
            ) : (
              <Price fen={range.min} maxFen={range.max} range="full" size="lg" />
            )}
            {shownPrice !== undefined && shownOriginal !== undefined ? (
              <OriginalPrice
                fen={shownOriginal}
                price={choice.sku ? shownPrice : (range?.max ?? shownPrice)}
              />
            ) : null}
          </View>
          <Text className="detail__sales">{salesText(product.sales)}</Text>
        </View>
        <View className="detail__title-row">
          <Text className="detail__title" id="detail-title">
            {product.title}
          </Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className="detail__share" id="share-button" openType="share">
              分享
            </Button>
          ) : (
            <View className="detail__share" id="share-button" onClick={() => setSharing(true)}>
              分享
            </View>
          )}
        </View>
        {product.subtitle ? <Text className="detail__subtitle">{product.subtitle}</Text> : null}
      </View>

      <View className="detail__card detail__spec-row" id="spec-row" onClick={() => openSheet('both')}>
        <Text className="detail__spec-label">{specRow.label}</Text>
        <Text className="detail__spec-text">{specRow.text || '数量'}</Text>
        <Text className="detail__more">›</Text>
      </View>

      <ReviewSection product={product} reviews={reviews} />

      <View className="detail__card detail__description">
        <View className="detail__section-title">
          <Text>商品详情</Text>
        </View>
        {product.description ? <Text className="detail__description-text">{product.description}</Text> : null}
        {product.images.map((image, index) => (
          <Image
            key={`${image}-${index}`}
            className="detail__description-image"
            src={imageUrl(image)}
            mode="widthFix"
            lazyLoad
          />
        ))}
      </View>

      <RecommendSection state={recommendations.state} onRetry={recommendations.load} />

      <DetailBar
        unavailable={unavailable}
        onAddToCart={() => openSheet('cart')}
        onBuyNow={() => openSheet('buy')}
        contactCard={{ title: product.title, path: `${DETAIL_ROUTE}?${productQuery(product._id)}` }}
        favorite={{ favorited: favorite.favorited, onToggle: () => void favorite.toggle() }}
      />
      {sharing ? (
        <ShareSheet link={productLink(window.location.href, product._id)} onClose={() => setSharing(false)} />
      ) : null}

      {process.env.TARO_ENV === 'weapp' ? (
        // While the spec sheet is open, WeChat's Back (button or gesture) closes it instead of leaving the product.
        <PageContainer
          id="sku-back-guard"
          show={sheet !== null}
          overlay={false}
          duration={0}
          customStyle="height: 0"
          onAfterLeave={() => setSheet(null)}
        />
      ) : null}
      {sheet ? (
        <SkuSheet
          product={product}
          choice={choice}
          mode={unavailable ? 'both' : sheet}
          skus={skus}
          busy={busy}
          onClose={() => setSheet(null)}
          onAddToCart={() => void submitAddToCart()}
          onBuyNow={submitBuyNow}
          restock={
            restockSku && canAskForRestock()
              ? { waiting: restockWaiting.has(restockSku._id), onAsk: () => void askRestock(restockSku) }
              : undefined
          }
        />
      ) : null}
    </View>
  );
}
