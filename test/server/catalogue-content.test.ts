/**
 * The catalogue in data/ as the issue asks for it: the six life events, all 37 tasks of 表7 with
 * the deadlines the report states, at least 40 services with waiver rules, the vocabulary the
 * widgets rely on, and every rule agreeing with the reference JsonLogic implementation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jsonLogic from 'json-logic-js';
import { loadCatalogue } from '../../server/catalogue.js';
import type { Question } from '../../server/catalogue-schema.js';
import { apply, variablesOf, type Rule } from '../../src/core/rules/logic.js';

const catalogue = await loadCatalogue('data');

describe('life events', () => {
  test('the six life events of the issue are there', () => {
    for (const id of ['death', 'birth', 'moving-house', 'disaster', 'new-resident', 'job-loss']) {
      assert.ok(catalogue.lifeEvents.has(id), `missing life event ${id}`);
    }
  });

  test('death has all 37 tasks of 表7, D01 to D37', () => {
    const ids = catalogue.lifeEvents.get('death')!.tasks.map((t) => t.id).sort();
    assert.deepEqual(ids, Array.from({ length: 37 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`));
  });

  test('death carries every deadline the report states', () => {
    const tasks = new Map(catalogue.lifeEvents.get('death')!.tasks.map((t) => [t.id, t]));
    const expected: Array<[string, 'days' | 'months' | 'years', number, 'event' | 'question']> = [
      ['D07', 'days', 30, 'event'], // death registration
      ['D12', 'months', 6, 'event'], // estate tax return, from the day after the death
      ['D13', 'months', 6, 'event'], // inheritance registration of land
      ['D17', 'months', 3, 'question'], // renunciation: from learning one is an heir
      ['D18', 'months', 3, 'question'], // limited inheritance
      ['D25', 'months', 3, 'event'], // low-income funeral subsidy
      ['D31', 'years', 1, 'event'], // veterans' funeral allowance
    ];
    for (const [id, unit, count, from] of expected) {
      const deadline = tasks.get(id)?.deadline;
      assert.ok(deadline, `${id} has no deadline`);
      assert.deepEqual(deadline.period, { unit, count }, id);
      assert.equal(deadline.from === 'event' ? 'event' : 'question', from, id);
    }
  });

  test('death orders the estate-tax certificate before the land transfer, and arrears before it', () => {
    const d13 = catalogue.lifeEvents.get('death')!.tasks.find((t) => t.id === 'D13')!;
    const before = d13.dependsOn.map((d) => d.task);
    assert.ok(before.includes('D12'), 'D13 must depend on D12');
    assert.ok(before.includes('D14'), 'D13 must depend on D14');
  });

  test('tasks that are services link them, so the checklist can show what is waived', () => {
    const death = new Map(catalogue.lifeEvents.get('death')!.tasks.map((t) => [t.id, t.service]));
    assert.equal(death.get('D07'), 'death-registration');
    assert.equal(death.get('D12'), 'estate-tax-return');
    assert.equal(death.get('D13'), 'land-inheritance-registration');
    assert.equal(death.get('D22'), 'nhi-withdrawal');
    const linked = [...catalogue.lifeEvents.values()].flatMap((e) => e.tasks.filter((t) => t.service));
    assert.ok(linked.length >= 40, `${linked.length} tasks link a service`);
  });

  test('every task and question cites a source', () => {
    for (const event of catalogue.lifeEvents.values()) {
      for (const task of event.tasks) assert.ok(task.source.cite.trim().length > 5, `${event.id} ${task.id}`);
    }
  });

  test('some tasks are done for the citizen (shown as nothing to do)', () => {
    const doneForYou = [...catalogue.lifeEvents.values()].flatMap((e) => e.tasks.filter((t) => t.doneForYou));
    assert.ok(doneForYou.length > 0);
  });
});

describe('services and documents', () => {
  test('at least 40 services, each with documents and a plain reason on every branch', () => {
    assert.ok(catalogue.services.size >= 40, `only ${catalogue.services.size} services`);
    for (const service of catalogue.services.values()) {
      for (const requirement of service.documents) {
        for (const branch of requirement.waiver) assert.ok(branch.because['zh-Hant-TW'] && branch.because.en, service.id);
      }
    }
  });

  test('all three outcomes occur, through every registry kind the report names', () => {
    const branches = [...catalogue.services.values()].flatMap((s) => s.documents.flatMap((d) => d.waiver));
    for (const outcome of ['waived', 'substitute', 'required']) assert.ok(branches.some((b) => b.outcome === outcome), outcome);
    const registries = new Set(branches.flatMap((b) => (b.outcome === 'waived' ? [b.registry] : [])));
    for (const registry of ['household-registry', 'glir', 'mohw-welfare-lookup']) assert.ok(registries.has(registry), registry);
  });

  test('the county variations are rules: Taitung and New Taipei appear in conditions', () => {
    const conditions = JSON.stringify([...catalogue.services.values()].flatMap((s) => s.documents.flatMap((d) => d.waiver.map((b) => b.when ?? null))));
    assert.match(conditions, /TW-TTT/);
    assert.match(conditions, /TW-NWT/);
  });

  test('the case status vocabulary is complete', () => {
    assert.deepEqual(
      catalogue.caseStatuses.map((s) => s.id).sort(),
      ['approved', 'collected', 'completed', 'forwarded', 'in-review', 'needs-more', 'received', 'rejected', 'withdrawn'],
    );
  });
});

/** Sample answers for a question: every option, yes and no, a county, a date, and unanswered. */
function sampleValues(question: Question): unknown[] {
  switch (question.kind) {
    case 'yes-no':
      return [true, false, undefined];
    case 'choice':
      return [...(question.options ?? []).map((o) => o.id), undefined];
    case 'multi-choice':
      return [[], (question.options ?? []).map((o) => o.id), [(question.options ?? [])[0]?.id], undefined];
    case 'county':
      return ['TW-TTT', 'TW-NWT', 'TW-TPE', undefined];
    case 'date':
      return ['2026-01-15', undefined];
  }
}

