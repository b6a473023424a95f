/** Pure decisions for the county picker: grouping and matching. No DOM. */
import type { County, CountyKind } from '../core/api/contract/counties.js';

export interface CountyGroup {
  kind: CountyKind;
  counties: County[];
}

/** The order citizens know from official lists: special municipalities, then cities, then counties. */
const KIND_ORDER: readonly CountyKind[] = ['special-municipality', 'city', 'county'];

/** Groups counties by kind in the official order, keeping the API's order within a group. */
export function groupCounties(counties: readonly County[]): CountyGroup[] {
  return KIND_ORDER.map((kind) => ({ kind, counties: counties.filter((c) => c.kind === kind) })).filter(
    (group) => group.counties.length > 0,
  );
}

/**
 * Finds a county by ISO 3166-2:TW code, forgiving case and a missing `TW-` prefix, since
 * webmasters type these by hand (`county="tw-ttt"`, `county="TTT"`).
 */
export function findCounty(counties: readonly County[], code: string | null | undefined): County | undefined {
  if (!code) return undefined;
  const wanted = code.trim().toUpperCase();
  const full = wanted.startsWith('TW-') ? wanted : `TW-${wanted}`;
  return counties.find((county) => county.code === full);
}

/** The label of a county in a list: its name, plus the Chinese name when the name is not Chinese. */
export function countyLabel(county: County): string {
  return county.name === county.nameZh ? county.name : `${county.name} (${county.nameZh})`;
}
