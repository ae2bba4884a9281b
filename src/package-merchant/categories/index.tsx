/**
 * 分类管理: the shop's two levels of categories in display order. Add a top-level category or one under it,
 * rename or re-sort one, remove one that holds nothing (the server answers CATEGORY_IN_USE otherwise).
 */
import { useCallback, useEffect, useState } from 'react';
import { Input, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Category } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { createCategory, merchantCategories, removeCategory, updateCategory } from '../../services/merchant';
import '../components/workspace.css';
import './index.css';

interface CategoryDraft {
  /** Absent: a new category. */
  category?: Category;
  parentId: string | null;
  name: string;
  sort: string;
}

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

const bySort = (a: Category, b: Category) => a.sort - b.sort;

export default function CategoriesPage() {
  const [categories, setCategories] = useState<Category[]>();
  const [failure, setFailure] = useState<string>();
  const [draft, setDraft] = useState<CategoryDraft>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const answer = await merchantCategories();
    if (!answer.ok) return setFailure(answer.code);
    setFailure(undefined);
    setCategories(answer.data.categories);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const tops = (categories ?? []).filter((c) => c.parentId === null).sort(bySort);
  const childrenOf = (id: string) => (categories ?? []).filter((c) => c.parentId === id).sort(bySort);
  const nextSort = (parentId: string | null) =>
    Math.max(0, ...(categories ?? []).filter((c) => c.parentId === parentId).map((c) => c.sort)) + 1;

  const save = async () => {
    if (!draft || busy) return;
    const name = draft.name.trim();
    if (name.length < 1 || name.length > 10) return toast('分类名称需 1-10 个字');
    const sort = Number(draft.sort);
    if (!Number.isInteger(sort) || sort < 0) return toast('排序请填写 0 或正整数');
    const input = { parentId: draft.parentId, name, icon: draft.category?.icon ?? '', sort };
    setBusy(true);
    const answer = draft.category
      ? await updateCategory(draft.category._id, input)
      : await createCategory(input);
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast(draft.category ? '已保存' : '分类已添加');
    setDraft(undefined);
    void load();
  };

  const remove = async (category: Category) => {
    const { confirm } = await Taro.showModal({
      title: '删除分类',
      content: `确定删除「${category.name}」吗？`,
      confirmColor: '#e5484d',
    }).catch(() => ({ confirm: false }));
    if (!confirm) return;
    const answer = await removeCategory(category._id);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast('已删除');
    void load();
  };

  const edit = (category: Category) =>
    setDraft({ category, parentId: category.parentId, name: category.name, sort: String(category.sort) });
  const add = (parentId: string | null) => setDraft({ parentId, name: '', sort: String(nextSort(parentId)) });

  const row = (category: Category, level: 1 | 2) => (
    <View key={category._id} className={`ws-cat__row ws-cat__row--${level}`} id={`ws-cat-${category._id}`}>
      <Text className="ws-cat__name">{category.name}</Text>
      <Text className="ws-muted ws-cat__sort">排序 {category.sort}</Text>
      {level === 1 ? (
        <Text className="ws-cat__link" id={`ws-cat-add-${category._id}`} onClick={() => add(category._id)}>
          添加子类
        </Text>
      ) : null}
      <Text className="ws-cat__link" id={`ws-cat-edit-${category._id}`} onClick={() => edit(category)}>
        编辑
      </Text>
      <Text
        className="ws-cat__link ws-cat__link--danger"
        id={`ws-cat-remove-${category._id}`}
        onClick={() => void remove(category)}
      >
        删除
      </Text>
    </View>
  );

  return (
    <View className="ws ws-cats" id="ws-categories">
      {failure && !categories ? (
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(failure)}，点此重试
        </View>
      ) : null}
      {!failure && !categories ? <View className="ws-empty">加载中…</View> : null}
      {categories && tops.length === 0 ? <View className="ws-empty">还没有分类</View> : null}
      {tops.map((top) => (
        <View key={top._id} className="ws-card ws-cat">
          {row(top, 1)}
          {childrenOf(top._id).map((child) => row(child, 2))}
        </View>
      ))}

      {draft ? (
        <View className="ws-mask" onClick={() => setDraft(undefined)}>
          <View className="ws-sheet" id="ws-cat-form" onClick={(event) => event.stopPropagation()}>
            <Text className="ws-card__title">
              {draft.category ? '编辑分类' : draft.parentId ? '添加子分类' : '添加一级分类'}
            </Text>
            {draft.parentId ? (
              <Text className="ws-muted ws-cat__parent">
                所属：{(categories ?? []).find((c) => c._id === draft.parentId)?.name ?? ''}
              </Text>
            ) : null}
            <Input
              className="ws-input ws-cat__input"
              id="ws-cat-name"
              maxlength={10}
              placeholder="分类名称（10 字以内）"
              value={draft.name}
              onInput={(event) => setDraft({ ...draft, name: event.detail.value })}
            />
            <Input
              className="ws-input ws-cat__input"
              id="ws-cat-sort"
              type="number"
              placeholder="排序（小的在前）"
              value={draft.sort}
              onInput={(event) => setDraft({ ...draft, sort: event.detail.value })}
            />
            <View className="ws-actions">
              <View className="ws-button ws-button--plain" onClick={() => setDraft(undefined)}>
                取消
              </View>
              <View
                className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
                id="ws-cat-save"
                onClick={() => void save()}
              >
                保存
              </View>
            </View>
          </View>
        </View>
      ) : null}

      <View className="ws-bar">
        <View className="ws-button" id="ws-cat-new" onClick={() => add(null)}>
          添加一级分类
        </View>
      </View>
    </View>
  );
}
