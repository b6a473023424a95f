/**
 * decideDocument, table by table: every kind of waiver rule the catalogue holds, each county
 * variation, skipped answers. The rules in these tables are copies of the catalogue's own `when`
 * conditions; the last test fails when data/ gains a condition no table covers.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalogue } from '../../server/catalogue.js';
import { decideDocument } from '../../src/doc-free-check/rules.js';

type Outcome = 'waived' | 'substitute' | 'required';
interface Branch {
  when?: unknown;
  outcome: Outcome;
}

const is = (variable: string, value: unknown) => ({ '==': [{ var: variable }, value] });
const branch = (outcome: Outcome, when?: unknown): Branch => (when === undefined ? { outcome } : { when, outcome });

interface Row {
  answers: Record<string, unknown>;
  index: number;
  facts: Array<[string, unknown, boolean]>;
  certain: boolean;
  outcomeCertain: boolean;
}

interface Table {
  name: string;
  /** Where the catalogue uses this shape (a few examples). */
  usedBy: string;
  branches: Branch[];
  rows: Row[];
}

const TAITUNG = is('county', 'TW-TTT');
const NEW_TAIPEI = is('county', 'TW-NWT');

const tables: Table[] = [
  {
    name: 'always required',
    usedBy: 'national-id-card in most services',
    branches: [branch('required')],
    rows: [
      { answers: {}, index: 0, facts: [], certain: true, outcomeCertain: true },
      { answers: { county: 'TW-TTT' }, index: 0, facts: [], certain: true, outcomeCertain: true },
    ],
  },
  {
    name: 'always waived',
    usedBy: 'student-loan household-transcript; school-lunch-subsidy low-income-certificate',
    branches: [branch('waived')],
    rows: [{ answers: {}, index: 0, facts: [], certain: true, outcomeCertain: true }],
  },
  {
    name: 'always a substitute',
    usedBy: 'senior-high-tuition-free household-transcript; estate-tax-return deregistered transcript',
    branches: [branch('substitute')],
    rows: [{ answers: {}, index: 0, facts: [], certain: true, outcomeCertain: true }],
  },
  {
    name: 'county variation: Taitung and New Taipei waive, elsewhere a substitute',
    usedBy: 'low-income-household-status, emergency-assistance, columbarium-or-burial, local-tax-arrears-certificate …',
    branches: [branch('waived', TAITUNG), branch('waived', NEW_TAIPEI), branch('substitute')],
    rows: [
      { answers: { county: 'TW-TTT' }, index: 0, facts: [['county', 'TW-TTT', true]], certain: true, outcomeCertain: true },
      { answers: { county: 'TW-NWT' }, index: 1, facts: [['county', 'TW-NWT', true]], certain: true, outcomeCertain: true },
      { answers: { county: 'TW-TPE' }, index: 2, facts: [['county', 'TW-TPE', true]], certain: true, outcomeCertain: true },
      { answers: { county: 'TW-KIN' }, index: 2, facts: [['county', 'TW-KIN', true]], certain: true, outcomeCertain: true },
      // Skipped: the default decides, but a county answer could waive it.
      { answers: {}, index: 2, facts: [['county', undefined, false]], certain: false, outcomeCertain: false },
    ],
  },
  {
    name: 'county variation where every branch waives (only the reason differs)',
    usedBy: 'farmland-use-certificate land-transcript; housing-subsidy building-transcript',
    branches: [branch('waived', TAITUNG), branch('waived', NEW_TAIPEI), branch('waived')],
    rows: [
      { answers: { county: 'TW-TTT' }, index: 0, facts: [['county', 'TW-TTT', true]], certain: true, outcomeCertain: true },
      { answers: { county: 'TW-NWT' }, index: 1, facts: [['county', 'TW-NWT', true]], certain: true, outcomeCertain: true },
      { answers: { county: 'TW-HUA' }, index: 2, facts: [['county', 'TW-HUA', true]], certain: true, outcomeCertain: true },
      // The reason could change with the county, what to bring cannot.
      { answers: {}, index: 2, facts: [['county', undefined, false]], certain: false, outcomeCertain: true },
    ],
  },
  {
    name: 'a home visit waives before any county rule',
    usedBy: 'national-pension-premium-subsidy, disability-living-allowance, childcare-allowance …',
    branches: [branch('waived', is('home-visit', true)), branch('waived', TAITUNG), branch('waived', NEW_TAIPEI), branch('substitute')],
    rows: [
      { answers: { 'home-visit': true }, index: 0, facts: [['home-visit', true, true]], certain: true, outcomeCertain: true },
      { answers: { 'home-visit': true, county: 'TW-TPE' }, index: 0, facts: [['home-visit', true, true]], certain: true, outcomeCertain: true },
      {
        answers: { 'home-visit': false, county: 'TW-TTT' },
        index: 1,
        facts: [['home-visit', false, true], ['county', 'TW-TTT', true]],
        certain: true,
        outcomeCertain: true,
      },
      {
        answers: { 'home-visit': false, county: 'TW-NWT' },
        index: 2,
        facts: [['home-visit', false, true], ['county', 'TW-NWT', true]],
        certain: true,
        outcomeCertain: true,
      },
      {
        answers: { 'home-visit': false, county: 'TW-TXG' },
        index: 3,
        facts: [['home-visit', false, true], ['county', 'TW-TXG', true]],
        certain: true,
        outcomeCertain: true,
      },
      // Visit skipped, Taitung: waived either way, for one reason or the other.
      { answers: { county: 'TW-TTT' }, index: 1, facts: [['home-visit', undefined, false], ['county', 'TW-TTT', true]], certain: false, outcomeCertain: true },
      // Visit skipped, Taichung: a visit would waive it.
      { answers: { county: 'TW-TXG' }, index: 3, facts: [['home-visit', undefined, false], ['county', 'TW-TXG', true]], certain: false, outcomeCertain: false },
      { answers: {}, index: 3, facts: [['home-visit', undefined, false], ['county', undefined, false]], certain: false, outcomeCertain: false },
    ],
  },
  {
    name: 'consent to a registry lookup waives, else required',
    usedBy: 'indigenous-student-fee-reduction, indigenous-emergency-relief indigenous-status-proof',
    branches: [branch('waived', is('consent-indigenous-lookup', true)), branch('required')],
    rows: [
      { answers: { 'consent-indigenous-lookup': true }, index: 0, facts: [['consent-indigenous-lookup', true, true]], certain: true, outcomeCertain: true },
      { answers: { 'consent-indigenous-lookup': false }, index: 1, facts: [['consent-indigenous-lookup', false, true]], certain: true, outcomeCertain: true },
      { answers: {}, index: 1, facts: [['consent-indigenous-lookup', undefined, false]], certain: false, outcomeCertain: false },
    ],
  },
  ...(
    [
      ['old-records', 'land-inheritance-registration transcripts'],
      ['agreed-division', 'land-inheritance-registration division agreement and seal certificate'],
      ['by-proxy', 'spouse-id-card-replacement power-of-attorney'],
    ] as const
  ).map(
    ([question, usedBy]): Table => ({
      name: `yes to "${question}" makes it required, else a substitute`,
      usedBy,
      branches: [branch('required', is(question, true)), branch('substitute')],
      rows: [
        { answers: { [question]: true }, index: 0, facts: [[question, true, true]], certain: true, outcomeCertain: true },
        { answers: { [question]: false }, index: 1, facts: [[question, false, true]], certain: true, outcomeCertain: true },
        { answers: {}, index: 1, facts: [[question, undefined, false]], certain: false, outcomeCertain: false },
      ],
    }),
  ),
  {
    name: 'same household: a substitute either way, for different reasons',
    usedBy: 'decedent-property-lookup household-transcript',
    branches: [branch('substitute', is('same-household', true)), branch('substitute')],
    rows: [
      { answers: { 'same-household': true }, index: 0, facts: [['same-household', true, true]], certain: true, outcomeCertain: true },
      { answers: { 'same-household': false }, index: 1, facts: [['same-household', false, true]], certain: true, outcomeCertain: true },
      { answers: {}, index: 1, facts: [['same-household', undefined, false]], certain: false, outcomeCertain: true },
    ],
  },
  {
    name: 'county rules, then same household',
    usedBy: 'low-income-funeral-subsidy household-transcript',
    branches: [branch('waived', TAITUNG), branch('waived', NEW_TAIPEI), branch('substitute', is('same-household', true)), branch('substitute')],
    rows: [
      { answers: { county: 'TW-TTT', 'same-household': true }, index: 0, facts: [['county', 'TW-TTT', true]], certain: true, outcomeCertain: true },
      {
        answers: { county: 'TW-PIF', 'same-household': true },
        index: 2,
        facts: [['county', 'TW-PIF', true], ['same-household', true, true]],
        certain: true,
        outcomeCertain: true,
      },
      { answers: { 'same-household': false }, index: 3, facts: [['county', undefined, false], ['same-household', false, true]], certain: false, outcomeCertain: false },
      // County known and not a waiving one: only the reason depends on the household.
      { answers: { county: 'TW-PIF' }, index: 3, facts: [['county', 'TW-PIF', true], ['same-household', undefined, false]], certain: false, outcomeCertain: true },
    ],
  },
  {
    name: 'vehicle scrapping: the payee is not the owner (an "or" of two answers)',
    usedBy: 'vehicle-scrapping household-transcript',
    branches: [
      branch('required', { or: [is('owner-died-or-renamed', true), is('collector-is-owner', false)] }),
      branch('substitute'),
    ],
    rows: [
      // One true operand alone decides an "or": the second question does not matter.
      { answers: { 'owner-died-or-renamed': true }, index: 0, facts: [['owner-died-or-renamed', true, true]], certain: true, outcomeCertain: true },
      {
        answers: { 'owner-died-or-renamed': false, 'collector-is-owner': false },
        index: 0,
        facts: [['collector-is-owner', false, true]],
        certain: true,
        outcomeCertain: true,
      },
      {
        answers: { 'owner-died-or-renamed': false, 'collector-is-owner': true },
        index: 1,
        facts: [['owner-died-or-renamed', false, true], ['collector-is-owner', true, true]],
        certain: true,
        outcomeCertain: true,
      },
      {
        answers: { 'owner-died-or-renamed': false },
        index: 1,
        facts: [['owner-died-or-renamed', false, true], ['collector-is-owner', undefined, false]],
        certain: false,
        outcomeCertain: false,
      },
      {
        answers: {},
        index: 1,
        facts: [['owner-died-or-renamed', undefined, false], ['collector-is-owner', undefined, false]],
        certain: false,
        outcomeCertain: false,
      },
    ],
  },
];

