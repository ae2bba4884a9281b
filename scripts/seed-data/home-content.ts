/**
 * The sample shop's 首页 as a merchant would set it in 首页装修: banners leading to a product and to categories,
 * each with artwork drawn from the products it leads to, and notices that say what the shop really does
 * (its shipping rule, its newcomer coupon).
 */
import type { BannerLink, HomeNotice } from '../../types/merchant-catalog';
import type { BannerArtwork } from './pictures';

export interface BannerDef {
  /** The picture's file name under banners/. */
  id: string;
  /** What the workspace lists and a screen reader reads (at most 20 characters). */
  title: string;
  link: BannerLink;
  art: BannerArtwork;
}

export const BANNER_DEFS: readonly BannerDef[] = [
  {
    id: 'sports-watch',
    title: '新品 智能运动手表GT',
    // 智能运动手表GT, in its two colours.
    link: { kind: 'product', productId: 'p016' },
    art: {
      colour: '#4a7bd8',
      tag: '新品上市',
      headline: '智能运动手表GT',
      subline: '心率血氧监测 · 14天超长续航',
      items: [
        { shape: 'watch', colour: '#c0c4cc', x: 316, y: 30, scale: 0.72, rotate: 14 },
        { shape: 'watch', colour: '#3a3a3a', x: 246, y: 12, scale: 0.9, rotate: -8 },
      ],
    },
  },
  {
    id: 'fresh-fruit',
    title: '新鲜水果 产地直发',
    // 新鲜水果: 烟台红富士苹果 and 海南金煌芒果.
    link: { kind: 'category', categoryId: 'c0503' },
    art: {
      colour: '#ee8f35',
      headline: '鲜果产地直发',
      subline: '烟台红富士 · 海南金煌芒',
      items: [
        { shape: 'mango', colour: '#f2c94c', x: 326, y: 22, scale: 0.8 },
        { shape: 'apple', colour: '#d9363e', x: 230, y: 46, scale: 0.72, rotate: -10 },
        { shape: 'apple', colour: '#e5533d', x: 300, y: 104, scale: 0.46, rotate: 12 },
      ],
    },
  },
  {
    id: 'sports-gear',
    title: '运动装备专场',
    // 运动: 球类, 健身 and 户外.
    link: { kind: 'category', categoryId: 'c07' },
    art: {
      colour: '#4fa85a',
      headline: '运动装备专场',
      subline: '球类 · 健身 · 户外',
      items: [
        { shape: 'backpack', colour: '#2f4f8f', x: 338, y: 18, scale: 0.74 },
        { shape: 'ball', colour: '#f2994a', x: 232, y: 34, scale: 0.58 },
        { shape: 'dumbbell', colour: '#3a3a3a', x: 268, y: 106, scale: 0.52, rotate: -12 },
      ],
    },
  },
];

export const NOTICES: readonly HomeNotice[] = [
  { text: '全场满99元包邮，偏远地区另加运费' },
  { text: '新用户可到 我的 → 领券中心 领取无门槛5元新人券' },
];
