/**
 * The seed shop's pictures as small SVG files: a soft gradient in the category's colour behind the
 * category's shape, painted in the product's colour. No text, so they suit any language and stay small.
 */
import { SHAPES, type ShapeName, type Tones } from './shapes';

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Mixes `hex` towards `towards` by `amount` (0 = unchanged, 1 = `towards`). */
function mix(hex: string, towards: string, amount: number): string {
  const a = channels(hex);
  const b = channels(towards);
  return toHex([0, 1, 2].map((i) => a[i] + (b[i] - a[i]) * amount) as [number, number, number]);
}

export const tint = (hex: string, amount: number) => mix(hex, '#ffffff', amount);
export const shade = (hex: string, amount: number) => mix(hex, '#000000', amount);

export function tones(fill: string): Tones {
  return { fill, dark: shade(fill, 0.45), light: tint(fill, 0.7) };
}

/** Colour words of spec values (longest first, so '米白' wins over '白'); others fall back to the category's. */
const COLOUR_WORDS: ReadonlyArray<[string, string]> = [
  ['米白', '#efe6d6'],
  ['燕麦', '#d9c9a8'],
  ['藏青', '#2c3e66'],
  ['浅蓝', '#8fb8e8'],
  ['深蓝', '#2f4f8f'],
  ['卡其', '#c8a877'],
  ['番茄', '#e5533d'],
  ['豆沙', '#c27c7c'],
  ['橘棕', '#b8633a'],
  ['大地', '#a47551'],
  ['蜜桃', '#f4a28c'],
  ['玫瑰', '#d46a8a'],
  ['红', '#d9363e'],
  ['粉', '#f29bb5'],
  ['紫', '#9b6ad6'],
  ['绿', '#4caf7a'],
  ['黄', '#f2c94c'],
  ['橙', '#f2994a'],
  ['棕', '#8b5e3c'],
  ['金', '#d4af37'],
  ['银', '#c0c4cc'],
  ['灰', '#9aa0a6'],
  ['白', '#f5f5f5'],
  ['黑', '#3a3a3a'],
  ['蓝', '#3b6fd6'],
];

export function colourOf(word: string): string | undefined {
  return COLOUR_WORDS.find(([key]) => word.includes(key))?.[1];
}

function svg(body: string, defs: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 200 200"><defs>${defs}</defs>${body}</svg>\n`;
}

function gradient(id: string, from: string, to: string, x2: number, y2: number): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`;
}

/**
 * Picture `n` (1-based) of a product: 1 is the cover, 2 a tilted view on a lighter ground, 3 a close-up.
 */
export function productPicture(
  shape: ShapeName,
  categoryColour: string,
  productColour: string,
  n: number,
): string {
  const draw = SHAPES[shape](tones(productColour));
  const rect = '<rect width="200" height="200" fill="url(#g)"/>';
  if (n === 1) {
    return svg(
      `${rect}<circle cx="100" cy="100" r="78" fill="#fff" opacity=".45"/>${draw}`,
      gradient('g', tint(categoryColour, 0.88), tint(categoryColour, 0.55), 1, 1),
    );
  }
  if (n === 2) {
    return svg(
      `${rect}<circle cx="156" cy="44" r="26" fill="#fff" opacity=".5"/><circle cx="40" cy="160" r="14" fill="#fff" opacity=".5"/>` +
        `<g transform="rotate(-10 100 100) translate(14 14) scale(.86)">${draw}</g>`,
      gradient('g', tint(categoryColour, 0.93), tint(categoryColour, 0.72), 0, 1),
    );
  }
  return svg(
    `${rect}<g transform="translate(-55 -40) scale(1.5)">${draw}</g>`,
    gradient('g', tint(categoryColour, 0.8), tint(categoryColour, 0.6), 1, 0),
  );
}

/** A round category icon: the shape in the category's colour on a pale disc. */
export function categoryIcon(shape: ShapeName, colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 200 200"><circle cx="100" cy="100" r="100" fill="${tint(colour, 0.82)}"/><g transform="translate(20 20) scale(.8)">${SHAPES[shape](tones(colour))}</g></svg>\n`;
}

/** One product drawn on a banner: which shape, in which colour, where (in the banner's 468×200 box). */
export interface BannerItem {
  shape: ShapeName;
  colour: string;
  x: number;
  y: number;
  /** 1 = the shape's own 200×200 box. */
  scale: number;
  rotate?: number;
}

export interface BannerArtwork {
  /** The colour of the category the banner leads to: ground, headline and button are tones of it. */
  colour: string;
  /** A small tag above the headline, e.g. 新品上市. */
  tag?: string;
  headline: string;
  subline: string;
  /** Drawn in order, the last on top. */
  items: readonly BannerItem[];
}

const BANNER_FONT = `font-family="'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif"`;

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A 首页 banner (702×300 on the page, drawn at 2×): the products it leads to, drawn as on their own pictures,
 * on a gradient of the category's colour, with a headline, a line saying what is inside and a 去看看 button.
 * Unlike product pictures a banner carries text, as a shop's banners do: the words say what the picture shows.
 */
export function bannerPicture(art: BannerArtwork): string {
  const ink = shade(art.colour, 0.55);
  const items = art.items
    .map(
      (item) =>
        `<g transform="translate(${item.x} ${item.y}) scale(${item.scale})${item.rotate ? ` rotate(${item.rotate} 100 100)` : ''}">` +
        `${SHAPES[item.shape](tones(item.colour))}</g>`,
    )
    .join('');
  const top = art.tag ? 70 : 62;
  const tag = art.tag
    ? `<rect x="28" y="28" width="${art.tag.length * 12 + 16}" height="20" rx="10" fill="${shade(art.colour, 0.15)}"/>` +
      `<text x="36" y="42.5" font-size="12" fill="#fff" ${BANNER_FONT}>${escapeText(art.tag)}</text>`
    : '';
  const text =
    tag +
    `<text x="28" y="${top + 26}" font-size="28" font-weight="700" fill="${ink}" ${BANNER_FONT}>${escapeText(art.headline)}</text>` +
    `<text x="28" y="${top + 52}" font-size="14" fill="${shade(art.colour, 0.35)}" ${BANNER_FONT}>${escapeText(art.subline)}</text>` +
    `<rect x="28" y="${top + 68}" width="84" height="28" rx="14" fill="${shade(art.colour, 0.1)}"/>` +
    `<text x="70" y="${top + 87}" font-size="13" fill="#fff" text-anchor="middle" ${BANNER_FONT}>去看看 ›</text>`;
  const ground =
    '<rect width="468" height="200" fill="url(#g)"/>' +
    '<circle cx="350" cy="100" r="118" fill="#fff" opacity=".38"/>' +
    '<circle cx="452" cy="22" r="34" fill="#fff" opacity=".3"/><circle cx="236" cy="188" r="20" fill="#fff" opacity=".3"/>';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1404" height="600" viewBox="0 0 468 200">` +
    `<defs>${gradient('g', tint(art.colour, 0.9), tint(art.colour, 0.55), 1, 0.4)}</defs>` +
    `${ground}${items}${text}</svg>\n`
  );
}
