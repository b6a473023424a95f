/**
 * The versioned migrations of each engine: server/migrations/<engine>/NNNN-name.sql, applied
 * in order at start, each recorded in schema_migrations (version = NNNN). A database is
 * brought up to date; one with a version newer than the files is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(engine: 'sqlite' | 'postgres'): Migration[] {
  const dir = fileURLToPath(new URL(`../migrations/${engine}/`, import.meta.url));
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})-([a-z0-9-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`${dir}${file}: a migration is named NNNN-name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(`${dir}${file}`, 'utf8') };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`${dir}: migrations must be numbered 1, 2, 3… without gaps (found ${migration.version} at place ${index + 1})`);
  });
  return migrations;
}