describe('decideDocument: the first branch that holds decides, and says why', () => {
  for (const table of tables) {
    describe(`${table.name} (${table.usedBy})`, () => {
      for (const row of table.rows) {
        test(`answers ${JSON.stringify(row.answers)} → branch ${row.index + 1} (${table.branches[row.index].outcome})`, () => {
          const decision = decideDocument(table.branches, row.answers);
          assert.equal(decision.index, row.index);
          assert.equal(decision.branch, table.branches[row.index]);
          assert.deepEqual(
            decision.facts,
            row.facts.map(([variable, value, answered]) => ({ variable, value, answered })),
          );
          assert.equal(decision.certain, row.certain, 'certain');
          assert.equal(decision.outcomeCertain, row.outcomeCertain, 'outcomeCertain');
        });
      }
    });
  }

  test('a rule without a last unconditional branch is refused', () => {
    assert.throws(() => decideDocument([branch('waived', TAITUNG)], { county: 'TW-TPE' }), /last branch without a condition/);
  });

  test('a branch whose condition holds decides even when later ones would too', () => {
    assert.equal(decideDocument([branch('waived', TAITUNG), branch('required', TAITUNG), branch('substitute')], { county: 'TW-TTT' }).index, 0);
  });

  test('a condition that holds only because an answer is missing leaves the outcome open', () => {
    // `!=` with a skipped answer holds (null != "TW-TTT"); answering Taitung would pick the default.
    const decision = decideDocument([branch('required', { '!=': [{ var: 'county' }, 'TW-TTT'] }), branch('waived')], {});
    assert.equal(decision.index, 0);
    assert.equal(decision.certain, false);
    assert.equal(decision.outcomeCertain, false);
  });
});

describe('the tables cover the catalogue', () => {
  test('every waiver condition in data/ has a table above', async () => {
    const catalogue = await loadCatalogue('data');
    const covered = new Set(tables.flatMap((t) => t.branches.filter((b) => b.when !== undefined).map((b) => JSON.stringify(b.when))));
    const shapes = new Set(tables.map((t) => JSON.stringify(t.branches.map((b) => [b.when ?? null, b.outcome]))));
    const missing: string[] = [];
    for (const service of catalogue.services.values()) {
      for (const requirement of service.documents) {
        for (const b of requirement.waiver) {
          if (b.when !== undefined && !covered.has(JSON.stringify(b.when))) missing.push(`${service.id}/${requirement.document}: ${JSON.stringify(b.when)}`);
        }
        const shape = JSON.stringify(requirement.waiver.map((b) => [b.when ?? null, b.outcome]));
        if (!shapes.has(shape)) missing.push(`${service.id}/${requirement.document}: branch sequence ${shape}`);
      }
    }
    assert.deepEqual(missing, [], 'add a table for each of these');
  });
});
