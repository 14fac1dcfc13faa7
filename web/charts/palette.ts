import { ACTIVITIES, CAUSES, COORD_ACTIVITIES, COPING_POLICIES } from '../../src/experiment/digest.js';

/**
 * Okabe & Ito (2008), "Color Universal Design": eight colours told apart under the common colour
 * vision deficiencies. Blue and vermillion are reserved for the two designs everywhere, so no
 * category colour below ever uses them.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export type Side = 'A' | 'B';

/** A (stafettløp) and B (integrert team): always these two. */
export const SIDE_COLOURS: Record<Side, string> = { A: OKABE_ITO.blue, B: OKABE_ITO.vermillion };

/** Neutral greys for frames, warm-up shading, grid and text. */
export const NEUTRAL = { text: '#1b1b1b', muted: '#666666', axis: '#888888', grid: '#e6e6e6', warmup: '#f0f0f0', grey: '#999999' } as const;

/** The six Okabe–Ito colours left after A and B, in an order that keeps neighbours far apart. */
const CATEGORY = [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.yellow, OKABE_ITO.black] as const;

/**
 * Every fill also gets a texture, so categories stay apart in greyscale print and for readers who
 * cannot tell two of the colours apart: stacked bars alternate solid and hatched segments.
 */
export type Texture = 'solid' | 'hatch' | 'dots' | 'crosshatch';

export interface CategoryStyle {
  colour: string;
  texture: Texture;
}

function styles(n: number): CategoryStyle[] {
  const textures: Texture[] = ['solid', 'hatch'];
  // Past six categories colours repeat; the texture cycle (solid, hatch, dots, crosshatch) then
  // differs from the first round, so a repeated colour never repeats with the same texture.
  return Array.from({ length: n }, (_, i) => ({
    colour: i < CATEGORY.length ? CATEGORY[i] : i === CATEGORY.length ? NEUTRAL.grey : CATEGORY[(i - 1) % CATEGORY.length],
    texture: i < CATEGORY.length + 1 ? textures[i % 2] : (['dots', 'crosshatch'] as const)[i % 2],
  }));
}

/** Causes of falling between chairs, in CAUSES order: six Okabe–Ito colours and grey. */
export const CAUSE_STYLES: readonly CategoryStyle[] = styles(CAUSES.length);
export const CAUSE_COLOURS: readonly string[] = CAUSE_STYLES.map((s) => s.colour);

/** Staff activities, in ACTIVITIES order. */
export const ACTIVITY_STYLES: readonly CategoryStyle[] = styles(ACTIVITIES.length);
export const ACTIVITY_COLOURS: readonly string[] = ACTIVITY_STYLES.map((s) => s.colour);

/** Coordinator activities, in COORD_ACTIVITIES order. */
export const COORD_ACTIVITY_STYLES: readonly CategoryStyle[] = styles(COORD_ACTIVITIES.length);
export const COORD_ACTIVITY_COLOURS: readonly string[] = COORD_ACTIVITY_STYLES.map((s) => s.colour);

/**
 * Coping policies, in COPING_POLICIES order. Eleven categories are more than hue can separate, so
 * charts place policies by position (one row each) and colour and texture only echo the label.
 */
export const COPING_STYLES: readonly CategoryStyle[] = styles(COPING_POLICIES.length);
export const COPING_COLOURS: readonly string[] = COPING_STYLES.map((s) => s.colour);
