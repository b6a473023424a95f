/**
 * Finding a service by part of its name, in the widget's language or in Chinese. The list
 * (GET /v1/services) is loaded once and searched on the device, so every keystroke answers at
 * once and the search works offline with the last good list. Pure: no DOM.
 */

export interface SearchableService {
  id: string;
  name: string;
  nameZh: string;
  agency: { name: string };
}

/**
 * One form for comparing: Unicode NFKC (full-width letters and digits become plain ones), lower
 * case, 台 read as 臺 (both are in everyday use), and punctuation and spaces as single spaces.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/台/g, '臺')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

interface Entry<T> {
  service: T;
  position: number;
  /** The names, each with a leading space so " query" finds the start of any word. */
  names: string[];
  /** Names, agency and id together, for queries of several words. */
  all: string;
}

export interface SearchResult<T> {
  /** The best matches, best first, at most `limit`. */
  matches: T[];
  /** How many services match in all. */
  total: number;
}

export interface ServiceIndex<T> {
  search(query: string, limit?: number): SearchResult<T>;
  readonly size: number;
}

/**
 * Builds the index once per list. Ranking: a name that starts with the query, then one with a word
 * that does (the earlier in the name the better), then a name that contains it (Chinese has no
 * spaces: 報廢 inside 車輛報廢回收), then all the query's words found anywhere (name, Chinese
 * name, agency, id); ties keep the catalogue's order. An empty query lists everything.
 */
export function indexServices<T extends SearchableService>(services: readonly T[]): ServiceIndex<T> {
  const entries: Entry<T>[] = services.map((service, position) => {
    const names = [...new Set([normalize(service.name), normalize(service.nameZh)])].map((n) => ` ${n}`);
    return { service, position, names, all: [...names, normalize(service.agency.name), normalize(service.id)].join(' ') };
  });
  return {
    size: entries.length,
    search(query: string, limit = Infinity) {
      const q = normalize(query);
      if (!q) return { matches: entries.slice(0, limit).map((e) => e.service), total: entries.length };
      const tokens = q.split(' ');
      const ranked: Array<{ entry: Entry<T>; rank: number }> = [];
      for (const entry of entries) {
        // Tiers of 1000 (names are shorter), then where in the name it was found.
        let rank = Infinity;
        for (const name of entry.names) {
          const word = name.indexOf(` ${q}`);
          const part = name.indexOf(q);
          const here = word === 0 ? 0 : word > 0 ? 1000 + word : part >= 0 ? 2000 + part : Infinity;
          rank = Math.min(rank, here);
        }
        if (rank === Infinity && tokens.every((t) => entry.all.includes(t))) rank = 3000;
        if (rank !== Infinity) ranked.push({ entry, rank });
      }
      ranked.sort((a, b) => a.rank - b.rank || a.entry.position - b.entry.position);
      return { matches: ranked.slice(0, limit).map((r) => r.entry.service), total: ranked.length };
    },
  };
}
