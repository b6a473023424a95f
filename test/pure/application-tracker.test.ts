import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as z from 'zod/mini';
import { CaseStatusesResponse } from '../../src/core/api/contract/case-statuses.js';
import { CaseView, type CaseEventView } from '../../src/core/api/tracker-contract.js';
import {
  caseChange,
  currentStep,
  daysUntil,
  expectedCompletion,
  formatDate,
  formatDateTime,
  groupByOffice,
  nextPollDelay,
  nextStep,
  officeDate,
  openAction,
  pickText,
  routeProgress,
  statusInfo,
  telHref,
  urgencyOf,
  MAX_POLL_DELAY_MS,
} from '../../src/application-tracker/timeline.js';
import { daysUntil as coreDaysUntil } from '../../src/core/rules/deadlines.js';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';

// The real vocabulary and the SAMPLE cases, as the reference API answered them.
const statusesEn = z.parse(CaseStatusesResponse, recordedAnswers['case-statuses.en']).statuses;
const statusesZh = z.parse(CaseStatusesResponse, recordedAnswers['case-statuses.zh-Hant-TW']).statuses;
const sample = (name: 'LAND-INHERIT-01' | 'ESTATE-TAX-01' | 'BIRTH-REG-01' | 'FUNERAL-AID-01') =>
  z.parse(CaseView, recordedAnswers[`case.SAMPLE-${name}`]);

const text = (zh: string, en?: string) => ({ 'zh-Hant-TW': zh, ...(en ? { en } : {}) });
const DISTRICT = { agencyId: 'sample-district-office', office: text('範例區公所', 'Sample District Office') };
const LAND = { agencyId: 'sample-land-office', office: text('範例地政事務所', 'Sample Land Office') };
const TAX = { agencyId: 'sample-tax-office', office: text('範例國稅局', 'Sample Tax Office') };

function event(at: string, stop: typeof DISTRICT, status: string, extra: Partial<CaseEventView> = {}): CaseEventView {
  return { at, agencyId: stop.agencyId, office: stop.office, status, ...extra };
}

/** A case view built the way the server builds one: status from the newest event. */
function caseOf(events: CaseEventView[], extra: Partial<CaseView> = {}): CaseView {
  const last = events[events.length - 1]!;
  return z.parse(CaseView, {
    caseNumber: 'SAMPLE-TEST-01',
    serviceId: 'land-inheritance-registration',
    receivingOffice: DISTRICT,
    route: [LAND],
    receivedAt: events[0]!.at,
    status: { id: last.status, at: last.at, agencyId: last.agencyId, office: last.office, ...(last.agencyWord ? { agencyWord: last.agencyWord } : {}) },
    events,
    ...extra,
  });
}

describe('texts the agency wrote, in the reader\'s language', () => {
  const cases: Array<[string, Record<string, string>, string, { text: string; lang: string; fallback: boolean }]> = [
    ['English asked, English written', text('補正', 'Bring documents'), 'en', { text: 'Bring documents', lang: 'en', fallback: false }],
    ['Chinese asked', text('補正', 'Bring documents'), 'zh-Hant-TW', { text: '補正', lang: 'zh-Hant-TW', fallback: false }],
    ['English asked, only Chinese written: Chinese, marked as a fallback', text('請補附戶籍謄本'), 'en', { text: '請補附戶籍謄本', lang: 'zh-Hant-TW', fallback: true }],
    ['a regional English reads the English text', text('補正', 'Bring documents'), 'en-GB', { text: 'Bring documents', lang: 'en', fallback: false }],
    ['any Chinese reads zh-Hant-TW', text('補正', 'Bring documents'), 'zh-TW', { text: '補正', lang: 'zh-Hant-TW', fallback: false }],
    ['Vietnamese, if the agency wrote it', { ...text('補正', 'Bring documents'), vi: 'Bổ sung giấy tờ' }, 'vi', { text: 'Bổ sung giấy tờ', lang: 'vi', fallback: false }],
    ['Vietnamese not written: Chinese, not English', text('補正', 'Bring documents'), 'vi', { text: '補正', lang: 'zh-Hant-TW', fallback: true }],
  ];
  for (const [name, given, locale, expected] of cases) test(name, () => assert.deepEqual(pickText(given, locale), expected));
});

