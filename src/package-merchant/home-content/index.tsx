/**
 * 首页装修: the banners and notices the buyer's 首页 shows (home.get / home.save, replaced as a whole). Banners
 * are pictures uploaded to cloud storage, each leading nowhere, to a product or to a category; notices are
 * lines of the notice bar. Order on screen is display order. A banner's product or category is picked from a
 * list (LinkPicker), never typed.
 */
import { useCallback, useEffect, useState } from 'react';
import { Image, Input, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BannerLink, HomeBanner, HomeNotice } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { homeContent, merchantCategories, merchantProduct, saveHomeContent } from '../../services/merchant';
import { uploadToCloud } from '../../services/storage';
import '../components/workspace.css';
import LinkPicker, { categoryLabel, type PickedTarget } from './link-picker';
import './index.css';

const MAX_BANNERS = 6;
const MAX_NOTICES = 3;
const LINK_KINDS: { kind: BannerLink['kind']; title: string }[] = [
  { kind: 'none', title: '不跳转' },
  { kind: 'product', title: '商品' },
  { kind: 'category', title: '分类' },
];

/** A banner as the form holds it: the link's target apart from its kind, with the name the form shows for it. */
interface BannerDraft {
  image: string;
  title: string;
  kind: BannerLink['kind'];
  target: string;
  /** The target's title or name; '' until known (the form then shows its id). */
  label: string;
}

function draftOf(banner: HomeBanner, labels: ReadonlyMap<string, string> = new Map()): BannerDraft {
  const link = banner.link;
  const target = link.kind === 'product' ? link.productId : link.kind === 'category' ? link.categoryId : '';
  return {
    image: banner.image,
    title: banner.title,
    kind: link.kind,
    target,
    label: labels.get(target) ?? '',
  };
}

/**
 * The names of the saved banners' targets: one categories.list when a banner opens a category, and each linked
 * product's detail (at most 6). A target that no longer exists keeps no name, so the form shows its id.
 */
