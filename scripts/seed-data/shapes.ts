/**
 * Simple iconic shapes of the seed pictures, drawn in a 200×200 box around its centre. Each takes the
 * product's colour and two derived tones, so one shape serves every colour of a product.
 */

export interface Tones {
  /** The product's colour. */
  fill: string;
  /** Outlines and solid details. */
  dark: string;
  /** Highlights and labels. */
  light: string;
}

type Draw = (t: Tones) => string;

const line = (t: Tones, width = 3) =>
  `stroke="${t.dark}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"`;

/** A snack bag: zig-zag sealed edges at top and bottom, bulging sides. */
function snackBagPath(): string {
  const xs = Array.from({ length: 11 }, (_, i) => Math.round((56 + i * 8.8) * 10) / 10);
  const top = xs.map((x, i) => `L${x} ${i % 2 ? 34 : 40}`).join('');
  const bottom = [...xs]
    .reverse()
    .map((x, i) => `L${x} ${i % 2 ? 166 : 160}`)
    .join('');
  return `M56 40${top}Q152 100 144 160${bottom}Q48 100 56 40Z`;
}

export const SHAPES = {
  shirt: (t) =>
    `<path d="M76 44L52 52 30 76 48 96 62 86V156H138V86L152 96 170 76 148 52 124 44Q100 64 76 44Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M82 47Q100 60 118 47" fill="none" ${line(t)}/><path d="M112 100H128" ${line(t)} opacity=".5"/>`,
  dress: (t) =>
    `<path d="M84 40H116L112 72Q124 84 128 96L150 158Q100 170 50 158L72 96Q76 84 88 72Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M86 40 90 26M114 40 110 26M74 96H126" fill="none" ${line(t)}/>`,
  shoe: (t) =>
    `<path d="M34 128V96Q50 96 62 82L78 78Q86 96 104 100Q140 106 162 114Q172 120 168 132H34Z" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="30" y="128" width="142" height="14" rx="7" fill="${t.dark}"/>` +
    `<path d="M74 88 86 84M80 96 92 92M88 103 100 99" stroke="${t.light}" stroke-width="3" stroke-linecap="round"/>`,
  phone: (t) =>
    `<rect x="64" y="28" width="72" height="144" rx="12" fill="${t.dark}"/>` +
    `<rect x="70" y="40" width="60" height="120" rx="4" fill="${t.fill}"/>` +
    `<path d="M76 48 96 48 76 90Z" fill="${t.light}" opacity=".5"/><circle cx="100" cy="34" r="2.5" fill="${t.light}"/>`,
  headphones: (t) =>
    `<path d="M54 118V100A46 46 0 0 1 146 100V118" fill="none" ${line(t, 10)}/>` +
    `<rect x="40" y="104" width="28" height="50" rx="12" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="132" y="104" width="28" height="50" rx="12" fill="${t.fill}" ${line(t)}/>`,
  watch: (t) =>
    `<rect x="80" y="28" width="40" height="144" rx="10" fill="${t.dark}"/>` +
    `<circle cx="100" cy="100" r="38" fill="${t.light}" stroke="${t.fill}" stroke-width="8"/>` +
    `<path d="M100 100V78M100 100 116 108" fill="none" ${line(t, 4)}/>`,
  mug: (t) =>
    `<path d="M140 82Q166 82 166 106Q166 130 140 130" fill="none" ${line(t, 10)}/>` +
    `<rect x="50" y="64" width="94" height="98" rx="12" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M78 52Q72 42 80 32M100 52Q94 42 102 32M122 52Q116 42 124 32" fill="none" ${line(t)} opacity=".5"/>`,
  pillow: (t) =>
    `<path d="M40 62Q100 48 160 62Q172 100 160 138Q100 152 40 138Q28 100 40 62Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M60 80Q100 72 140 80M60 120Q100 128 140 120" fill="none" stroke="${t.light}" stroke-width="3"/>`,
  box: (t) =>
    `<rect x="44" y="82" width="112" height="78" rx="6" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="38" y="64" width="124" height="24" rx="6" fill="${t.dark}"/>` +
    `<rect x="84" y="106" width="32" height="10" rx="5" fill="${t.light}"/>`,
  lipstick: (t) =>
    `<path d="M84 82V56L116 38V82Z" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="80" y="80" width="40" height="24" rx="3" fill="${t.light}" ${line(t)}/>` +
    `<rect x="74" y="102" width="52" height="70" rx="6" fill="${t.dark}"/>`,
  bottle: (t) =>
    `<rect x="86" y="28" width="28" height="22" rx="4" fill="${t.dark}"/><rect x="92" y="48" width="16" height="14" fill="${t.dark}"/>` +
    `<rect x="66" y="60" width="68" height="110" rx="18" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="80" y="96" width="40" height="40" rx="6" fill="${t.light}"/>`,
  snack: (t) =>
    `<path d="${snackBagPath()}" fill="${t.fill}" ${line(t)}/>` +
    `<circle cx="100" cy="104" r="24" fill="${t.light}"/><path d="M60 64H140" stroke="${t.dark}" stroke-width="6" opacity=".4"/>`,
  teacup: (t) =>
    `<ellipse cx="100" cy="150" rx="62" ry="12" fill="${t.dark}"/>` +
    `<path d="M150 96Q170 96 168 114Q166 128 146 126" fill="none" ${line(t, 6)}/>` +
    `<path d="M50 84H150Q148 140 100 144Q52 140 50 84Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M96 70Q80 50 100 34Q118 52 96 70Z" fill="${t.light}" ${line(t, 2)}/>`,
  apple: (t) =>
    `<path d="M100 64Q70 44 54 72Q40 104 62 138Q80 164 100 150Q120 164 138 138Q160 104 146 72Q130 44 100 64Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M100 64Q100 46 108 36" fill="none" ${line(t, 4)}/><path d="M104 50Q120 34 138 42Q124 60 104 50Z" fill="${t.light}" ${line(t, 2)}/>`,
  babyBottle: (t) =>
    `<path d="M92 46Q92 28 100 26Q108 28 108 46Z" fill="${t.light}" ${line(t, 2)}/>` +
    `<rect x="80" y="44" width="40" height="16" rx="4" fill="${t.dark}"/>` +
    `<rect x="72" y="58" width="56" height="112" rx="16" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M88 84H104M88 104H104M88 124H104M88 144H104" stroke="${t.light}" stroke-width="3"/>`,
  blocks: (t) =>
    `<rect x="46" y="112" width="50" height="50" rx="6" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="104" y="112" width="50" height="50" rx="6" fill="${t.light}" ${line(t)}/>` +
    `<path d="M75 106 100 58 125 106Z" fill="${t.dark}"/><circle cx="71" cy="137" r="9" fill="${t.light}"/>`,
  ball: (t) =>
    `<circle cx="100" cy="100" r="62" fill="${t.fill}" ${line(t, 4)}/>` +
    `<path d="M38 100H162M100 38V162M58 54Q86 100 58 146M142 54Q114 100 142 146" fill="none" ${line(t, 4)}/>`,
  dumbbell: (t) =>
    `<rect x="56" y="94" width="88" height="12" rx="4" fill="${t.dark}"/>` +
    `<rect x="34" y="64" width="22" height="72" rx="6" fill="${t.fill}" ${line(t)}/><rect x="144" y="64" width="22" height="72" rx="6" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="22" y="78" width="12" height="44" rx="4" fill="${t.dark}"/><rect x="166" y="78" width="12" height="44" rx="4" fill="${t.dark}"/>`,
  backpack: (t) =>
    `<path d="M76 50Q76 30 100 30Q124 30 124 50" fill="none" ${line(t, 8)}/>` +
    `<rect x="52" y="46" width="96" height="124" rx="26" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="68" y="108" width="64" height="46" rx="10" fill="${t.light}" ${line(t)}/><path d="M68 124H132" ${line(t)}/>`,
  book: (t) =>
    `<path d="M100 58Q72 44 38 50V150Q72 144 100 158Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M100 58Q128 44 162 50V150Q128 144 100 158Z" fill="${t.light}" ${line(t)}/>` +
    `<path d="M52 74Q72 70 88 76M52 92Q72 88 88 94M112 76Q128 70 148 74M112 94Q128 88 148 92" fill="none" ${line(t)} opacity=".4"/>`,
} satisfies Record<string, Draw>;

export type ShapeName = keyof typeof SHAPES;
