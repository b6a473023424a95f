import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalogue } from '../../server/catalogue.js';
import { calendarFrom } from '../../server/office-calendar.js';
import { computeDeadline, countEnd, daysUntil, isRestDay, type DeadlineRule } from '../../src/core/rules/deadlines.js';

const catalogue = await loadCatalogue('data');
const calendar = calendarFrom(catalogue.calendar.values());
const within = (unit: 'days' | 'months' | 'years', count: number, extra: Partial<DeadlineRule> = {}): DeadlineRule => ({
  from: 'event',
  period: { unit, count },
  ...extra,
});

describe('counting a period (APA art. 48, before rest days)', () => {
  const cases: Array<[string, string, DeadlineRule['period'], string]> = [
    ['30 days: the day of death is not counted', '2026-01-15', { unit: 'days', count: 30 }, '2026-02-14'],
    ['6 months: ends the day before the corresponding day', '2026-01-15', { unit: 'months', count: 6 }, '2026-07-15'],
    ['6 months from the 30th of August: February has no 31st, so its last day', '2025-08-30', { unit: 'months', count: 6 }, '2026-02-28'],
    ['1 month from the 31st of March: counting starts 1 April, ends 30 April', '2026-03-31', { unit: 'months', count: 1 }, '2026-04-30'],
    ['3 months across a year end', '2026-11-26', { unit: 'months', count: 3 }, '2027-02-26'],
    ['1 year from the 28th of February', '2026-02-28', { unit: 'years', count: 1 }, '2027-02-28'],
    ['1 day', '2026-06-01', { unit: 'days', count: 1 }, '2026-06-02'],
    ['leap day: 1 year counted from 29 February 2028 ends on 28 February 2029', '2028-02-28', { unit: 'years', count: 1 }, '2029-02-28'],
  ];
  for (const [name, start, period, expected] of cases) {
    test(name, () => assert.equal(countEnd(start, period), expected));
  }

  test('when the law says the start day counts', () => {
    assert.equal(countEnd('2026-01-15', { unit: 'days', count: 30 }, true), '2026-02-13');
    assert.equal(countEnd('2026-01-15', { unit: 'months', count: 6 }, true), '2026-07-14');
  });

  test('refuses impossible dates and counts', () => {
    assert.throws(() => countEnd('2026-02-30', { unit: 'days', count: 1 }), RangeError);
    assert.throws(() => countEnd('26-2-3', { unit: 'days', count: 1 }), RangeError);
    assert.throws(() => countEnd('2026-02-03', { unit: 'days', count: 0 }), RangeError);
    assert.throws(() => countEnd('2026-02-03', { unit: 'months', count: 1.5 }), RangeError);
  });
});

describe('the last day moves past rest days of the agencies (office calendar from data/)', () => {
  test('weekends and listed holidays are rest days; make-up Saturdays are not', () => {
    assert.equal(isRestDay('2026-02-14', calendar), true); // Saturday
    assert.equal(isRestDay('2026-02-17', calendar), true); // Lunar New Year, a Tuesday
    assert.equal(isRestDay('2026-02-23', calendar), false); // Monday
    assert.equal(isRestDay('2025-02-08', calendar), false); // Saturday, make-up working day
  });

  test('30 days from 15 January 2026 ends on a Saturday inside Lunar New Year: moves to Monday 23 February', () => {
    assert.deepEqual(computeDeadline(within('days', 30), { event: '2026-01-15' }, calendar), {
      kind: 'date',
      lastDay: '2026-02-23',
      movedFrom: '2026-02-14',
      calendarComplete: true,
    });
  });

  test('a Saturday moves to the Monday; a holiday Monday moves it again', () => {
    // 30 days from 24 September 2026: Saturday 24 October, Sunday, then the 26th is a holiday.
    const result = computeDeadline(within('days', 30), { event: '2026-09-24' }, calendar);
    assert.deepEqual(result, { kind: 'date', lastDay: '2026-10-27', movedFrom: '2026-10-24', calendarComplete: true });
  });

  test('a make-up working Saturday is a working day: the deadline stays on it', () => {
    const result = computeDeadline(within('days', 30), { event: '2025-01-09' }, calendar);
    assert.deepEqual(result, { kind: 'date', lastDay: '2025-02-08', calendarComplete: true });
  });

  test('6 months for the estate tax return from a death on 30 August 2025', () => {
    const result = computeDeadline(within('months', 6), { event: '2025-08-30' }, calendar);
    assert.deepEqual(result, { kind: 'date', lastDay: '2026-03-02', movedFrom: '2026-02-28', calendarComplete: true });
  });

  test('a year whose calendar is not loaded is flagged, weekends still respected', () => {
    const result = computeDeadline(within('years', 1), { event: '2026-02-28' }, calendar);
    assert.deepEqual(result, { kind: 'date', lastDay: '2027-03-01', movedFrom: '2027-02-28', calendarComplete: false });
  });

  test('a clock that starts at something only the citizen knows needs that date', () => {
    const rule: DeadlineRule = { from: { question: 'learned-heir-date' }, period: { unit: 'months', count: 3 } };
    assert.deepEqual(computeDeadline(rule, { event: '2026-01-15', answers: {} }, calendar), {
      kind: 'needs-date',
      question: 'learned-heir-date',
    });
    const known = computeDeadline(rule, { event: '2026-01-15', answers: { 'learned-heir-date': '2026-03-10' } }, calendar);
    assert.deepEqual(known, { kind: 'date', lastDay: '2026-06-10', calendarComplete: true });
  });

  test('no event date yet: needs the event date', () => {
    assert.deepEqual(computeDeadline(within('days', 30), { event: null }, calendar), { kind: 'needs-date', question: 'event' });
  });

  test('penalty periods are shown in words (art. 48 para. 5)', () => {
    assert.deepEqual(computeDeadline(within('days', 30, { penaltyPeriod: true }), { event: '2026-01-15' }, calendar), { kind: 'in-words' });
  });

  test('days until a deadline, negative when overdue', () => {
    assert.equal(daysUntil('2026-12-01', '2026-11-26'), 5);
    assert.equal(daysUntil('2026-11-20', '2026-11-26'), -6);
  });
});
