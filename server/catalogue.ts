/**
 * Loads the catalogue from `data/` and validates every record before the server starts:
 * a broken record stops the server with the file and the field, rather than reaching a citizen.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import { CountyCode, CountyKind, Source } from '../src/core/api/contract.js';
import { CATALOGUE_BASE_LANG } from './localized-text.js';

/** Texts by language; zh-Hant-TW and en are required, others optional. */
const Texts = z.record(z.string(), z.string().check(z.minLength(1))).check(
  z.refine((texts) => CATALOGUE_BASE_LANG in texts && 'en' in texts, 'needs zh-Hant-TW and en'),
);

export const CountyRecord = z.object({ code: CountyCode, kind: CountyKind, names: Texts });
export type CountyRecord = z.infer<typeof CountyRecord>;

export const CountiesFile = z.object({
  source: Source,
  counties: z.array(CountyRecord).check(
    z.refine((list) => new Set(list.map((c) => c.code)).size === list.length, 'county codes must be unique'),
  ),
});
export type CountiesFile = z.infer<typeof CountiesFile>;

export interface Catalogue {
  counties: CountiesFile;
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}

async function loadFile<T>(dir: string, file: string, schema: z.ZodMiniType<T>): Promise<T> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new CatalogueError(`${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new CatalogueError(`${path} does not match the contract:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

export async function loadCatalogue(dir: string): Promise<Catalogue> {
  return { counties: await loadFile(dir, 'counties.yaml', CountiesFile) };
}
