import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LifeEventResponse } from '../../src/core/api/contract.js';
import {
  answeredFacts,
  groupTasks,
  normaliseCounty,
  officeCalendarFrom,
  parseGroupings,
  plan,
  questionsToSettle,
  settledQuestions,
  skippedRestDays,
  toggleOption,
  unpublishedYears,
  upcomingDeadlines,
  visibleQuestions,
  type PlanInput,
} from '../../src/life-event-checklist/plan.js';
import { loadCatalogue } from '../../server/catalogue.js';
import { calendarFrom } from '../../server/office-calendar.js';
import { Localizer } from '../../server/views.js';

// The real death event from data/, as the API sends it in English.
const catalogue = await loadCatalogue('data');
const death: LifeEventResponse = new Localizer(catalogue, 'en').lifeEvent(catalogue.lifeEvents.get('death')!);
const calendar = calendarFrom(catalogue.calendar.values());
const input = (over: Partial<PlanInput> = {}): PlanInput => ({ event: death, answers: {}, eventDate: '2026-01-15', today: '2026-01-20', calendar, ...over });
const ids = (tasks: { task: { id: string } }[]) => tasks.map((t) => t.task.id);

describe('which tasks apply', () => {
  test('with nothing answered, every task is shown; conditional ones as "may apply"', () => {
    const result = plan(input());
    assert.equal(result.tasks.length, 37);
    assert.equal(result.excluded.length, 0);
    const land = result.tasks.find((t) => t.task.id === 'D13')!;
    assert.equal(land.applies, 'maybe');
    assert.equal(result.tasks.find((t) => t.task.id === 'D07')!.applies, 'yes');
  });

  test('saying the person owned no land or buildings removes the land tasks, and says why', () => {
    const result = plan(input({ answers: { 'left-property': true, 'owned-property': false } }));
    assert.ok(!ids(result.tasks).includes('D13'));
    const excluded = result.excluded.find((e) => e.task.id === 'D13')!;
    assert.deepEqual(excluded.because, [{ variable: 'owned-property', value: false, answered: true }]);
    assert.equal(result.tasks.length + result.excluded.length, 37);
  });

  test('saying they did own property makes the land transfer certain', () => {
    const result = plan(input({ answers: { 'left-property': true, 'owned-property': true } }));
    const land = result.tasks.find((t) => t.task.id === 'D13')!;
    assert.equal(land.applies, 'yes');
    assert.deepEqual(land.because, [{ variable: 'owned-property', value: true, answered: true }]);
  });

  test('questions that no longer matter disappear, and their old answers stop counting', () => {
    const shown = (answers: Record<string, unknown>) => visibleQuestions(death.questions, answers).map((q) => q.id);
    assert.ok(shown({}).includes('renouncing'));
    assert.ok(!shown({ 'left-property': false, 'had-debts': false }).includes('renouncing'));
    assert.ok(!shown({ 'left-property': false }).includes('owned-property'));
    // An answer to a hidden question does not bring its tasks back.
    const result = plan(input({ answers: { 'left-property': false, 'owned-property': true } }));
    assert.ok(!ids(result.tasks).includes('D13'));
  });
});

