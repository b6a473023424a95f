import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LifeEventResponse } from '../../src/core/api/contract.js';
import { groupTasks, plan, visibleQuestions, type PlanInput } from '../../src/life-event-checklist/plan.js';
import { loadCatalogue } from '../../server/catalogue.js';
import { calendarFrom } from '../../server/office-calendar.js';
import { Localizer } from '../../server/views.js';

// The real death event from data/, as the API sends it in English.
const catalogue = await loadCatalogue('data');
const record = catalogue.lifeEvents.get('death')!;
const l = new Localizer(catalogue, 'en');
const death: LifeEventResponse = {
  lang: 'en',
  textLang: 'en',
  id: record.id,
  name: l.text(record.names),
  summary: l.text(record.summary),
  eventDate: l.text(record.eventDate),
  categories: record.categories.map((c) => ({ id: c.id, name: l.text(c.names) })),
  questions: record.questions.map((q) => l.question(q)),
  tasks: record.tasks.map((t) => l.task(t)),
  source: record.source,
};
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
