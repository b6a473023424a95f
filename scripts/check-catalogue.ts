/** `npx tsx scripts/check-catalogue.ts [dir]`: validates data/ and prints what it holds. */
import { loadCatalogue } from '../server/catalogue.js';

const dir = process.argv[2] ?? 'data';
try {
  const c = await loadCatalogue(dir);
  console.log(
    `catalogue ok: ${c.counties.counties.length} counties, ${c.agencies.size} agencies, ${c.registries.size} registries, ` +
      `${c.documents.size} documents, ${c.services.size} services, ${c.lifeEvents.size} life events ` +
      `(${[...c.lifeEvents.values()].map((e) => `${e.id}: ${e.tasks.length} tasks`).join(', ')}), ` +
      `${c.calendar.size} calendar years, ${c.caseStatuses.length} case statuses`,
  );
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  process.exit(1);
}