async function targetLabels(banners: readonly HomeBanner[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const productIds = [
    ...new Set(banners.flatMap((b) => (b.link.kind === 'product' ? [b.link.productId] : []))),
  ];
  const needsCategories = banners.some((b) => b.link.kind === 'category');
  const [categories, ...products] = await Promise.all([
    needsCategories ? merchantCategories() : undefined,
    ...productIds.map((id) => merchantProduct(id)),
  ]);
  if (categories?.ok)
    for (const category of categories.data.categories)
      labels.set(category._id, categoryLabel(category, categories.data.categories));
  for (const answer of products)
    if (answer?.ok) labels.set(answer.data.product._id, answer.data.product.title);
  return labels;
}

/** The banners to save, or what is wrong with the form. */
function bannersOf(drafts: readonly BannerDraft[]): { banners: HomeBanner[] } | { problem: string } {
  const banners: HomeBanner[] = [];
  for (const [index, draft] of drafts.entries()) {
    const title = draft.title.trim();
    if (title.length > 20) return { problem: `第 ${index + 1} 张横幅的标题最多 20 个字` };
    const target = draft.target.trim();
    if (draft.kind !== 'none' && !target)
      return {
        problem: `请选择第 ${index + 1} 张横幅跳转的${draft.kind === 'product' ? '商品' : '分类'}`,
      };
    const link: BannerLink =
      draft.kind === 'product'
        ? { kind: 'product', productId: target }
        : draft.kind === 'category'
          ? { kind: 'category', categoryId: target }
          : { kind: 'none' };
    banners.push({ image: draft.image, title, link });
  }
  return { banners };
}

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const to = index + by;
  if (to < 0 || to >= next.length) return next;
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

export default function HomeContentPage() {
  const [banners, setBanners] = useState<BannerDraft[]>();
  const [notices, setNotices] = useState<string[]>([]);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The banner whose link target is being picked. */
  const [picking, setPicking] = useState<number>();

  const load = useCallback(async () => {
    const answer = await homeContent();
    if (!answer.ok) return setFailure(answer.code);
    const labels = await targetLabels(answer.data.banners);
    setFailure(undefined);
    setBanners(answer.data.banners.map((banner) => draftOf(banner, labels)));
    setNotices(answer.data.notices.map((notice) => notice.text));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const changeBanner = (index: number, patch: Partial<BannerDraft>) =>
    setBanners((current) => current?.map((b, i) => (i === index ? { ...b, ...patch } : b)));

  /** A product's id means nothing as a category's: another kind starts with no target, and asks for one. */
  const chooseKind = (index: number, kind: BannerLink['kind']) => {
    if (banners?.[index]?.kind === kind) return;
    changeBanner(index, { kind, target: '', label: '' });
    if (kind !== 'none') setPicking(index);
  };

  const pick = (target: PickedTarget) => {
    if (picking === undefined) return;
    changeBanner(picking, { target: target.id, label: target.label });
    setPicking(undefined);
  };

  const addBanner = async () => {
    if ((banners ?? []).length >= MAX_BANNERS) return toast(`最多 ${MAX_BANNERS} 张横幅`);
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] }).catch(() => undefined);
    const file = chosen?.tempFilePaths[0];
    if (!file) return;
    const name = chosen.tempFiles[0]?.originalFileObj?.name ?? file;
    const extension = /\.(png|jpe?g|webp|gif)$/i.exec(name)?.[1]?.toLowerCase() ?? 'jpg';
    setBusy(true);
    const answer = await uploadToCloud(file, `banners/${Date.now()}.${extension}`);
    setBusy(false);
    if (!answer.ok) return toast('图片上传失败，请重试');
    setBanners((current) => [
      ...(current ?? []),
      { image: answer.fileID, title: '', kind: 'none', target: '', label: '' },
    ]);
  };

  const save = async () => {
    if (!banners || busy) return;
    const checked = bannersOf(banners);
    if ('problem' in checked) return toast(checked.problem);
    const texts = notices.map((text) => text.trim());
    const badNotice = texts.findIndex((text) => text.length < 1 || text.length > 60);
    if (badNotice >= 0) return toast(`第 ${badNotice + 1} 条公告需 1-60 个字`);
    setBusy(true);
    const answer = await saveHomeContent(
      checked.banners,
      texts.map((text): HomeNotice => ({ text })),
    );
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast('首页已更新');
    // The saved targets are the ones just picked, so their names are already in the form.
    const labels = new Map(banners.map((banner) => [banner.target, banner.label]));
    setBanners(answer.data.banners.map((banner) => draftOf(banner, labels)));
    setNotices(answer.data.notices.map((notice) => notice.text));
  };

  if (!banners)
    return (
      <View className="ws">
        {failure ? (
          <View className="ws-empty" onClick={() => void load()}>
            {errorMessage(failure)}，点此重试
          </View>
        ) : (
          <View className="ws-empty">加载中…</View>
        )}
      </View>
    );

  return (
    <View className="ws ws-homeedit" id="ws-home-content">
      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">横幅</Text>
          <Text className="ws-muted">
            {banners.length}/{MAX_BANNERS} · 按顺序轮播
          </Text>
        </View>
        {banners.length === 0 ? <View className="ws-empty ws-homeedit__empty">还没有横幅</View> : null}
        {banners.map((banner, index) => (
          <View key={`${banner.image}-${index}`} className="ws-homeedit__banner" id={`ws-banner-${index}`}>
            <Image className="ws-homeedit__image" src={imageUrl(banner.image)} mode="aspectFill" />
            <Input
              className="ws-input ws-homeedit__field"
              id={`ws-banner-title-${index}`}
              maxlength={20}
              placeholder="标题（选填）"
              value={banner.title}
              onInput={(event) => changeBanner(index, { title: event.detail.value })}
            />
            <View className="ws-homeedit__kinds">
              {LINK_KINDS.map((item) => (
                <View
                  key={item.kind}
                  id={`ws-banner-${index}-link-${item.kind}`}
                  className={`ws-homeedit__kind ${banner.kind === item.kind ? 'ws-homeedit__kind--chosen' : ''}`}
                  onClick={() => chooseKind(index, item.kind)}
                >
                  {item.title}
                </View>
              ))}
            </View>
            {banner.kind !== 'none' ? (
              <View
                className={`ws-homeedit__target ${banner.target ? '' : 'ws-homeedit__target--empty'}`}
                id={`ws-banner-target-${index}`}
                onClick={() => setPicking(index)}
              >
                <Text>
                  {banner.target
                    ? banner.label || banner.target
                    : banner.kind === 'product'
                      ? '请选择商品'
                      : '请选择分类'}
                </Text>
                <Text className="ws-homeedit__target-change">{banner.target ? '更换' : '选择'} ›</Text>
              </View>
            ) : null}
            <View className="ws-actions">
              <Text className="ws-homeedit__link" onClick={() => setBanners(moved(banners, index, -1))}>
                上移
              </Text>
              <Text className="ws-homeedit__link" onClick={() => setBanners(moved(banners, index, 1))}>
                下移
              </Text>
              <Text
                className="ws-homeedit__link ws-homeedit__link--danger"
                id={`ws-banner-remove-${index}`}
                onClick={() => setBanners(banners.filter((_, i) => i !== index))}
              >
                删除
              </Text>
            </View>
          </View>
        ))}
        {banners.length < MAX_BANNERS ? (
          <View
            className="ws-button ws-button--plain ws-homeedit__add"
            id="ws-banner-add"
            onClick={() => void addBanner()}
          >
            {busy ? '上传中…' : '+ 上传横幅图片'}
          </View>
        ) : null}
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">公告</Text>
          <Text className="ws-muted">
            {notices.length}/{MAX_NOTICES} · 首页公告栏滚动显示
          </Text>
        </View>
        {notices.map((notice, index) => (
          <View key={index} className="ws-homeedit__notice">
            <Input
              className="ws-input ws-homeedit__notice-input"
              id={`ws-notice-${index}`}
              maxlength={60}
              placeholder="公告内容（60 字以内）"
              value={notice}
              onInput={(event) =>
                setNotices(notices.map((text, i) => (i === index ? event.detail.value : text)))
              }
            />
            <Text
              className="ws-homeedit__link ws-homeedit__link--danger"
              id={`ws-notice-remove-${index}`}
              onClick={() => setNotices(notices.filter((_, i) => i !== index))}
            >
              删除
            </Text>
          </View>
        ))}
        {notices.length < MAX_NOTICES ? (
          <View
            className="ws-button ws-button--plain ws-homeedit__add"
            id="ws-notice-add"
            onClick={() => setNotices([...notices, ''])}
          >
            + 添加公告
          </View>
        ) : null}
      </View>

      <View className="ws-bar">
        <View
          className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
          id="ws-home-save"
          onClick={() => void save()}
        >
          保存并发布
        </View>
      </View>

      {picking !== undefined && banners[picking] && banners[picking].kind !== 'none' ? (
        <LinkPicker
          kind={banners[picking].kind === 'product' ? 'product' : 'category'}
          chosenId={banners[picking].target}
          onPick={pick}
          onCancel={() => setPicking(undefined)}
        />
      ) : null}
    </View>
  );
}
