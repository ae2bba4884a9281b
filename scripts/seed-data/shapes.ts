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
  jeans: (t) =>
    `<path d="M62 36H138L146 164H112L100 80 88 164H54Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M62 52H138M100 52V80M72 60Q78 76 92 70M128 60Q122 76 108 70" fill="none" ${line(t)}/>` +
    `<path d="M60 150H86M114 150H142" stroke="${t.light}" stroke-width="3"/>`,
  diaper: (t) =>
    `<path d="M36 56H164Q166 84 150 100Q134 114 128 150Q100 160 72 150Q66 114 50 100Q34 84 36 56Z" fill="${t.light}" ${line(t)}/>` +
    `<path d="M36 56H164V70H36Z" fill="${t.fill}" ${line(t, 2)}/>` +
    `<rect x="30" y="62" width="16" height="14" rx="3" fill="${t.fill}"/><rect x="154" y="62" width="16" height="14" rx="3" fill="${t.fill}"/>` +
    `<path d="M76 110Q100 126 124 110" fill="none" stroke="${t.fill}" stroke-width="4" stroke-dasharray="4 5"/>`,
  mango: (t) =>
    `<g transform="rotate(-28 100 104)"><path d="M60 70Q96 52 140 70Q170 86 162 116Q150 146 108 146Q80 146 76 128Q72 114 56 110Q34 100 60 70Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M74 82Q100 70 132 80" fill="none" stroke="${t.light}" stroke-width="6" stroke-linecap="round"/>` +
    `<path d="M58 74Q50 64 54 54" fill="none" ${line(t, 4)}/><path d="M54 58Q36 40 20 50Q36 66 54 58Z" fill="#4caf7a" ${line(t, 2)}/></g>`,
  charger: (t) =>
    `<rect x="62" y="62" width="76" height="96" rx="16" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="80" y="34" width="10" height="30" rx="2" fill="${t.dark}"/><rect x="110" y="34" width="10" height="30" rx="2" fill="${t.dark}"/>` +
    `<rect x="86" y="122" width="28" height="10" rx="3" fill="${t.dark}"/><path d="M104 80 92 100H106L96 116" fill="none" stroke="${t.light}" stroke-width="4" stroke-linejoin="round"/>`,
  powerBank: (t) =>
    `<rect x="56" y="30" width="88" height="140" rx="16" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="70" y="118" width="60" height="22" rx="6" fill="${t.light}" ${line(t, 2)}/>` +
    `<rect x="74" y="122" width="36" height="14" rx="3" fill="${t.dark}" opacity=".6"/><circle cx="100" cy="74" r="18" fill="none" stroke="${t.light}" stroke-width="4"/>`,
  speaker: (t) =>
    `<rect x="34" y="64" width="132" height="86" rx="40" fill="${t.fill}" ${line(t)}/>` +
    `<circle cx="76" cy="107" r="22" fill="${t.dark}"/><circle cx="76" cy="107" r="10" fill="${t.light}"/>` +
    `<circle cx="128" cy="107" r="22" fill="${t.dark}"/><circle cx="128" cy="107" r="10" fill="${t.light}"/><path d="M66 64Q100 44 134 64" fill="none" ${line(t, 6)}/>`,
  pan: (t) =>
    `<path d="M120 104H184" ${line(t, 12)}/>` +
    `<ellipse cx="78" cy="104" rx="58" ry="30" fill="${t.dark}"/>` +
    `<ellipse cx="78" cy="98" rx="52" ry="24" fill="${t.fill}" ${line(t, 2)}/><ellipse cx="70" cy="94" rx="22" ry="8" fill="${t.light}" opacity=".6"/>`,
  blanket: (t) =>
    `<rect x="36" y="120" width="128" height="34" rx="10" fill="${t.dark}"/>` +
    `<rect x="36" y="88" width="128" height="34" rx="10" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="36" y="56" width="128" height="34" rx="10" fill="${t.light}" ${line(t)}/>` +
    `<path d="M44 73H156M44 105H156" stroke="${t.dark}" stroke-width="2" stroke-dasharray="6 6" opacity=".5"/>` +
    `<path d="M164 64V84M170 64V84M164 96V116M170 96V116" ${line(t, 2)}/>`,
  compact: (t) =>
    `<ellipse cx="100" cy="128" rx="62" ry="26" fill="${t.dark}"/><ellipse cx="100" cy="120" rx="62" ry="26" fill="${t.fill}" ${line(t)}/>` +
    `<ellipse cx="100" cy="118" rx="40" ry="14" fill="${t.light}"/>` +
    `<path d="M40 112Q40 60 100 56Q160 60 160 112" fill="${t.fill}" ${line(t)} opacity=".85"/><ellipse cx="100" cy="86" rx="34" ry="16" fill="${t.light}" opacity=".8"/>`,
  eyeliner: (t) =>
    `<g transform="rotate(-35 100 100)"><rect x="88" y="30" width="24" height="104" rx="6" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="88" y="128" width="24" height="18" fill="${t.light}" ${line(t, 2)}/><path d="M92 146H108L100 176Z" fill="${t.dark}"/></g>`,
  palette: (t) =>
    `<rect x="34" y="50" width="132" height="100" rx="12" fill="${t.dark}"/>` +
    `<circle cx="64" cy="82" r="14" fill="${t.light}"/><circle cx="100" cy="82" r="14" fill="${t.fill}"/><circle cx="136" cy="82" r="14" fill="#e0b48a"/>` +
    `<circle cx="64" cy="120" r="14" fill="#a47551"/><circle cx="100" cy="120" r="14" fill="#d9c9a8"/><circle cx="136" cy="120" r="14" fill="${t.fill}" opacity=".6"/>`,
  jerky: (t) =>
    `<path d="M46 70Q62 44 92 60Q118 40 146 58Q166 84 148 106Q160 134 130 148Q100 164 76 146Q44 140 52 110Q34 94 46 70Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M70 80Q90 96 84 120M108 70Q126 92 118 130" fill="none" stroke="${t.dark}" stroke-width="4" opacity=".5"/>`,
  cerealCan: (t) =>
    `<ellipse cx="100" cy="54" rx="46" ry="12" fill="${t.dark}"/>` +
    `<path d="M54 54V154Q100 170 146 154V54Q100 68 54 54Z" fill="${t.fill}" ${line(t)}/>` +
    `<rect x="70" y="92" width="60" height="40" rx="8" fill="${t.light}"/><circle cx="100" cy="112" r="10" fill="${t.fill}"/>`,
  plush: (t) =>
    `<circle cx="68" cy="58" r="16" fill="${t.fill}" ${line(t)}/><circle cx="132" cy="58" r="16" fill="${t.fill}" ${line(t)}/>` +
    `<ellipse cx="100" cy="136" rx="44" ry="38" fill="${t.fill}" ${line(t)}/><circle cx="100" cy="82" r="36" fill="${t.fill}" ${line(t)}/>` +
    `<ellipse cx="100" cy="92" rx="14" ry="10" fill="${t.light}"/><circle cx="88" cy="76" r="4" fill="${t.dark}"/><circle cx="112" cy="76" r="4" fill="${t.dark}"/><circle cx="100" cy="89" r="3" fill="${t.dark}"/>`,
  racket: (t) =>
    `<g transform="rotate(-30 100 100)"><ellipse cx="100" cy="66" rx="34" ry="44" fill="none" ${line(t, 6)}/>` +
    `<path d="M76 50H124M70 66H130M76 82H124M88 28V104M100 24V108M112 28V104" stroke="${t.light}" stroke-width="2"/>` +
    `<path d="M100 110V150" ${line(t, 6)}/><rect x="92" y="148" width="16" height="36" rx="6" fill="${t.fill}" ${line(t, 2)}/></g>`,
  yogaMat: (t) =>
    `<rect x="30" y="112" width="100" height="44" rx="6" fill="${t.fill}" ${line(t)}/>` +
    `<circle cx="138" cy="110" r="34" fill="${t.fill}" ${line(t)}/><circle cx="138" cy="110" r="20" fill="none" stroke="${t.dark}" stroke-width="3"/><circle cx="138" cy="110" r="8" fill="${t.light}"/>`,
  band: (t) =>
    `<ellipse cx="100" cy="100" rx="64" ry="40" fill="none" stroke="${t.fill}" stroke-width="14"/>` +
    `<ellipse cx="100" cy="100" rx="64" ry="40" fill="none" stroke="${t.dark}" stroke-width="2"/>` +
    `<rect x="26" y="84" width="20" height="32" rx="6" fill="${t.dark}"/><rect x="154" y="84" width="20" height="32" rx="6" fill="${t.dark}"/>`,
  tent: (t) =>
    `<path d="M100 40 170 160H30Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M100 40 120 160H80Z" fill="${t.dark}"/><path d="M100 104 112 160H88Z" fill="${t.light}"/>` +
    `<path d="M100 40V28M24 160H176" ${line(t, 4)}/>`,
  waterBottle: (t) =>
    `<rect x="84" y="26" width="32" height="16" rx="4" fill="${t.dark}"/><path d="M116 32Q134 34 130 52" fill="none" ${line(t, 4)}/>` +
    `<path d="M76 52Q76 42 86 42H114Q124 42 124 52V162Q124 172 114 172H86Q76 172 76 162Z" fill="${t.fill}" ${line(t)}/>` +
    `<path d="M80 80H94M80 100H90M80 120H94M80 140H90" stroke="${t.light}" stroke-width="3"/>`,
} satisfies Record<string, Draw>;

export type ShapeName = keyof typeof SHAPES;
