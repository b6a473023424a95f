/**
 * The widget's pure decisions over the real catalogue as the API sends it: the three groups,
 * what is asked, what a skipped answer leaves open, what leaving documents at home saves;
 * searching services by part of a name; the link that reopens a check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ServiceResponse, ServicesResponse } from '../../src/core/api/contract/services.js';
import { checkService, effectiveAnswers, ruleProblems, visibleQuestions } from '../../src/doc-free-check/check.js';
import { answersFromLink, linkFor, linkFragment, readLink } from '../../src/doc-free-check/link.js';
import { indexServices, normalize } from '../../src/doc-free-check/search.js';
import * as z from 'zod/mini';
import { startApp, type Harness } from '../server/helpers.js';

let harness: Harness;
const get = async <T>(url: string, schema: z.ZodMiniType<T>): Promise<T> => {
  const response = await harness.app.inject({ url });
  assert.equal(response.statusCode, 200, url);
  return z.parse(schema, response.json());
};
const service = (id: string, lang = 'en') => get(`/v1/services/${id}?lang=${lang}`, ServiceResponse);
const names = (checks: { document: { id: string } }[]) => checks.map((c) => c.document.id);

before(async () => {
  harness = await startApp();
});
after(() => harness.close());

describe('checkService: three groups, with reasons', () => {
  test('low-income status in Taitung: the office looks the household transcript up; ID card and passbook still needed', async () => {
    const result = checkService(await service('low-income-household-status'), { county: 'TW-TTT' });
    assert.deepEqual(names(result.groups.waived), ['household-transcript']);
    assert.deepEqual(names(result.groups.substitute), []);
    assert.deepEqual(names(result.groups.required), ['national-id-card', 'bank-passbook-copy']);
    const transcript = result.groups.waived[0];
    assert.equal(transcript.branch.registry?.id, 'household-registry');
    assert.match(transcript.branch.because, /Taitung/);
    assert.deepEqual(transcript.facts, [{ variable: 'county', value: 'TW-TTT', answered: true }]);
    assert.deepEqual(result.counts, { waived: 1, substitute: 0, required: 2 });
    assert.equal(result.mayChange, 0);
  });

  test('low-income status elsewhere: a lighter document is enough (register copy or electronic transcript)', async () => {
    const result = checkService(await service('low-income-household-status'), { county: 'TW-TXG' });
    assert.deepEqual(names(result.groups.substitute), ['household-transcript']);
    assert.deepEqual(
      result.groups.substitute[0].branch.substitutes?.map((s) => s.id),
      ['household-register-copy', 'e-household-transcript'],
    );
  });

  test('with the county skipped, the transcript may still be waived: the county question is named', async () => {
    const s = await service('low-income-household-status');
    const result = checkService(s, {});
    const transcript = result.documents.find((d) => d.document.id === 'household-transcript')!;
    assert.equal(transcript.outcome, 'substitute');
    assert.equal(transcript.outcomeCertain, false);
    assert.deepEqual(
      transcript.openQuestions.map((q) => q.id),
      ['county'],
    );
    assert.equal(result.mayChange, 1);
    // The ID card does not depend on anything.
    assert.equal(result.documents.find((d) => d.document.id === 'national-id-card')!.outcomeCertain, true);
  });

  test('vehicle scrapping: the payee question is asked only when the owner is alive and unrenamed', async () => {
    const s = await service('vehicle-scrapping');
    assert.deepEqual(
      visibleQuestions(s.questions, {}).map((q) => q.id),
      ['owner-died-or-renamed'],
    );
    assert.deepEqual(
      visibleQuestions(s.questions, { 'owner-died-or-renamed': false }).map((q) => q.id),
      ['owner-died-or-renamed', 'collector-is-owner'],
    );
    assert.deepEqual(
      visibleQuestions(s.questions, { 'owner-died-or-renamed': true }).map((q) => q.id),
      ['owner-died-or-renamed'],
    );

    const someoneElseCollects = checkService(s, { 'owner-died-or-renamed': false, 'collector-is-owner': false });
    assert.deepEqual(names(someoneElseCollects.groups.required), ['household-transcript', 'vehicle-registration']);
    const ownerCollects = checkService(s, { 'owner-died-or-renamed': false, 'collector-is-owner': true });
    assert.deepEqual(names(ownerCollects.groups.substitute), ['household-transcript']);
    assert.deepEqual(ownerCollects.groups.substitute[0].branch.substitutes?.map((d) => d.id), ['national-id-card']);
  });

  test('an answer to a question that is hidden now is kept by the caller but decides nothing', async () => {
    const s = await service('vehicle-scrapping');
    // "collector is not the owner" was answered, then the citizen said the owner died.
    const answers = { 'owner-died-or-renamed': true, 'collector-is-owner': false };
    assert.deepEqual(effectiveAnswers(s.questions, answers), { 'owner-died-or-renamed': true });
    const result = checkService(s, answers);
    assert.deepEqual(result.answers, { 'owner-died-or-renamed': true });
    assert.deepEqual(result.groups.required[0].facts, [{ variable: 'owner-died-or-renamed', value: true, answered: true }]);
  });

  test('with nothing answered, a skipped question hidden behind another points at the one that is asked', async () => {
    const result = checkService(await service('vehicle-scrapping'), {});
    const transcript = result.documents.find((d) => d.document.id === 'household-transcript')!;
    assert.equal(transcript.outcomeCertain, false);
    assert.deepEqual(
      transcript.openQuestions.map((q) => q.id),
      ['owner-died-or-renamed'],
    );
  });

  test('a county rule that waives everywhere is certain in outcome even when the county is skipped', async () => {
    const result = checkService(await service('farmland-use-certificate'), {});
    const land = result.groups.waived.find((d) => d.document.id === 'land-transcript')!;
    assert.equal(land.certain, false);
    assert.equal(land.outcomeCertain, true);
    assert.deepEqual(land.openQuestions, []);
  });

  test('savings: fees of waived documents the catalogue prices, and those whose time it describes', async () => {
    const result = checkService(await service('housing-subsidy'), { county: 'TW-TPE' });
    assert.deepEqual(names(result.groups.waived), ['household-transcript', 'building-transcript']);
    assert.equal(result.savings.feeNtd, 20);
    assert.deepEqual(names(result.savings.withFee), ['building-transcript']);
    assert.deepEqual(names(result.savings.withTime), ['household-transcript', 'building-transcript']);
    assert.match(result.savings.withTime[1].document.timeToObtain!, /about an hour/);
  });

  test('a service with no documents gives three empty groups', async () => {
    const result = checkService(await service('disaster-tax-relief'), {});
    assert.deepEqual(result.counts, { waived: 0, substitute: 0, required: 0 });
    assert.equal(result.savings.feeNtd, 0);
  });

  test('the same decisions in Chinese, with Chinese reasons', async () => {
    const result = checkService(await service('low-income-household-status', 'zh-Hant-TW'), { county: 'TW-NWT' });
    assert.deepEqual(names(result.groups.waived), ['household-transcript']);
    assert.match(result.groups.waived[0].branch.because, /新北市/);
  });
});

describe('ruleProblems: rules the evaluator cannot run are named, never guessed at', () => {
  test('every catalogue service has usable rules', async () => {
    const list = await get('/v1/services?lang=en', ServicesResponse);
    for (const summary of list.services) assert.deepEqual(ruleProblems(await service(summary.id)), [], summary.id);
  });

  test('an unknown operator, a missing default, a waiver without registry and a substitute without substitutes', async () => {
    const s = await service('low-income-household-status');
    const [transcript, card, passbook] = s.documents;
    const broken = {
      questions: [{ ...s.questions[0], showWhen: { regex: ['x'] } }],
      documents: [
        { ...transcript, waiver: [{ ...transcript.waiver[0], when: { like: [{ var: 'county' }, 'TW-%'] } }, transcript.waiver[2]] },
        { ...card, waiver: [{ ...card.waiver[0], when: { '==': [{ var: 'county' }, 'TW-TTT'] } }] },
        { ...passbook, waiver: [{ outcome: 'waived' as const, because: 'x' }, { outcome: 'substitute' as const, because: 'y', substitutes: [] }] },
      ],
    };
    const problems = ruleProblems(broken);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0], /question county.*unsupported operator "regex"/);
    assert.match(problems[1], /household-transcript branch 1.*unsupported operator "like"/);
    assert.match(problems[2], /national-id-card: the last branch must have no condition/);
    assert.match(problems[3], /bank-passbook-copy branch 1: a waiver names no registry/);
    assert.match(problems[4], /bank-passbook-copy branch 2: no substitutes listed/);
  });
});

describe('search: part of a name, in the widget language or Chinese', () => {
  let en: Awaited<ReturnType<typeof get<ServicesResponse>>>;
  let zh: typeof en;
  before(async () => {
    en = await get('/v1/services?lang=en', ServicesResponse);
    zh = await get('/v1/services?lang=zh-Hant-TW', ServicesResponse);
  });
  const ids = (result: { matches: { id: string }[] }) => result.matches.map((s) => s.id);

  test('normalize: full-width letters, case, 台 and 臺, punctuation', () => {
    assert.equal(normalize('ＬＯＷ－Income'), 'low income');
    assert.equal(normalize('台東縣'), '臺東縣');
    assert.equal(normalize('  low-income,  household '), 'low income household');
  });

  test('English words, at the start of a name first', () => {
    const result = indexServices(en.services).search('low-income');
    assert.deepEqual(ids(result).slice(0, 2), ['low-income-household-status', 'low-income-funeral-subsidy']);
    assert.equal(result.total, ids(result).length);
  });

  test('Chinese, from an English widget too (the Chinese name is searched)', () => {
    assert.deepEqual(ids(indexServices(en.services).search('報廢')), ['vehicle-scrapping', 'old-motorcycle-scrapping-by-fax']);
    assert.deepEqual(ids(indexServices(zh.services).search('車輛報廢')), ['vehicle-scrapping']);
  });

  test('several words found anywhere, in any order; the agency counts', () => {
    assert.ok(ids(indexServices(en.services).search('scrap vehicle')).includes('vehicle-scrapping'));
    assert.ok(ids(indexServices(en.services).search('land office')).includes('land-inheritance-registration'));
  });

  test('no match is an empty result, an empty query lists everything', () => {
    const index = indexServices(en.services);
    assert.deepEqual(index.search('zzzz'), { matches: [], total: 0 });
    assert.equal(index.search('  ').total, en.services.length);
    assert.equal(index.search('', 5).matches.length, 5);
  });

  test('a limit keeps the best and still counts all', () => {
    const result = indexServices(en.services).search('a', 3);
    assert.equal(result.matches.length, 3);
    assert.ok(result.total > 3);
  });
});

describe('the link that reopens a check', () => {
  test('holds the service and the answers, in the fragment, and nothing else', () => {
    const answers = { county: 'TW-TTT', 'owner-died-or-renamed': false, skipped: undefined, empty: '' };
    assert.equal(linkFragment('vehicle-scrapping', answers), 'dfc-service=vehicle-scrapping&dfc-county=TW-TTT&dfc-owner-died-or-renamed=no');
    const link = linkFor('https://county.example/page?x=1#old', 'vehicle-scrapping', answers);
    assert.equal(link, 'https://county.example/page?x=1#dfc-service=vehicle-scrapping&dfc-county=TW-TTT&dfc-owner-died-or-renamed=no');
  });

  test('reads back into typed answers for the service\'s questions', async () => {
    const s = await service('vehicle-scrapping');
    const linked = readLink('#dfc-service=vehicle-scrapping&dfc-owner-died-or-renamed=no&dfc-collector-is-owner=yes&other=1');
    assert.deepEqual(linked, { service: 'vehicle-scrapping', raw: { 'owner-died-or-renamed': 'no', 'collector-is-owner': 'yes' } });
    assert.deepEqual(answersFromLink(linked!.raw, s.questions), { 'owner-died-or-renamed': false, 'collector-is-owner': true });
  });

  test('drops what is not a valid answer, keeps the rest', () => {
    const questions = [
      { id: 'county', kind: 'county' as const, text: 'County?' },
      { id: 'ok', kind: 'yes-no' as const, text: 'Yes?' },
      { id: 'pick', kind: 'choice' as const, text: 'Pick', options: [{ id: 'a', text: 'A' }] },
      { id: 'many', kind: 'multi-choice' as const, text: 'Many', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] },
      { id: 'when', kind: 'date' as const, text: 'When' },
    ];
    assert.deepEqual(answersFromLink({ county: 'tw-ttt', ok: 'maybe', pick: 'z', many: 'b,zz,b', when: '2026-01-15', unknown: 'yes' }, questions), {
      county: 'TW-TTT',
      many: ['b'],
      when: '2026-01-15',
    });
    assert.deepEqual(answersFromLink({ county: 'Taitung', pick: 'a', when: '15/01/2026' }, questions), { pick: 'a' });
  });

  test('a fragment without a check, or with a malformed service id, is no check', () => {
    assert.equal(readLink(''), null);
    assert.equal(readLink('#section-2'), null);
    assert.equal(readLink('#dfc-service=<script>'), null);
  });
});
