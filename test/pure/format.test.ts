import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dateLocale, formatCalendarDate, formatInstant, formatNumber, parseCalendar, plural, pluralCategory } from '../../src/core/format.js';

describe('numbers and plurals through Intl', () => {
  const numbers: Array<[number, string, string]> = [
    [12345, 'en', '12,345'],
    [12345, 'vi', '12.345'],
    [12345, 'id', '12.345'],
    [12345, 'zh-Hant-TW', '12,345'],
    [12345, 'ja', '12,345'],
    [3, 'th', '3'],
  ];
  for (const [n, locale, expected] of numbers) test(`${n} in ${locale} → ${expected}`, () => assert.equal(formatNumber(n, locale), expected));

  const forms = (n: number, locale: string) => plural(n, locale, () => 'one', (formatted) => `other:${formatted}`);
  const table: Array<[number, string, string]> = [
    [1, 'en', 'one'],
    [0, 'en', 'other:0'],
    [2, 'en', 'other:2'],
    [1500, 'en', 'other:1,500'],
    // No singular form: "1" goes through the general string with the number in it.
    [1, 'vi', 'other:1'],
    [1, 'id', 'other:1'],
    [1, 'th', 'other:1'],
    [1, 'km', 'other:1'],
    [1, 'ja', 'other:1'],
    [1, 'zh-Hant-TW', 'other:1'],
    [1500, 'vi', 'other:1.500'],
  ];
  for (const [n, locale, expected] of table) test(`plural(${n}) in ${locale} → ${expected}`, () => assert.equal(forms(n, locale), expected));

  test('pluralCategory is CLDR’s', () => {
    assert.equal(pluralCategory(1, 'en'), 'one');
    assert.equal(pluralCategory(1, 'ja'), 'other');
  });
});

describe('dates in the reader’s locale, with the ROC year for zh-Hant-TW on request', () => {
  const table: Array<[string, string, Parameters<typeof formatCalendarDate>[2], string]> = [
    ['2026-02-14', 'en', {}, 'February 14, 2026'],
    ['2026-02-14', 'zh-Hant-TW', {}, '2026年2月14日'],
    ['2026-02-14', 'zh-Hant-TW', { calendar: 'roc' }, '民國115年2月14日'],
    ['2026-02-14', 'zh-Hant-TW', { calendar: 'roc', style: 'weekday' }, '民國115年2月14日 星期六'],
    ['2026-02-14', 'zh-Hant-TW', { calendar: 'roc', style: 'short-weekday' }, '民國115年2月14日週六'],
    ['1912-01-01', 'zh-Hant-TW', { calendar: 'roc' }, '民國1年1月1日'],
    // ROC years only for Chinese: other readers keep their own calendar.
    ['2026-02-14', 'en', { calendar: 'roc' }, 'February 14, 2026'],
    ['2026-02-14', 'vi', { calendar: 'roc' }, '14 tháng 2, 2026'],
    ['2026-02-14', 'id', {}, '14 Februari 2026'],
    ['2026-02-14', 'ja', {}, '2026年2月14日'],
    ['2026-02-14', 'km', {}, '14 កុម្ភៈ 2026'],
    // Thai's own default is the Buddhist Era (2569), as Thai readers expect.
    ['2026-02-14', 'th', {}, '14 กุมภาพันธ์ 2569'],
    ['2026-02-14', 'en', { style: 'short-weekday' }, 'Sat, Feb 14, 2026'],
    // A calendar date is itself in every time zone (no shift to Feb 13 west of UTC).
    ['2026-01-01', 'en', {}, 'January 1, 2026'],
  ];
  for (const [iso, locale, options, expected] of table) {
    test(`${iso} in ${locale} ${JSON.stringify(options)} → ${expected}`, () => assert.equal(formatCalendarDate(iso, locale, options), expected));
  }

  test('an instant on Taiwan time, with the ROC year', () => {
    assert.equal(formatInstant('2026-02-14T01:30:00Z', 'zh-Hant-TW', { calendar: 'roc', timeZone: 'Asia/Taipei' }), '民國115年2月14日 上午9:30');
    assert.equal(formatInstant('2026-02-14T01:30:00Z', 'en', { calendar: 'roc', timeZone: 'Asia/Taipei' }), 'Feb 14, 2026, 9:30 AM');
  });

  test('dateLocale and parseCalendar', () => {
    assert.equal(dateLocale('zh-Hant-TW', 'roc'), 'zh-Hant-TW-u-ca-roc');
    assert.equal(dateLocale('zh-Hant-TW', 'gregory'), 'zh-Hant-TW');
    assert.equal(dateLocale('ja', 'roc'), 'ja');
    assert.equal(parseCalendar('ROC'), 'roc');
    assert.equal(parseCalendar(' roc '), 'roc');
    assert.equal(parseCalendar('gregory'), 'gregory');
    assert.equal(parseCalendar(null), 'gregory');
    assert.equal(parseCalendar('minguo'), 'gregory');
  });
});
