/**
 * 新建商品 / 编辑商品: title, subtitle, category, images uploaded to cloud storage, description, tags, up to two
 * spec dimensions and one SKU row per combination (price, original price, starting stock, on sale). An existing
 * SKU's stock changes only through 调整库存 with a reason (audited), never by saving the form.
 */
import { useEffect, useState } from 'react';
import { Image, Input, Switch, Textarea, View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Category } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import {
  adjustStock,
  createProduct,
  merchantCategories,
  merchantProduct,
  updateProduct,
} from '../../services/merchant';
import { uploadToCloud } from '../../services/storage';
import {
  MAX_IMAGES,
  MAX_SPECS,
  draftOf,
  emptyDraft,
  productInputOf,
  skuLabel,
  syncSkus,
  type ProductDraft,
  type SkuDraft,
} from '../components/product-form';
import '../components/workspace.css';
import './index.css';

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

/** What the merchant picks from: second-level categories under their parent's name. */
function choices(categories: readonly Category[]): { id: string; label: string }[] {
  const names = new Map(categories.map((c) => [c._id, c.name]));
  return categories
    .filter((c) => c.parentId !== null)
    .map((c) => ({ id: c._id, label: `${names.get(c.parentId ?? '') ?? ''} / ${c.name}` }));
}

interface StockChange {
  sku: SkuDraft;
  delta: string;
  reason: string;
}