describe('every rule in data/ gives the same verdict here and in the reference json-logic-js', () => {
  const groups: Array<{ where: string; questions: Question[]; rules: Rule[] }> = [];
  for (const event of catalogue.lifeEvents.values()) {
    groups.push({
      where: `life event ${event.id}`,
      questions: event.questions,
      rules: [
        ...event.questions.flatMap((q) => (q.showWhen === undefined ? [] : [q.showWhen])),
        ...event.tasks.flatMap((t) => [t.appliesWhen, ...t.dependsOn.map((d) => d.when)].filter((r): r is Rule => r !== undefined)),
      ],
    });
  }
  for (const service of catalogue.services.values()) {
    groups.push({
      where: `service ${service.id}`,
      questions: service.questions ?? [],
      rules: service.documents.flatMap((d) => d.waiver.flatMap((b) => (b.when === undefined ? [] : [b.when]))),
    });
  }

  test('there are rules to compare', () => {
    assert.ok(groups.reduce((n, g) => n + g.rules.length, 0) > 20);
  });

  for (const group of groups) {
    if (!group.rules.length) continue;
    test(group.where, () => {
      for (const rule of group.rules) {
        // Vary each variable the rule reads over its sample values, the others unanswered.
        const variables = variablesOf(rule);
        const datasets: Record<string, unknown>[] = [{}];
        for (const variable of variables) {
          const question = group.questions.find((q) => q.id === variable)!;
          for (const value of sampleValues(question)) if (value !== undefined) datasets.push({ [variable]: value });
        }
        datasets.push(Object.fromEntries(variables.map((v) => [v, sampleValues(group.questions.find((q) => q.id === v)!)[0]])));
        for (const data of datasets) {
          assert.deepEqual(apply(rule, data), jsonLogic.apply(rule as jsonLogic.RulesLogic, data), `${JSON.stringify(rule)} on ${JSON.stringify(data)}`);
        }
      }
    });
  }
});