describe('dates on Taiwan time, in the reader\'s language', () => {
  const cases: Array<[string, string, string]> = [
    ['an event late in the evening UTC is the next day in Taiwan', '2026-03-04T17:30:00Z', '2026-03-05'],
    ['one just before midnight in Taiwan stays on its day', '2026-03-04T15:59:00Z', '2026-03-04'],
    ['an offset written by the agency', '2026-03-04T09:30:00+08:00', '2026-03-04'],
  ];
  for (const [name, instant, expected] of cases) test(name, () => assert.equal(officeDate(instant), expected));

  test('a calendar date is shown as that date, in English and in Chinese', () => {
    assert.equal(formatDate('2026-12-05', 'en'), 'December 5, 2026');
    assert.equal(formatDate('2026-12-05', 'zh-Hant-TW'), '2026年12月5日');
    assert.match(formatDate('2026-12-05', 'en', true), /^Saturday, December 5, 2026$/);
  });

  test('an event time is shown on Taiwan time', () => {
    assert.match(formatDateTime('2026-11-20T07:30:00Z', 'en'), /Nov 20, 2026.*3:30\sPM/);
    assert.match(formatDateTime('2026-11-20T07:30:00Z', 'zh-Hant-TW'), /2026年11月20日.*3:30/);
  });

  const until: Array<[string, string, string, number]> = [
    ['tomorrow', '2026-12-06', '2026-12-05', 1],
    ['today', '2026-12-05', '2026-12-05', 0],
    ['yesterday', '2026-12-04', '2026-12-05', -1],
    ['across a month end', '2027-01-02', '2026-12-30', 3],
  ];
  for (const [name, due, today, expected] of until) {
    test(`days until: ${name}, as the deadline rules count`, () => {
      assert.equal(daysUntil(due, today), expected);
      assert.equal(daysUntil(due, today), coreDaysUntil(due, today));
    });
  }

  const urgencies: Array<[number, string]> = [
    [-2, 'overdue'],
    [0, 'today'],
    [1, 'soon'],
    [3, 'soon'],
    [4, 'later'],
  ];
  for (const [days, expected] of urgencies) test(`${days} days left is ${expected}`, () => assert.equal(urgencyOf(days), expected));
});

describe('the status vocabulary comes from the API', () => {
  test('every status the server may record has a plain name and a "what next" in both languages', () => {
    for (const statuses of [statusesEn, statusesZh]) {
      for (const id of ['received', 'forwarded', 'in-review', 'needs-more', 'approved', 'rejected', 'completed', 'collected', 'withdrawn']) {
        const info = statusInfo(statuses, id);
        assert.ok(info.known && info.name && info.whatNext, id);
      }
    }
  });

  test('names and what next are the vocabulary\'s own words, in the language asked', () => {
    const en = statusInfo(statusesEn, 'needs-more');
    const zh = statusInfo(statusesZh, 'needs-more');
    const fromApi = recordedAnswers['case-statuses.zh-Hant-TW'].statuses.find((s) => s.id === 'needs-more')!;
    assert.equal(zh.name, fromApi.name);
    assert.equal(zh.whatNext, fromApi.whatNext);
    assert.notEqual(en.name, zh.name);
    assert.equal(en.final, false);
  });

  test('final statuses are final', () => {
    assert.deepEqual(
      ['received', 'forwarded', 'in-review', 'needs-more', 'approved', 'rejected', 'completed', 'collected', 'withdrawn'].filter((id) => statusInfo(statusesEn, id).final),
      ['rejected', 'completed', 'collected', 'withdrawn'],
    );
  });

  test('an id the vocabulary lacks is not guessed at', () => {
    assert.deepEqual(statusInfo(statusesEn, 'on-hold'), { id: 'on-hold', final: false, known: false });
  });
});