export default function ProductEditPage() {
  const { params } = useRouter();
  const productId = params.id;
  const [draft, setDraft] = useState<ProductDraft>(emptyDraft);
  const [categories, setCategories] = useState<{ id: string; label: string }[]>([]);
  const [ready, setReady] = useState(!productId);
  const [busy, setBusy] = useState(false);
  const [stockChange, setStockChange] = useState<StockChange>();

  useEffect(() => {
    void merchantCategories().then((answer) => {
      if (answer.ok) setCategories(choices(answer.data.categories));
    });
    if (!productId) return;
    void merchantProduct(productId).then((answer) => {
      if (!answer.ok) return toast(errorMessage(answer.code));
      setDraft(draftOf(answer.data));
      setReady(true);
    });
  }, [productId]);

  const change = (patch: Partial<ProductDraft>) =>
    setDraft((current) => {
      const next = { ...current, ...patch };
      return patch.specs ? { ...next, skus: syncSkus(next) } : next;
    });
  const changeSku = (key: string, patch: Partial<SkuDraft>) =>
    setDraft((current) => ({
      ...current,
      skus: current.skus.map((sku) => (sku.key === key ? { ...sku, ...patch } : sku)),
    }));

  const addImages = async () => {
    const room = MAX_IMAGES - draft.images.length;
    if (room <= 0) return toast(`最多 ${MAX_IMAGES} 张图片`);
    const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'] }).catch(() => undefined);
    if (!chosen) return;
    setBusy(true);
    const uploaded: string[] = [];
    for (const [index, file] of chosen.tempFilePaths.entries()) {
      const extension =
        /\.(png|jpe?g|webp|gif)$/i.exec(chosen.tempFiles[index]?.originalFileObj?.name ?? file)?.[1] ?? 'jpg';
      const answer = await uploadToCloud(file, `products/${Date.now()}-${index}.${extension.toLowerCase()}`);
      if (answer.ok) uploaded.push(answer.fileID);
      else toast('图片上传失败，请重试');
    }
    setBusy(false);
    setDraft((current) => ({ ...current, images: [...current.images, ...uploaded].slice(0, MAX_IMAGES) }));
  };

  const save = async () => {
    if (busy) return;
    const checked = productInputOf(draft);
    if (!checked.ok) return toast(checked.problem);
    setBusy(true);
    const answer = productId
      ? await updateProduct(productId, checked.input)
      : await createProduct(checked.input);
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast(productId ? '已保存' : '商品已创建');
    if (productId) setDraft(draftOf(answer.data));
    else void Taro.redirectTo({ url: `/package-merchant/product-edit/index?id=${answer.data.product._id}` });
  };

  const applyStockChange = async () => {
    if (!stockChange?.sku.skuId) return;
    const delta = Number(stockChange.delta);
    if (!Number.isInteger(delta) || delta === 0) return toast('请填写增减数量，如 10 或 -3');
    const reason = stockChange.reason.trim();
    if (!reason) return toast('请填写调整原因');
    const answer = await adjustStock({ skuId: stockChange.sku.skuId, delta, reason });
    if (!answer.ok) return toast(errorMessage(answer.code));
    changeSku(stockChange.sku.key, { currentStock: answer.data.stock, stock: String(answer.data.stock) });
    setStockChange(undefined);
    toast(`库存已调整为 ${answer.data.stock}`);
  };

  if (!ready) return <View className="ws ws-empty">加载中…</View>;

  return (
    <View className="ws ws-edit" id="ws-product-form">
      <View className="ws-card">
        <Text className="ws-card__title">基本信息</Text>
        <Text className="ws-edit__label">商品标题</Text>
        <Input
          className="ws-input"
          id="ws-product-title"
          maxlength={60}
          placeholder="60 字以内"
          value={draft.title}
          onInput={(event) => change({ title: event.detail.value })}
        />
        <Text className="ws-edit__label">副标题</Text>
        <Input
          className="ws-input"
          id="ws-product-subtitle"
          maxlength={120}
          placeholder="卖点，选填"
          value={draft.subtitle}
          onInput={(event) => change({ subtitle: event.detail.value })}
        />
        <Text className="ws-edit__label">分类</Text>
        <View className="ws-edit__chips">
          {categories.map((category) => (
            <View
              key={category.id}
              id={`ws-category-${category.id}`}
              className={`ws-edit__chip ${draft.categoryId === category.id ? 'ws-edit__chip--chosen' : ''}`}
              onClick={() => change({ categoryId: category.id })}
            >
              {category.label}
            </View>
          ))}
        </View>
        <Text className="ws-edit__label">标签（空格分隔，最多 5 个）</Text>
        <Input
          className="ws-input"
          id="ws-product-tags"
          placeholder="如：新品 包邮"
          value={draft.tags}
          onInput={(event) => change({ tags: event.detail.value })}
        />
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">商品图片</Text>
          <Text className="ws-muted">第一张为封面，最多 {MAX_IMAGES} 张</Text>
        </View>
        <View className="ws-edit__images" id="ws-product-images">
          {draft.images.map((image, index) => (
            <View key={image} className="ws-edit__image-box">
              <Image className="ws-edit__image" src={imageUrl(image)} mode="aspectFill" />
              <Text
                className="ws-edit__image-remove"
                onClick={() => change({ images: draft.images.filter((_, i) => i !== index) })}
              >
                ×
              </Text>
            </View>
          ))}
          {draft.images.length < MAX_IMAGES ? (
            <View className="ws-edit__image-add" id="ws-product-add-image" onClick={() => void addImages()}>
              {busy ? '上传中' : '+ 上传'}
            </View>
          ) : null}
        </View>
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">规格与库存</Text>
          {draft.specs.length < MAX_SPECS ? (
            <Text
              className="ws-edit__link"
              id="ws-spec-add"
              onClick={() => change({ specs: [...draft.specs, { name: '', values: '' }] })}
            >
              + 添加规格
            </Text>
          ) : null}
        </View>
        {draft.specs.map((spec, index) => (
          <View key={index} className="ws-edit__spec">
            <Input
              className="ws-input ws-edit__spec-name"
              id={`ws-spec-name-${index}`}
              placeholder="规格名，如 颜色"
              value={spec.name}
              onInput={(event) =>
                change({
                  specs: draft.specs.map((s, i) => (i === index ? { ...s, name: event.detail.value } : s)),
                })
              }
            />
            <Input
              className="ws-input ws-edit__spec-values"
              id={`ws-spec-values-${index}`}
              placeholder="规格值，空格分隔，如 红 蓝"
              value={spec.values}
              onInput={(event) =>
                change({
                  specs: draft.specs.map((s, i) => (i === index ? { ...s, values: event.detail.value } : s)),
                })
              }
            />
            <Text
              className="ws-edit__link ws-edit__link--danger"
              onClick={() => change({ specs: draft.specs.filter((_, i) => i !== index) })}
            >
              删除
            </Text>
          </View>
        ))}
        {draft.skus.map((sku, index) => (
          <View key={sku.key} className="ws-edit__sku" id={`ws-sku-${index}`}>
            <View className="ws-edit__sku-head">
              <Text className="ws-edit__sku-name">{skuLabel(sku)}</Text>
              <View className="ws-edit__sku-sale">
                <Text className="ws-muted">在售</Text>
                <Switch
                  checked={sku.onSale}
                  color="#2f6fed"
                  onChange={(event) => changeSku(sku.key, { onSale: event.detail.value })}
                />
              </View>
            </View>
            <View className="ws-edit__sku-fields">
              <View className="ws-edit__field">
                <Text className="ws-muted">售价（元）</Text>
                <Input
                  className="ws-input"
                  id={`ws-sku-price-${index}`}
                  type="digit"
                  value={sku.price}
                  onInput={(event) => changeSku(sku.key, { price: event.detail.value })}
                />
              </View>
              <View className="ws-edit__field">
                <Text className="ws-muted">划线价（元）</Text>
                <Input
                  className="ws-input"
                  id={`ws-sku-original-${index}`}
                  type="digit"
                  placeholder="选填"
                  value={sku.originalPrice}
                  onInput={(event) => changeSku(sku.key, { originalPrice: event.detail.value })}
                />
              </View>
              <View className="ws-edit__field">
                <Text className="ws-muted">库存</Text>
                {sku.skuId ? (
                  <View className="ws-edit__stock">
                    <Text className="ws-edit__stock-value">{sku.currentStock ?? 0}</Text>
                    <Text
                      className="ws-edit__link"
                      id={`ws-sku-adjust-${index}`}
                      onClick={() => setStockChange({ sku, delta: '', reason: '' })}
                    >
                      调整
                    </Text>
                  </View>
                ) : (
                  <Input
                    className="ws-input"
                    id={`ws-sku-stock-${index}`}
                    type="number"
                    value={sku.stock}
                    onInput={(event) => changeSku(sku.key, { stock: event.detail.value })}
                  />
                )}
              </View>
            </View>
          </View>
        ))}
      </View>

      <View className="ws-card">
        <Text className="ws-card__title">商品描述</Text>
        <Textarea
          className="ws-textarea ws-edit__description"
          id="ws-product-description"
          maxlength={2000}
          placeholder="材质、尺码、售后说明等"
          value={draft.description}
          onInput={(event) => change({ description: event.detail.value })}
        />
      </View>

      {stockChange ? (
        <View className="ws-mask" onClick={() => setStockChange(undefined)}>
          <View className="ws-sheet" onClick={(event) => event.stopPropagation()}>
            <Text className="ws-card__title">
              调整库存 · {skuLabel(stockChange.sku)}（现有 {stockChange.sku.currentStock ?? 0}）
            </Text>
            <Input
              className="ws-input ws-edit__sheet-input"
              id="ws-stock-delta"
              type="text"
              placeholder="增减数量，如 10 或 -3"
              value={stockChange.delta}
              onInput={(event) => setStockChange({ ...stockChange, delta: event.detail.value })}
            />
            <Input
              className="ws-input ws-edit__sheet-input"
              id="ws-stock-reason"
              maxlength={50}
              placeholder="原因，如 到货 / 盘点"
              value={stockChange.reason}
              onInput={(event) => setStockChange({ ...stockChange, reason: event.detail.value })}
            />
            <View className="ws-actions">
              <View className="ws-button ws-button--plain" onClick={() => setStockChange(undefined)}>
                取消
              </View>
              <View className="ws-button" id="ws-stock-confirm" onClick={() => void applyStockChange()}>
                确认调整
              </View>
            </View>
          </View>
        </View>
      ) : null}

      <View className="ws-bar">
        <View
          className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
          id="ws-product-save"
          onClick={() => void save()}
        >
          {productId ? '保存修改' : '创建商品'}
        </View>
      </View>
    </View>
  );
}
