import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as z from 'zod/mini';
import {
  checkLookupInput,
  normalizeCaseNumber,
  normalizeLookupCode,
  SavedCases,
  withCase,
  withoutCase,
  MAX_SAVED_CASES,
} from '../../src/application-tracker/lookup-input.js';

describe('the case number, as people copy it from a receipt', () => {
  const table: Array<[string, string, string]> = [
    ['as printed', 'OS-2025-7K3M9QXD', 'OS-2025-7K3M9QXD'],
    ['lower case, spaces around', '  os-2025-7k3m9qxd ', 'OS-2025-7K3M9QXD'],
    ['full-width, typed with a Chinese keyboard', 'ＯＳ－２０２５－７Ｋ３Ｍ９ＱＸＤ', 'OS-2025-7K3M9QXD'],
    ['an en dash from a word processor', 'OS–2025–7K3M9QXD', 'OS-2025-7K3M9QXD'],
    ['spaces for hyphens', 'OS 2025 7K3M9QXD', 'OS-2025-7K3M9QXD'],
    ['a sample case', 'sample-land-inherit-01', 'SAMPLE-LAND-INHERIT-01'],
  ];
  for (const [name, raw, expected] of table) test(name, () => assert.equal(normalizeCaseNumber(raw), expected));
});

describe('the lookup code', () => {
  const table: Array<[string, string, string]> = [
    ['as printed', 'SAMP-0002', 'SAMP-0002'],
    ['without the hyphen', 'samp0002', 'SAMP-0002'],
    ['with a space', '7k3m 9qxd', '7K3M-9QXD'],
    ['full-width', 'ＳＡＭＰ－０００２', 'SAMP-0002'],
    ['too short stays as typed (upper case)', 'samp-002', 'SAMP-002'],
  ];
  for (const [name, raw, expected] of table) test(name, () => assert.equal(normalizeLookupCode(raw), expected));
});

describe('checking the form before anything is sent', () => {
  const table: Array<[string, string, string, { caseNumber?: string; lookupCode?: string }]> = [
    ['both fine', 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002', {}],
    ['both empty', '', '   ', { caseNumber: 'empty', lookupCode: 'empty' }],
    ['a case number with a slash', 'OS/2025/7K3M', 'SAMP-0002', { caseNumber: 'format' }],
    ['a case number too short', 'OS1', 'SAMP-0002', { caseNumber: 'format' }],
    ['a case number with Chinese in it', '案號OS-2025', 'SAMP-0002', { caseNumber: 'format' }],
    ['a code one character short', 'SAMPLE-LAND-INHERIT-01', 'SAMP-002', { lookupCode: 'format' }],
    ['a code with a symbol', 'SAMPLE-LAND-INHERIT-01', 'SAMP-00#2', { lookupCode: 'format' }],
    ['a code one character long', 'SAMPLE-LAND-INHERIT-01', 'SAMP-00022', { lookupCode: 'format' }],
  ];
  for (const [name, caseNumber, lookupCode, problems] of table) {
    test(name, () => {
      const checked = checkLookupInput({ caseNumber, lookupCode });
      assert.deepEqual(checked.problems, problems);
      assert.equal(checked.ok, Object.keys(problems).length === 0);
    });
  }

  test('what is sent is the tidied input', () => {
    assert.deepEqual(checkLookupInput({ caseNumber: ' sample-land-inherit-01', lookupCode: 'samp0002 ' }), {
      caseNumber: 'SAMPLE-LAND-INHERIT-01',
      lookupCode: 'SAMP-0002',
      problems: {},
      ok: true,
    });
  });
});

describe('case numbers kept on the device', () => {
  test('newest first, no duplicates', () => {
    assert.deepEqual(withCase(['A-0001', 'B-0002'], 'B-0002'), ['B-0002', 'A-0001']);
    assert.deepEqual(withCase([], 'A-0001'), ['A-0001']);
  });

  test(`at most ${MAX_SAVED_CASES}: the oldest drops off`, () => {
    const many = Array.from({ length: MAX_SAVED_CASES }, (_, i) => `CASE-${String(i).padStart(4, '0')}`);
    const next = withCase(many, 'NEW-0001');
    assert.equal(next.length, MAX_SAVED_CASES);
    assert.equal(next[0], 'NEW-0001');
    assert.ok(!next.includes(many[MAX_SAVED_CASES - 1]!));
  });

  test('forgetting one', () => assert.deepEqual(withoutCase(['A-0001', 'B-0002'], 'A-0001'), ['B-0002']));

  test('the stored shape has no room for a lookup code', () => {
    assert.ok(z.safeParse(SavedCases, { caseNumbers: ['SAMPLE-LAND-INHERIT-01'] }).success);
    assert.ok(!z.safeParse(SavedCases, { caseNumbers: ['SAMPLE-LAND-INHERIT-01'], lookupCodes: ['SAMP-0002'] }).success);
    assert.ok(!z.safeParse(SavedCases, { caseNumbers: [{ caseNumber: 'SAMPLE-LAND-INHERIT-01', lookupCode: 'SAMP-0002' }] }).success);
  });
});
