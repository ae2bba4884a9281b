/**
 * The sheet where 首页装修 picks what a banner opens: a product found by search (products.list, as the 商品 list
 * searches) or a category of either level (categories.list), instead of typing its number.
 */
import { useCallback, useEffect, useState } from 'react';
import { Image, Input, ScrollView, Text, View } from '@tarojs/components';
import type { Category, MerchantProductRow } from '@shop/types';
import { formatPrice } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { merchantCategories, merchantProducts } from '../../services/merchant';

export interface PickedTarget {
  id: string;
  /** What the form shows for it: the product's title or the category's name (with its parent's). */
  label: string;
}

interface LinkPickerProps {
  kind: 'product' | 'category';
  chosenId: string;
  onPick: (target: PickedTarget) => void;
  onCancel: () => void;
}

/** '服饰 / 女装' for a subcategory, '服饰' for a top one. */
export function categoryLabel(category: Category, all: readonly Category[]): string {
  const parent = category.parentId ? all.find((c) => c._id === category.parentId) : undefined;
  return parent ? `${parent.name} / ${category.name}` : category.name;
}

/** Top categories each followed by its subcategories, as the 分类 tab shows them. */
function inTreeOrder(categories: readonly Category[]): Category[] {
  const tops = categories.filter((c) => !c.parentId);
  return tops.flatMap((top) => [top, ...categories.filter((c) => c.parentId === top._id)]);
}

function ProductChoices({ chosenId, onPick }: Pick<LinkPickerProps, 'chosenId' | 'onPick'>) {
  const [keyword, setKeyword] = useState('');
  const [rows, setRows] = useState<MerchantProductRow[]>();
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [failure, setFailure] = useState<string>();

  const search = useCallback(async (text: string, nextPage: number) => {
    const answer = await merchantProducts({ keyword: text.trim() || undefined, page: nextPage });
    if (!answer.ok) return setFailure(answer.code);
    setFailure(undefined);
    setRows((current) => (nextPage === 1 ? answer.data.items : [...(current ?? []), ...answer.data.items]));
    setPage(nextPage);
    setHasMore(answer.data.hasMore);
  }, []);
  useEffect(() => {
    void search('', 1);
  }, [search]);

  return (
    <>
      <View className="ws-search ws-picker__search">
        <Input
          className="ws-input ws-search__input"
          id="ws-link-keyword"
          placeholder="搜索商品名称"
          value={keyword}
          confirmType="search"
          onInput={(event) => setKeyword(event.detail.value)}
          onConfirm={() => void search(keyword, 1)}
        />
        <View className="ws-button" id="ws-link-search" onClick={() => void search(keyword, 1)}>
          搜索
        </View>
      </View>
      <ScrollView className="ws-picker__list" scrollY>
        {failure ? <View className="ws-empty">{errorMessage(failure)}</View> : null}
        {!failure && !rows ? <View className="ws-empty">加载中…</View> : null}
        {rows && rows.length === 0 ? <View className="ws-empty">没有找到商品</View> : null}
        {rows?.map((row) => (
          <View
            key={row._id}
            className={`ws-picker__product ${row._id === chosenId ? 'ws-picker__row--chosen' : ''}`}
            id={`ws-link-product-${row._id}`}
            onClick={() => onPick({ id: row._id, label: row.title })}
          >
            <Image className="ws-picker__image" src={imageUrl(row.image)} mode="aspectFill" />
            <View className="ws-picker__product-text">
              <Text className="ws-picker__title">{row.title}</Text>
              <Text className="ws-muted">
                {formatPrice(row.minPrice)} · 库存 {row.stock}
                {row.onSale ? '' : ' · 已下架'}
              </Text>
            </View>
          </View>
        ))}
        {hasMore ? (
          <View className="ws-more" id="ws-link-more" onClick={() => void search(keyword, page + 1)}>
            加载更多
          </View>
        ) : null}
      </ScrollView>
    </>
  );
}

function CategoryChoices({ chosenId, onPick }: Pick<LinkPickerProps, 'chosenId' | 'onPick'>) {
  const [categories, setCategories] = useState<Category[]>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    void merchantCategories().then((answer) =>
      answer.ok ? setCategories(answer.data.categories) : setFailure(answer.code),
    );
  }, []);
  return (
    <ScrollView className="ws-picker__list" scrollY>
      {failure ? <View className="ws-empty">{errorMessage(failure)}</View> : null}
      {!failure && !categories ? <View className="ws-empty">加载中…</View> : null}
      {categories && categories.length === 0 ? <View className="ws-empty">还没有分类</View> : null}
      {categories
        ? inTreeOrder(categories).map((category) => (
            <View
              key={category._id}
              className={`ws-picker__category ${category.parentId ? 'ws-picker__category--sub' : ''} ${
                category._id === chosenId ? 'ws-picker__row--chosen' : ''
              }`}
              id={`ws-link-category-${category._id}`}
              onClick={() => onPick({ id: category._id, label: categoryLabel(category, categories) })}
            >
              {category.name}
            </View>
          ))
        : null}
    </ScrollView>
  );
}

export default function LinkPicker({ kind, chosenId, onPick, onCancel }: LinkPickerProps) {
  return (
    <View className="ws-mask" onClick={onCancel}>
      <View className="ws-sheet ws-picker" id="ws-link-picker" onClick={(event) => event.stopPropagation()}>
        <View className="ws-card__head">
          <Text className="ws-card__title">{kind === 'product' ? '选择跳转的商品' : '选择跳转的分类'}</Text>
          <Text className="ws-homeedit__link" id="ws-link-cancel" onClick={onCancel}>
            取消
          </Text>
        </View>
        {kind === 'product' ? (
          <ProductChoices chosenId={chosenId} onPick={onPick} />
        ) : (
          <CategoryChoices chosenId={chosenId} onPick={onPick} />
        )}
      </View>
    </View>
  );
}