describe('where the case is now', () => {
  test('the land case (SAMPLE) waits for the citizen, at the land office, in the office\'s own word 補正', () => {
    const view = sample('LAND-INHERIT-01');
    const step = currentStep(view, statusesEn);
    assert.equal(step.status.id, 'needs-more');
    assert.equal(step.status.name, statusesEn.find((s) => s.id === 'needs-more')!.name);
    assert.equal(step.agencyWord, '補正');
    assert.equal(pickText(step.office, 'en').text, 'Da-an Land Office, Taipei City (SAMPLE)');
  });

  test('the estate-tax case (SAMPLE) is being checked at the tax office it was forwarded to', () => {
    const step = currentStep(sample('ESTATE-TAX-01'), statusesZh);
    assert.equal(step.status.id, 'in-review');
    assert.equal(step.agencyId, 'ntbna-banqiao-branch');
  });
});

describe('what happens next, and what the citizen must do by when', () => {
  const asked = event('2026-11-20T07:30:00Z', LAND, 'needs-more', {
    agencyWord: '補正',
    action: { text: text('請補附遺產稅繳清證明書正本', 'Bring the original estate tax clearance certificate'), dueDate: '2026-12-05' },
  });
  const base = [event('2026-11-14T06:10:00Z', DISTRICT, 'received'), event('2026-11-15T01:30:00Z', DISTRICT, 'forwarded'), event('2026-11-16T01:30:00Z', LAND, 'in-review')];

  const table: Array<[string, CaseEventView[], string, { action?: { daysLeft?: number; urgency?: string; office?: string } | null; askContact?: boolean; final?: boolean }]> = [
    ['needs more: which document, where, and 10 days left', [...base, asked], '2026-11-25', { action: { daysLeft: 10, urgency: 'later', office: 'sample-land-office' } }],
    ['needs more: 2 days left is soon', [...base, asked], '2026-12-03', { action: { daysLeft: 2, urgency: 'soon', office: 'sample-land-office' } }],
    ['needs more: due today', [...base, asked], '2026-12-05', { action: { daysLeft: 0, urgency: 'today' } }],
    ['needs more: past the due date', [...base, asked], '2026-12-07', { action: { daysLeft: -2, urgency: 'overdue' } }],
    [
      'a reminder with the same status keeps the action open',
      [...base, asked, event('2026-11-28T01:00:00Z', LAND, 'needs-more', { note: text('提醒：請盡快補正') })],
      '2026-11-30',
      { action: { daysLeft: 5, urgency: 'later' } },
    ],
    ['documents came in, back in review: nothing more to do', [...base, asked, event('2026-11-27T01:00:00Z', LAND, 'in-review')], '2026-11-30', { action: null }],
    ['approved: the vocabulary says what comes next, nothing to do', [...base, event('2026-11-27T01:00:00Z', LAND, 'approved')], '2026-11-30', { action: null, final: false }],
    [
      'a final status closes even an action written on it',
      [...base, event('2026-11-27T01:00:00Z', LAND, 'rejected', { action: { text: text('可於30日內提起訴願') } })],
      '2026-11-30',
      { action: null, final: true },
    ],
    ['needs more without saying what: ask the contact', [...base, event('2026-11-27T01:00:00Z', LAND, 'needs-more')], '2026-11-30', { action: null, askContact: true }],
    [
      'an action without a due date has no countdown',
      [...base, event('2026-11-27T01:00:00Z', LAND, 'approved', { action: { text: text('請攜帶身分證領取權狀') } })],
      '2026-11-30',
      { action: {} },
    ],
  ];
  for (const [name, events, today, expected] of table) {
    test(name, () => {
      const view = caseOf(events);
      const next = nextStep(view, statusesEn, today);
      const status = statusesEn.find((s) => s.id === view.status.id)!;
      assert.equal(next.whatNext, status.whatNext);
      assert.equal(next.final, expected.final ?? false);
      assert.equal(next.askContact, expected.askContact ?? false);
      if (expected.action === null) return assert.equal(next.action, undefined);
      assert.ok(next.action, 'an action');
      const { daysLeft, urgency, office } = expected.action!;
      assert.equal(next.action.daysLeft, daysLeft);
      assert.equal(next.action.urgency, urgency);
      if (office) assert.equal(next.action.agencyId, office);
    });
  }

  test('the land case (SAMPLE): exactly which documents, and by the due date the office set', () => {
    const view = sample('LAND-INHERIT-01');
    const needsMore = [...view.events].reverse().find((e) => e.status === 'needs-more')!;
    const today = officeDate(needsMore.at);
    const action = openAction(view, statusesZh, today)!;
    assert.equal(pickText(action.text, 'zh-Hant-TW').text, needsMore.action!.text['zh-Hant-TW']);
    assert.match(pickText(action.text, 'zh-Hant-TW').text, /遺產稅繳清證明書/);
    assert.equal(action.dueDate, needsMore.action!.dueDate);
    assert.equal(action.daysLeft, daysUntil(needsMore.action!.dueDate!, today));
    assert.equal(pickText(action.office, 'zh-Hant-TW').text, '臺北市大安地政事務所（範例）');
  });

  test('the birth case (SAMPLE) is done: nothing to do, no expected date to wait for', () => {
    const view = sample('BIRTH-REG-01');
    const next = nextStep(view, statusesEn, officeDate(view.status.at));
    assert.equal(next.final, true);
    assert.equal(next.action, undefined);
    assert.equal(expectedCompletion(view, statusesEn, officeDate(view.status.at)), undefined);
  });
});

