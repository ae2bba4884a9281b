/** The seed shop's two-level categories, each with the colour and the shape its pictures are drawn with. */
import type { ShapeName } from './shapes';

export interface TopCategoryDef {
  id: string;
  name: string;
  /** Base colour of the category's pictures. */
  colour: string;
  children: Array<{ id: string; name: string; shape: ShapeName }>;
}

export const CATEGORY_DEFS: readonly TopCategoryDef[] = [
  {
    id: 'c01',
    name: '服饰',
    colour: '#e06666',
    children: [
      { id: 'c0101', name: '男装', shape: 'shirt' },
      { id: 'c0102', name: '女装', shape: 'dress' },
      { id: 'c0103', name: '鞋靴', shape: 'shoe' },
    ],
  },
  {
    id: 'c02',
    name: '数码',
    colour: '#4a7bd8',
    children: [
      { id: 'c0201', name: '手机配件', shape: 'phone' },
      { id: 'c0202', name: '耳机音箱', shape: 'headphones' },
      { id: 'c0203', name: '智能穿戴', shape: 'watch' },
    ],
  },
  {
    id: 'c03',
    name: '家居',
    colour: '#3aa58f',
    children: [
      { id: 'c0301', name: '餐厨', shape: 'mug' },
      { id: 'c0302', name: '家纺', shape: 'pillow' },
      { id: 'c0303', name: '收纳', shape: 'box' },
    ],
  },
  {
    id: 'c04',
    name: '美妆',
    colour: '#d9689c',
    children: [
      { id: 'c0401', name: '彩妆', shape: 'lipstick' },
      { id: 'c0402', name: '护肤', shape: 'bottle' },
    ],
  },
  {
    id: 'c05',
    name: '食品',
    colour: '#ee8f35',
    children: [
      { id: 'c0501', name: '休闲零食', shape: 'snack' },
      { id: 'c0502', name: '茶饮冲调', shape: 'teacup' },
      { id: 'c0503', name: '新鲜水果', shape: 'apple' },
    ],
  },
  {
    id: 'c06',
    name: '母婴',
    colour: '#d9a521',
    children: [
      { id: 'c0601', name: '喂养用品', shape: 'babyBottle' },
      { id: 'c0602', name: '益智玩具', shape: 'blocks' },
    ],
  },
  {
    id: 'c07',
    name: '运动',
    colour: '#4fa85a',
    children: [
      { id: 'c0701', name: '球类', shape: 'ball' },
      { id: 'c0702', name: '健身', shape: 'dumbbell' },
      { id: 'c0703', name: '户外', shape: 'backpack' },
    ],
  },
  {
    id: 'c08',
    name: '图书',
    colour: '#8567cf',
    children: [
      { id: 'c0801', name: '文学', shape: 'book' },
      { id: 'c0802', name: '童书', shape: 'book' },
      { id: 'c0803', name: '科技', shape: 'book' },
    ],
  },
];
