import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { CatalogueError, loadCatalogue } from '../../server/catalogue.js';
import { DATA_DIR, tempDir } from './helpers.js';

describe('loadCatalogue', () => {
  let good: string;
  before(async () => {
    good = await readFile(join(DATA_DIR, 'counties.yaml'), 'utf8');
  });

  test('loads the real data/ directory', async () => {
    const catalogue = await loadCatalogue(DATA_DIR);
    assert.equal(catalogue.counties.counties.length, 22);
    const taitung = catalogue.counties.counties.find((c) => c.code === 'TW-TTT');
    assert.deepEqual(taitung, { code: 'TW-TTT', kind: 'county', names: { 'zh-Hant-TW': '臺東縣', en: 'Taitung County' } });
  });

  /** Writes counties.yaml with one edit to the real file and expects loadCatalogue to name the file and field. */
  function rejects(label: string, edit: [string, string], field: string, message: RegExp) {
    test(`rejects ${label}, naming the file and ${field}`, async (t) => {
      const tmp = await tempDir();
      t.after(() => tmp.remove());
      assert.ok(good.includes(edit[0]), `fixture edit applies: ${edit[0]}`);
      const file = join(tmp.dir, 'counties.yaml');
      await writeFile(file, good.replace(edit[0], edit[1]));
      await assert.rejects(loadCatalogue(tmp.dir), (error: unknown) => {
        assert.ok(error instanceof CatalogueError, `a CatalogueError, not ${String(error)}`);
        assert.equal(error.name, 'CatalogueError');
        assert.ok(error.message.includes(file), `names ${file}: ${error.message}`);
        const line = error.message.split('\n').find((l) => l.trim().startsWith(`${field}:`));
        assert.ok(line, `names the field ${field}: ${error.message}`);
        assert.match(line, message);
        return true;
      });
    });
  }

  rejects('a duplicate county code', ['code: TW-NWT', 'code: TW-TPE'], 'counties', /unique/);
  rejects('a county without an English name', [', en: Taitung County', ''], 'counties.18.names', /zh-Hant-TW and en/);
  rejects('a county without a Chinese name', ['zh-Hant-TW: 臺北市, ', ''], 'counties.0.names', /zh-Hant-TW and en/);
  rejects('a code that is not ISO 3166-2:TW', ['code: TW-TTT', 'code: TW-TT1'], 'counties.18.code', /./);
  rejects('a lower-case code', ['code: TW-KIN', 'code: tw-kin'], 'counties.20.code', /./);
  rejects('an unknown kind', ['code: TW-KEE, kind: city', 'code: TW-KEE, kind: town'], 'counties.6.kind', /./);
  rejects('an empty name', ['en: Penghu County', 'en: ""'], 'counties.19.names.en', /./);
  rejects('a source date that is not a date', ['asOf: "2026-11-26"', 'asOf: "soon"'], 'source.asOf', /./);

  test('a YAML syntax error is a CatalogueError naming the file', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const file = join(tmp.dir, 'counties.yaml');
    await writeFile(file, good.replace('counties:\n', 'counties: [\n'));
    await assert.rejects(loadCatalogue(tmp.dir), (error: unknown) => {
      assert.ok(error instanceof CatalogueError, `a CatalogueError, not ${String(error)}`);
      assert.ok(error.message.includes(file), error.message);
      assert.match(error.message, /YAML/);
      return true;
    });
  });

  test('a missing counties.yaml rejects, naming the file', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    await assert.rejects(loadCatalogue(tmp.dir), (error: Error) => error.message.includes(join(tmp.dir, 'counties.yaml')));
  });
});