describe('the expected completion, and how sure it is', () => {
  const events = [event('2026-11-14T06:10:00Z', DISTRICT, 'received')];
  const table: Array<[string, CaseView['expectedCompletion'], string, object | undefined]> = [
    ['a target date ahead', { date: '2026-11-24', confidence: 'target' }, '2026-11-20', { kind: 'date', confidence: 'target', date: '2026-11-24', state: 'upcoming', daysLeft: 4 }],
    ['a target date today', { date: '2026-11-24', confidence: 'target' }, '2026-11-24', { kind: 'date', state: 'due', daysLeft: 0 }],
    ['a target date passed: ask, do not keep waiting', { date: '2026-11-24', confidence: 'target' }, '2026-11-26', { kind: 'date', state: 'passed', daysLeft: -2 }],
    ['a date set by law', { date: '2027-01-09', confidence: 'statutory' }, '2026-11-26', { kind: 'date', confidence: 'statutory', state: 'upcoming', daysLeft: 44 }],
    [
      'an estimated range, before it starts',
      { earliest: '2026-12-06', latest: '2026-12-20', confidence: 'estimate' },
      '2026-11-26',
      { kind: 'range', confidence: 'estimate', earliest: '2026-12-06', latest: '2026-12-20', state: 'upcoming', daysLeft: 24 },
    ],
    ['inside the range', { earliest: '2026-12-06', latest: '2026-12-20', confidence: 'estimate' }, '2026-12-10', { kind: 'range', state: 'due', daysLeft: 10 }],
    ['on its last day', { earliest: '2026-12-06', latest: '2026-12-20', confidence: 'estimate' }, '2026-12-20', { kind: 'range', state: 'due', daysLeft: 0 }],
    ['past the range', { earliest: '2026-12-06', latest: '2026-12-20', confidence: 'estimate' }, '2026-12-21', { kind: 'range', state: 'passed', daysLeft: -1 }],
    ['none given', undefined, '2026-11-26', undefined],
  ];
  for (const [name, expected, today, want] of table) {
    test(name, () => {
      const view = caseOf(events, expected ? { expectedCompletion: expected } : {});
      const got = expectedCompletion(view, statusesEn, today);
      if (want === undefined) return assert.equal(got, undefined);
      assert.ok(got);
      for (const [key, value] of Object.entries(want)) assert.equal(got[key as keyof typeof got], value, key);
    });
  }

  test('while the office waits for the citizen (補正), the date is on hold, not overdue', () => {
    const waiting = caseOf([...events, event('2026-11-20T07:30:00Z', DISTRICT, 'needs-more', { action: { text: text('補附文件'), dueDate: '2026-12-05' } })], {
      expectedCompletion: { date: '2026-11-24', confidence: 'target' },
    });
    assert.equal(expectedCompletion(waiting, statusesEn, '2026-11-26')!.onHold, true);
    assert.equal(expectedCompletion(caseOf(events, { expectedCompletion: { date: '2026-11-24', confidence: 'target' } }), statusesEn, '2026-11-26')!.onHold, false);
  });

  test('the estate-tax case (SAMPLE) carries the statutory date the tax office set, not the district office\'s guess', () => {
    const view = sample('ESTATE-TAX-01');
    const revised = [...view.events].reverse().find((e) => e.expectedCompletion)!;
    const got = expectedCompletion(view, statusesEn, officeDate(view.status.at))!;
    assert.equal(got.confidence, 'statutory');
    assert.equal(got.date, revised.expectedCompletion!.date);
  });
});

