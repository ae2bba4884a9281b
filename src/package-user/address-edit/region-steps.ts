/**
 * The H5 region picker's steps, 省 → 市 → 区县, over the same divisions the server checks addresses against:
 * every choice is an option of the data, so what it finishes with is a region the server accepts.
 */
import { citiesOf, districtsOf, provinces, type RegionOption } from '@shop/domain/regions';

export interface RegionChoice {
  province: string;
  city: string;
  district: string;
}

/** The options chosen so far, in order (province, then city); the next step is `picked.length`. */
export interface RegionSteps {
  picked: readonly RegionOption[];
}

export const STEP_TITLES = ['省份', '城市', '区县'] as const;

export const startSteps = (): RegionSteps => ({ picked: [] });

/** What can be chosen at the current step. */
export function optionsAt(steps: RegionSteps): readonly RegionOption[] {
  const [province, city] = steps.picked;
  if (!province) return provinces();
  if (!city) return citiesOf(province.code);
  return districtsOf(city.code);
}

/**
 * Chooses `option` at the current step: the next step, or the finished region once a district is chosen.
 * An option that is not among the current step's (a stale tap) changes nothing.
 */
export function choose(
  steps: RegionSteps,
  option: RegionOption,
): { done: false; steps: RegionSteps } | { done: true; region: RegionChoice } {
  if (!optionsAt(steps).some((o) => o.code === option.code)) return { done: false, steps };
  const picked = [...steps.picked, option];
  if (picked.length < 3) return { done: false, steps: { picked } };
  return { done: true, region: { province: picked[0].name, city: picked[1].name, district: picked[2].name } };
}

/** Back to an earlier step (its tab tapped): what was chosen from there on is dropped. */
export function backTo(steps: RegionSteps, step: number): RegionSteps {
  return step < steps.picked.length ? { picked: steps.picked.slice(0, Math.max(0, step)) } : steps;
}
