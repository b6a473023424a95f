import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jsonLogic from 'json-logic-js';
import { apply, explain, RuleError, truthy, validateRule, variablesOf, type Rule } from '../../src/core/rules/logic.js';

describe('JsonLogic evaluation', () => {
  const answers = { 'owned-land': true, 'owned-vehicle': false, insurance: ['labour', 'national-pension'], county: 'TW-TTT', age: 70 };

  const table: Array<[string, Rule, unknown]> = [
    ['var reads an answer', { var: 'county' }, 'TW-TTT'],
    ['var of an unanswered question is null', { var: 'veteran' }, null],
    ['var with a default', { var: ['veteran', false] }, false],
    ['== is loose', { '==': [{ var: 'age' }, '70'] }, true],
    ['=== is strict', { '===': [{ var: 'age' }, '70'] }, false],
    ['in a multi-choice answer', { in: ['labour', { var: 'insurance' }] }, true],
    ['in a string', { in: ['TTT', { var: 'county' }] }, true],
    ['in nothing', { in: ['labour', { var: 'nothing' }] }, false],
    ['and returns the first falsy value', { and: [true, { var: 'owned-vehicle' }, true] }, false],
    ['or returns the first truthy value', { or: [false, { var: 'county' }] }, 'TW-TTT'],
    ['! of an empty list is true (JsonLogic truthiness)', { '!': [[]] }, true],
    ['!! of a list', { '!!': [{ var: 'insurance' }] }, true],
    ['between with <', { '<': [60, { var: 'age' }, 80] }, true],
    ['between with <=', { '<=': [70, { var: 'age' }, 70] }, true],
    ['>=', { '>=': [{ var: 'age' }, 65] }, true],
    ['if / else if / else', { if: [{ var: 'owned-vehicle' }, 'car', { var: 'owned-land' }, 'land', 'none'] }, 'land'],
    ['missing lists unanswered questions', { missing: ['county', 'veteran', 'spouse'] }, ['veteran', 'spouse']],
  ];
  for (const [name, rule, expected] of table) {
    test(name, () => assert.deepEqual(apply(rule, answers), expected));
  }

  test('agrees with the reference json-logic-js on every rule above', () => {
    for (const [name, rule] of table) {
      assert.deepEqual(apply(rule, answers), jsonLogic.apply(rule as jsonLogic.RulesLogic, answers), name);
    }
  });

  test('agrees with json-logic-js on generated rules and answers', () => {
    // A small deterministic generator: every combination of operators over yes/no and choice answers.
    const leaves: Rule[] = [{ var: 'a' }, { var: 'b' }, { var: 'c' }, true, false, 'x', 1, 0];
    const binary = ['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'and', 'or', 'in'];
    const datasets = [{ a: true, b: 'x', c: ['x', 'y'] }, { a: false, b: 'y', c: [] }, { b: 0 }, {}];
    let compared = 0;
    for (const op of binary) {
      for (const left of leaves) {
        for (const right of leaves) {
          const rule = { [op]: [left, right] } as Rule;
          for (const data of datasets) {
            for (const wrapped of [rule, { '!': [rule] }, { if: [rule, 'yes', 'no'] }] as Rule[]) {
              assert.deepEqual(apply(wrapped, data), jsonLogic.apply(wrapped as jsonLogic.RulesLogic, data), JSON.stringify({ wrapped, data }));
              compared++;
            }
          }
        }
      }
    }
    assert.ok(compared > 2000, `compared ${compared}`);
  });
});

describe('explanations', () => {
  test('a true "and" is decided by all its answers', () => {
    const verdict = explain({ and: [{ '==': [{ var: 'owned-land' }, true] }, { in: ['TW-TTT', [{ var: 'county' }]] }] }, { 'owned-land': true, county: 'TW-TTT' });
    assert.equal(verdict.holds, true);
    assert.equal(verdict.certain, true);
    assert.deepEqual(verdict.because, [
      { variable: 'owned-land', value: true, answered: true },
      { variable: 'county', value: 'TW-TTT', answered: true },
    ]);
  });

  test('a false "and" is decided by its first false part only', () => {
    const verdict = explain({ and: [{ var: 'owned-vehicle' }, { var: 'owned-land' }] }, { 'owned-vehicle': false, 'owned-land': true });
    assert.equal(verdict.holds, false);
    assert.deepEqual(verdict.because, [{ variable: 'owned-vehicle', value: false, answered: true }]);
  });

  test('a true "or" is decided by its first true part only', () => {
    const verdict = explain({ or: [{ var: 'veteran' }, { var: 'civil-servant' }] }, { veteran: true, 'civil-servant': false });
    assert.deepEqual(verdict.because, [{ variable: 'veteran', value: true, answered: true }]);
  });

  test('a verdict that rests on a skipped question is not certain', () => {
    const verdict = explain({ '==': [{ var: 'owned-land' }, true] }, {});
    assert.equal(verdict.holds, false);
    assert.equal(verdict.certain, false);
    assert.deepEqual(verdict.because, [{ variable: 'owned-land', value: undefined, answered: false }]);
  });

  test('a skipped question that did not decide leaves the verdict certain', () => {
    const verdict = explain({ or: [{ var: 'veteran' }, { var: 'civil-servant' }] }, { veteran: true });
    assert.equal(verdict.certain, true);
  });

  test('if: the condition and the chosen branch decide', () => {
    const verdict = explain({ if: [{ var: 'spouse' }, { var: 'county' }, false] }, { spouse: true, county: 'TW-KIN' });
    assert.equal(verdict.result, 'TW-KIN');
    assert.deepEqual(verdict.because.map((f) => f.variable), ['spouse', 'county']);
  });
});

describe('rule validation and variables', () => {
  test('accepts supported operators and rejects others with where they are', () => {
    validateRule({ and: [{ '==': [{ var: 'a' }, 1] }, { in: ['x', { var: 'b' }] }] });
    assert.throws(() => validateRule({ and: [{ cat: ['a', 'b'] }] }), (e: unknown) => e instanceof RuleError && /rule\.and\[0\]: unsupported operator "cat"/.test(e.message));
    assert.throws(() => validateRule({ '==': [1, 1], '!=': [1, 2] } as Rule), RuleError);
  });

  test('lists every question a rule reads', () => {
    assert.deepEqual(variablesOf({ and: [{ var: 'a' }, { or: [{ var: ['b', false] }, { in: ['x', { var: 'c.d' }] }] }] }), ['a', 'b', 'c.d']);
  });

  test('truthiness follows JsonLogic', () => {
    assert.deepEqual([[], [0], '', '0', 0, null, {}].map(truthy), [false, true, false, true, false, false, true]);
  });
});