describe('the history, by office and hand-off', () => {
  test('代收轉件: received and forwarded by the district office, then received and checked at the tax office (SAMPLE)', () => {
    const groups = groupByOffice(sample('ESTATE-TAX-01').events);
    assert.deepEqual(
      groups.map((g) => [g.agencyId, g.events.map((e) => e.status), g.from?.agencyId]),
      [
        ['new-taipei-banqiao-district-office', ['received', 'forwarded'], undefined],
        ['ntbna-banqiao-branch', ['received', 'in-review'], 'new-taipei-banqiao-district-office'],
      ],
    );
  });

  test('one office all along is one group', () => {
    const groups = groupByOffice(sample('LAND-INHERIT-01').events);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.events.length, sample('LAND-INHERIT-01').events.length);
  });

  test('a case that comes back to the first office starts a new run there, and events stay oldest first', () => {
    const events = [
      event('2026-11-01T01:00:00Z', DISTRICT, 'received'),
      event('2026-11-02T01:00:00Z', DISTRICT, 'forwarded'),
      event('2026-11-03T01:00:00Z', LAND, 'in-review'),
      event('2026-11-04T01:00:00Z', LAND, 'approved'),
      event('2026-11-05T01:00:00Z', DISTRICT, 'collected'),
    ];
    const groups = groupByOffice(events);
    assert.deepEqual(
      groups.map((g) => [g.agencyId, g.events.length, g.from?.agencyId ?? null]),
      [
        ['sample-district-office', 2, null],
        ['sample-land-office', 2, 'sample-district-office'],
        ['sample-district-office', 1, 'sample-land-office'],
      ],
    );
    assert.deepEqual(groups.flatMap((g) => g.events), events);
  });

  test('two offices of one agency are two groups', () => {
    const other = { agencyId: DISTRICT.agencyId, office: text('範例區公所第二辦公室', 'Sample District Office, annex') };
    assert.equal(groupByOffice([event('2026-11-01T01:00:00Z', DISTRICT, 'received'), event('2026-11-02T01:00:00Z', other, 'in-review')]).length, 2);
  });
});

