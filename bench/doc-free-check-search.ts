/**
 * How long one keystroke takes when a citizen searches 500 services in <onestop-doc-free-check>.
 * Prints figures, not a pass/fail: run `npx tsx bench/doc-free-check-search.ts`.
 *
 * The 500 services are SAMPLE data: the catalogue's real list (recorded API answers), repeated
 * with a numbered suffix until there are 500, so names have the real lengths and languages.
 */
import { recordedAnswers } from '../test/fixtures/recorded/api-answers.js';
import { indexServices } from '../src/doc-free-check/search.js';

const COUNT = 500;
const LIMIT = 50; // the widget shows at most this many options

for (const lang of ['en', 'zh-Hant-TW'] as const) {
  const real = recordedAnswers[`services.${lang}`].services;
  const services = Array.from({ length: COUNT }, (_, i) => {
    const s = real[i % real.length];
    const copy = Math.floor(i / real.length);
    return copy === 0 ? s : { ...s, id: `${s.id}-sample-${copy}`, name: `${s.name} (sample ${copy})`, nameZh: `${s.nameZh}（範例${copy}）` };
  });

  let started = performance.now();
  const index = indexServices(services);
  const indexMs = performance.now() - started;

  const phrases = lang === 'en' ? ['low-income household', 'scrap a vehicle', 'funeral allowance', 'xyz no match'] : ['低收入戶', '車輛報廢回收', '喪葬津貼', '台東'];
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const phrase of phrases) {
      for (let end = 1; end <= phrase.length; end++) {
        started = performance.now();
        index.search(phrase.slice(0, end), LIMIT);
        times.push(performance.now() - started);
      }
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  console.log(
    `${lang}: ${COUNT} services indexed in ${indexMs.toFixed(2)} ms; ${times.length} keystrokes: ` +
      `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms per keystroke`,
  );
}
