/** Picking a region in the address form's three-column picker: the rows of 省 / 市 / 区县 for their names. */
import { citiesOf, districtsOf, provinces } from '../../cloudfunctions/common/domain/regions';
import type { RenderedPage } from './harness';

export function regionRows(province: string, city: string, district: string): number[] {
  const p = provinces().findIndex((o) => o.name === province);
  const cities = citiesOf(provinces()[p].code);
  const c = cities.findIndex((o) => o.name === city);
  const d = districtsOf(cities[c].code).findIndex((o) => o.name === district);
  if (p < 0 || c < 0 || d < 0) throw new Error(`${province} ${city} ${district} is no region`);
  return [p, c, d];
}

/** What the picker sends when the buyer confirms those rows. */
export function pickRegion(page: RenderedPage, province: string, city: string, district: string): void {
  page
    .querySelector('#address-region')!
    .dispatchEvent('change', { detail: { value: regionRows(province, city, district) } });
}