describe('where the case goes', () => {
  const table: Array<[string, CaseEventView[], CaseView['route'], string[]]> = [
    ['just received at the district office: the land office is next', [event('2026-11-01T01:00:00Z', DISTRICT, 'received')], [LAND], ['current', 'next']],
    [
      'forwarded and in review at the land office',
      [event('2026-11-01T01:00:00Z', DISTRICT, 'received'), event('2026-11-02T01:00:00Z', LAND, 'in-review')],
      [LAND],
      ['done', 'current'],
    ],
    [
      'two offices on the route, at the second',
      [event('2026-11-01T01:00:00Z', DISTRICT, 'received'), event('2026-11-02T01:00:00Z', TAX, 'in-review')],
      [LAND, TAX],
      ['done', 'done', 'current'],
    ],
    [
      'back at the district office to be collected',
      [event('2026-11-01T01:00:00Z', DISTRICT, 'received'), event('2026-11-02T01:00:00Z', LAND, 'approved'), event('2026-11-03T01:00:00Z', DISTRICT, 'collected')],
      [LAND],
      ['current', 'done'],
    ],
    ['no route: the receiving office does it all', [event('2026-11-01T01:00:00Z', DISTRICT, 'received')], [], ['current']],
  ];
  for (const [name, events, route, states] of table) {
    test(name, () => assert.deepEqual(routeProgress(caseOf(events, { route })).map((s) => s.state), states));
  }

  test('the funeral-aid case (SAMPLE): forwarded from the district office to the welfare department', () => {
    assert.deepEqual(
      routeProgress(sample('FUNERAL-AID-01')).map((s) => [s.agencyId, s.state]),
      [
        ['new-taipei-sanchong-district-office', 'done'],
        ['new-taipei-social-welfare-department', 'current'],
      ],
    );
  });
});

describe('what a fresh look-up changed', () => {
  const first = [event('2026-11-01T01:00:00Z', DISTRICT, 'received'), event('2026-11-02T01:00:00Z', LAND, 'in-review')];
  const more = event('2026-11-03T01:00:00Z', LAND, 'needs-more', { action: { text: text('補附文件'), dueDate: '2026-11-18' } });
  const table: Array<[string, CaseView | undefined, CaseView, { changed: boolean; statusChanged: boolean; newEvents: number }]> = [
    ['nothing new', caseOf(first), caseOf(first), { changed: false, statusChanged: false, newEvents: 0 }],
    ['a new status', caseOf(first), caseOf([...first, more]), { changed: true, statusChanged: true, newEvents: 1 }],
    [
      'a note with the same status',
      caseOf(first),
      caseOf([...first, event('2026-11-03T01:00:00Z', LAND, 'in-review', { note: text('會辦中') })]),
      { changed: true, statusChanged: false, newEvents: 1 },
    ],
    [
      'only a revised expected date',
      caseOf(first, { expectedCompletion: { date: '2026-11-20', confidence: 'target' } }),
      caseOf(first, { expectedCompletion: { date: '2026-12-04', confidence: 'target' } }),
      { changed: true, statusChanged: false, newEvents: 0 },
    ],
    ['the first look-up', undefined, caseOf(first), { changed: true, statusChanged: true, newEvents: 2 }],
  ];
  for (const [name, before, after, expected] of table) {
    test(name, () => {
      const change = caseChange(before, after);
      assert.deepEqual({ changed: change.changed, statusChanged: change.statusChanged, newEvents: change.newEvents.length }, expected);
    });
  }
});

describe('polling politely', () => {
  const table: Array<[string, number, number, number | undefined, number]> = [
    ['all well: once a minute', 60_000, 0, undefined, 60_000],
    ['one failure: twice as long', 60_000, 1, undefined, 120_000],
    ['three failures: eight times as long', 60_000, 3, undefined, 480_000],
    ['many failures: at most 15 minutes', 60_000, 10, undefined, MAX_POLL_DELAY_MS],
    ['rate limited: not before Retry-After', 60_000, 1, 600, 600_000],
    ['a short Retry-After does not shorten the back-off', 60_000, 3, 30, 480_000],
    ['a very short test interval still backs off', 50, 2, undefined, 200],
  ];
  for (const [name, interval, failures, retryAfter, expected] of table) test(name, () => assert.equal(nextPollDelay(interval, failures, retryAfter), expected));
});

describe('a phone number as a link phones can dial', () => {
  const table: Array<[string, string]> = [
    ['(02) 0000-0002 #215', 'tel:0200000002,215'],
    ['(07) 0000-0003', 'tel:0700000003'],
    ['+886 2 2345 6789', 'tel:+886223456789'],
    ['0800-000-123', 'tel:0800000123'],
  ];
  for (const [phone, href] of table) test(phone, () => assert.equal(telHref(phone), href));
});