describe('deadlines, order and what is next', () => {
  test('real last days from the date of death, moved past Lunar New Year', () => {
    const result = plan(input());
    const registration = result.tasks.find((t) => t.task.id === 'D07')!;
    assert.deepEqual(registration.deadline, { kind: 'date', lastDay: '2026-02-23', movedFrom: '2026-02-14', calendarComplete: true });
    assert.equal(registration.daysLeft, 34);
    const estateTax = result.tasks.find((t) => t.task.id === 'D12')!;
    assert.deepEqual(estateTax.deadline, { kind: 'date', lastDay: '2026-07-15', calendarComplete: true });
  });

  test('renouncing waits for the day the citizen learned they are an heir', () => {
    const before = plan(input({ answers: { renouncing: true } })).tasks.find((t) => t.task.id === 'D17')!;
    assert.deepEqual(before.deadline, { kind: 'needs-date', question: 'learned-heir-date' });
    const after = plan(input({ answers: { renouncing: true, 'learned-heir-date': '2026-01-20' } })).tasks.find((t) => t.task.id === 'D17')!;
    assert.deepEqual(after.deadline, { kind: 'date', lastDay: '2026-04-20', calendarComplete: true });
  });

  test('a date that is no real day (typed or imported) asks for the date again instead of failing', () => {
    const registration = plan(input({ eventDate: '2026-02-30' })).tasks.find((t) => t.task.id === 'D07')!;
    assert.deepEqual(registration.deadline, { kind: 'needs-date', question: 'event' });
    const renounce = plan(input({ answers: { renouncing: true, 'learned-heir-date': '2026-13-01' } })).tasks.find((t) => t.task.id === 'D17')!;
    assert.deepEqual(renounce.deadline, { kind: 'needs-date', question: 'learned-heir-date' });
  });

  test('no date of death yet: deadlines ask for it', () => {
    const registration = plan(input({ eventDate: null })).tasks.find((t) => t.task.id === 'D07')!;
    assert.deepEqual(registration.deadline, { kind: 'needs-date', question: 'event' });
  });

  test('dependencies come first: death certificate, then registration; estate tax, then the land transfer', () => {
    const order = ids(plan(input({ answers: { 'left-property': true, 'owned-property': true } })).tasks);
    const before = (a: string, b: string) => assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b} in ${order.join(' ')}`);
    before('D02', 'D07');
    before('D07', 'D12');
    before('D12', 'D13');
    before('D14', 'D13');
  });

  test('a task waits for what it depends on until that is ticked done', () => {
    const waiting = plan(input()).tasks.find((t) => t.task.id === 'D07')!;
    assert.equal(waiting.state, 'waiting');
    assert.deepEqual(waiting.waitingFor, ['D02']);
    const free = plan(input({ progress: { D02: { done: true } } })).tasks.find((t) => t.task.id === 'D07')!;
    assert.deepEqual(free.waitingFor, []);
    assert.equal(free.state, 'to-do');
  });

  test('what is next is a task that surely applies, not one that only may', () => {
    // Nothing answered: the post-mortem inspection (D01) comes first in plan order but may not apply.
    const result = plan(input());
    assert.equal(result.tasks[0].task.id, 'D01');
    assert.equal(result.next?.task.id, 'D02');
    // Once the death is known to have been at home, the inspection is what comes first.
    assert.equal(plan(input({ answers: { 'death-place': 'home' } })).next?.task.id, 'D01');
  });

  test('overdue tasks come up first as what is next', () => {
    const result = plan(input({ today: '2026-03-01', progress: { D02: { done: true } } }));
    const registration = result.tasks.find((t) => t.task.id === 'D07')!;
    assert.equal(registration.state, 'overdue');
    assert.equal(registration.daysLeft, -6);
    assert.equal(result.next?.task.id, 'D07');
    assert.ok(result.counts.overdue >= 1);
  });

  test('done and due-soon states, and the counts', () => {
    const result = plan(input({ today: '2026-02-16', progress: { D02: { done: true }, D01: { done: true } } }));
    assert.equal(result.tasks.find((t) => t.task.id === 'D07')!.state, 'due-soon');
    assert.equal(result.tasks.find((t) => t.task.id === 'D02')!.state, 'done');
    assert.equal(result.counts.done, 2);
  });
});

describe('grouping', () => {
  test('by office: one trip to the household registration office covers its tasks', () => {
    const groups = groupTasks(plan(input()).tasks, 'office');
    const household = groups.find((g) => g.key === 'household-registration-office')!;
    assert.ok(ids(household.tasks).includes('D07'));
    assert.ok(household.tasks.every((t) => t.task.agency.id === 'household-registration-office'));
    assert.equal(groups.reduce((n, g) => n + g.tasks.length, 0), 37);
  });

  test('by deadline: overdue first, then this week, …, tasks without a deadline, done last', () => {
    const groups = groupTasks(plan(input({ today: '2026-03-01', progress: { D02: { done: true } } })).tasks, 'deadline');
    assert.equal(groups[0].key, 'overdue');
    assert.equal(groups.at(-1)!.key, 'done');
    const keys = groups.map((g) => g.key);
    const order = ['overdue', 'this-week', 'this-month', 'later', 'no-deadline', 'done'];
    assert.deepEqual(keys, order.filter((k) => keys.includes(k)));
  });

  test('by category keeps the plan order inside each group', () => {
    const result = plan(input());
    for (const group of groupTasks(result.tasks, 'category')) {
      const positions = group.tasks.map((t) => result.tasks.indexOf(t));
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
    }
  });
});

// A family with little to sort out: death in hospital, no property, no debts, no insurance.
const smallFamily = {
  'death-place': 'hospital',
  county: 'TW-TPE',
  'public-funeral-home': false,
  'resting-place': 'other',
  'had-spouse': false,
  'left-property': false,
  'had-debts': false,
  'life-insurance': 'no',
  insurance: ['none'],
  'public-service': 'no',
  veteran: false,
  'union-member': false,
  'low-income-household': false,
  hardship: false,
  'family-insurance': ['none'],
  'accounts-in-name': ['none'],
};

describe('exactly which tasks, in which order, with which dates', () => {
  test('every question answered for a family with little to sort out: five tasks, death certificate first', () => {
    const result = plan(input({ answers: smallFamily }));
    // D02 death certificate; D07 registration (needs D02); D08 tax-office look-up (needs D02);
    // D22 end health insurance (after registration); D37 grief counselling (always offered).
    assert.deepEqual(ids(result.tasks), ['D02', 'D07', 'D08', 'D22', 'D37']);
    assert.ok(result.tasks.every((t) => t.applies === 'yes'));
    assert.equal(result.excluded.length, 32);
    assert.equal(result.next?.task.id, 'D02');
    assert.deepEqual(result.tasks.find((t) => t.task.id === 'D07')!.deadline, { kind: 'date', lastDay: '2026-02-23', movedFrom: '2026-02-14', calendarComplete: true });
  });

  test('a follow-up of a hidden question leaves nothing unsure: no property means no "may apply" unregistered-building task', () => {
    const result = plan(input({ answers: smallFamily }));
    assert.ok(!ids(result.tasks).includes('D15'));
    const why = result.excluded.find((e) => e.task.id === 'D15')!;
    // Explained by the answer that hid the question, not by the hidden question itself.
    assert.deepEqual(why.because, [{ variable: 'left-property', value: false, answered: true }]);
  });

  test('month end: 6 months from 30 August ends on the last day of February, then the next working day', () => {
    // Counting starts 31 August 2026; February 2027 has no 31st, so the count ends 28 Feb 2027,
    // a Sunday; the last day moves to Monday 1 March. 2027's office calendar is not loaded.
    const result = plan(input({ answers: { 'left-property': true }, eventDate: '2026-08-30', today: '2026-09-01' }));
    const estateTax = result.tasks.find((t) => t.task.id === 'D12')!;
    assert.deepEqual(estateTax.deadline, { kind: 'date', lastDay: '2027-03-01', movedFrom: '2027-02-28', calendarComplete: false });
    assert.deepEqual(unpublishedYears(result.tasks, calendar), [2027]);
  });

  test('leap day: 6 months from 31 August 2027 ends on 29 February 2028', () => {
    const result = plan(input({ answers: { 'left-property': true, 'owned-property': true }, eventDate: '2027-08-31', today: '2027-09-01' }));
    const dates = Object.fromEntries(result.tasks.filter((t) => t.deadline?.kind === 'date').map((t) => [t.task.id, t.deadline?.kind === 'date' ? t.deadline.lastDay : '']));
    assert.equal(dates.D12, '2028-02-29');
    assert.equal(dates.D13, '2028-02-29');
    assert.equal(dates.D07, '2027-09-30'); // 30 days, counted from 1 September
    // 1 year from 1 September 2027: 31 August 2028. The veterans' allowance only may apply (not asked yet).
    assert.equal(dates.D31, '2028-08-31');
    assert.equal(result.tasks.find((t) => t.task.id === 'D31')!.applies, 'maybe');
  });

  test('a death on 29 February: 3 months for the low-income funeral subsidy end on 31 May', () => {
    // Counting starts 1 March 2028; 3 months later is 1 June, so the period ends the day before:
    // Wednesday 31 May 2028.
    const result = plan(input({ answers: { 'low-income-household': true }, eventDate: '2028-02-29', today: '2028-03-01' }));
    const subsidy = result.tasks.find((t) => t.task.id === 'D25')!;
    assert.deepEqual(subsidy.deadline, { kind: 'date', lastDay: '2028-05-31', calendarComplete: false });
  });
});

describe('explanations', () => {
  test('a "may apply" task names the questions still open that decide it', () => {
    const result = plan(input());
    const land = result.tasks.find((t) => t.task.id === 'D13')!;
    assert.deepEqual(
      questionsToSettle(land.because, result.questions).map((q) => q.id),
      ['owned-property'],
    );
  });

  test('the answers behind a task come with their questions', () => {
    const result = plan(input({ answers: { 'left-property': true, 'owned-property': true } }));
    const facts = answeredFacts(result.tasks.find((t) => t.task.id === 'D13')!.because, death.questions);
    assert.deepEqual(
      facts.map((f) => [f.question.id, f.value]),
      [['owned-property', true]],
    );
  });

  test('hidden questions are settled only when an answer hid them', () => {
    assert.deepEqual([...settledQuestions(death.questions, { 'left-property': false, 'had-debts': false })].sort(), [
      'had-deposits',
      'learned-heir-date',
      'owned-property',
      'owned-vehicle',
      'renouncing',
      'unregistered-building',
    ]);
    // With nothing answered, unregistered-building is hidden but may come back: not settled.
    assert.ok(!settledQuestions(death.questions, {}).has('unregistered-building'));
  });

  test('a follow-up question stays hidden when the answer it hangs on is hidden itself', () => {
    const shown = visibleQuestions(death.questions, { 'left-property': false, 'owned-property': true }).map((q) => q.id);
    assert.ok(!shown.includes('owned-property'));
    assert.ok(!shown.includes('unregistered-building'));
  });
});

describe('calendar helpers', () => {
  const named = officeCalendarFrom({
    years: [2026],
    restDays: [
      { date: '2026-02-16', name: "Lunar New Year's Eve" },
      { date: '2026-02-17', name: 'Lunar New Year' },
    ],
    workDays: [],
  });

  test('the office calendar from the API answer, with holiday names', () => {
    assert.ok(named.restDays.has('2026-02-17'));
    assert.ok(named.years.has(2026));
    assert.equal(named.names.get('2026-02-16'), "Lunar New Year's Eve");
    assert.equal(officeCalendarFrom(null).years.size, 0);
  });

  test('the rest days a last day was moved over, with their names', () => {
    const skipped = skippedRestDays({ kind: 'date', lastDay: '2026-02-18', movedFrom: '2026-02-14', calendarComplete: true }, named);
    assert.deepEqual(skipped, [
      { date: '2026-02-14' },
      { date: '2026-02-15' },
      { date: '2026-02-16', name: "Lunar New Year's Eve" },
      { date: '2026-02-17', name: 'Lunar New Year' },
    ]);
    assert.deepEqual(skippedRestDays({ kind: 'date', lastDay: '2026-02-18', calendarComplete: true }, named), []);
    assert.deepEqual(skippedRestDays({ kind: 'in-words' }, named), []);
  });

  test('deadlines to put in a calendar: not done, nearest first', () => {
    const result = plan(input({ answers: { 'left-property': true, 'owned-property': true }, progress: { D07: { done: true } } }));
    const upcoming = upcomingDeadlines(result.tasks).map((u) => [u.planned.task.id, u.lastDay]);
    assert.ok(!upcoming.some(([id]) => id === 'D07'));
    assert.deepEqual(upcoming.map(([, day]) => day), [...upcoming.map(([, day]) => day)].sort());
    // The low-income funeral subsidy may apply (not asked yet): 3 months, to Wednesday 15 April.
    assert.deepEqual(upcoming[0], ['D25', '2026-04-15']);
    assert.ok(upcoming.some(([id, day]) => id === 'D12' && day === '2026-07-15'));
  });
});

describe('input helpers', () => {
  for (const [current, option, checked, expected] of [
    [undefined, 'labour', true, ['labour']],
    [['labour'], 'national-pension', true, ['labour', 'national-pension']],
    [['labour', 'national-pension'], 'labour', false, ['national-pension']],
    [['labour'], 'labour', false, undefined],
    [['labour', 'farmers'], 'none', true, ['none']],
    [['none'], 'labour', true, ['labour']],
    ['not-an-array', 'labour', true, ['labour']],
  ] as const) {
    test(`multi-choice: ${checked ? 'ticking' : 'unticking'} ${option} in ${JSON.stringify(current)}`, () => {
      assert.deepEqual(toggleOption(current, option, checked), expected);
    });
  }

  for (const [typed, expected] of [
    ['ttt', 'TW-TTT'],
    ['tw-ttt', 'TW-TTT'],
    [' TW-TPE ', 'TW-TPE'],
    ['Taipei', null],
    ['', null],
    [null, null],
  ] as const) {
    test(`county typed as ${JSON.stringify(typed)} reads ${expected}`, () => assert.equal(normaliseCounty(typed), expected));
  }

  for (const [typed, expected] of [
    [null, ['deadline', 'office', 'category']],
    ['office', ['office']],
    ['category, deadline', ['category', 'deadline']],
    ['office office bogus', ['office']],
    ['bogus', ['deadline', 'office', 'category']],
  ] as const) {
    test(`groupings=${JSON.stringify(typed)}`, () => assert.deepEqual(parseGroupings(typed), expected));
  }
});
