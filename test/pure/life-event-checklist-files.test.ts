import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCalendar, escapeText, foldLine } from '../../src/life-event-checklist/ics.js';
import { emptyPlan, exportFile, isEmptyPlan, parseImportFile, type SavedPlan } from '../../src/life-event-checklist/progress.js';

const sample: SavedPlan = {
  eventDate: '2026-01-15',
  answers: { 'left-property': true, insurance: ['labour'], county: 'TW-TTT' },
  progress: { D02: { done: true, assignee: 'Mei (sample)' }, D07: { note: 'Bring two copies' } },
  grouping: 'office',
};

describe('progress files', () => {
  test('export then import gives back the same plan', () => {
    const text = exportFile('death', sample, new Date('2026-01-20T03:04:05Z'));
    const result = parseImportFile(text, 'death');
    assert.deepEqual(result, { ok: true, plan: sample, exportedAt: '2026-01-20T03:04:05.000Z' });
  });

  const valid = JSON.parse(exportFile('death', sample, new Date('2026-01-20T00:00:00Z')));
  for (const [name, text, reason] of [
    ['not JSON', 'this is a photo, not a plan', 'not-json'],
    ['JSON of something else', JSON.stringify({ hello: 'world' }), 'not-ours'],
    ['a plan from a newer version', JSON.stringify({ ...valid, version: 2 }), 'newer'],
    ['a date that is no date', JSON.stringify({ ...valid, eventDate: '2026-02-30' }), 'invalid'],
    ['a tick that is not true or false', JSON.stringify({ ...valid, progress: { D02: { done: 'yes' } } }), 'invalid'],
    ['an answer that is an object', JSON.stringify({ ...valid, answers: { county: { code: 'TW-TTT' } } }), 'invalid'],
    ['a note far too long', JSON.stringify({ ...valid, progress: { D02: { note: 'x'.repeat(2001) } } }), 'invalid'],
  ] as const) {
    test(`rejects ${name} (${reason})`, () => {
      const result = parseImportFile(text, 'death');
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, reason);
    });
  }

  test('rejects a plan for another life event and says which', () => {
    assert.deepEqual(parseImportFile(JSON.stringify({ ...valid, event: 'birth' }), 'death'), { ok: false, reason: 'other-event', event: 'birth' });
  });

  test('drops fields it does not know (nothing unexpected is kept)', () => {
    const result = parseImportFile(JSON.stringify({ ...valid, tracking: 'id-123' }), 'death');
    assert.ok(result.ok);
    assert.ok(result.ok && !('tracking' in result.plan));
  });

  test('an empty plan is empty; a note alone is worth keeping', () => {
    assert.ok(isEmptyPlan(emptyPlan()));
    assert.ok(isEmptyPlan({ eventDate: null, answers: {}, progress: { D02: {} } }));
    assert.ok(!isEmptyPlan({ eventDate: null, answers: {}, progress: { D02: { note: 'call the office' } } }));
  });
});

describe('iCalendar writer (RFC 5545)', () => {
  const now = new Date('2026-01-20T08:30:00Z');

  test('escapes backslashes, semicolons, commas and line breaks', () => {
    assert.equal(escapeText('a\\b;c,d\ne'), 'a\\\\b\\;c\\,d\\ne');
  });

  test('folds at 75 octets without splitting a Chinese character', () => {
    const line = `SUMMARY:${'辦理死亡登記'.repeat(10)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    assert.ok(lines.length > 1);
    for (const part of lines) assert.ok(new TextEncoder().encode(part).length <= 75, part);
    assert.ok(lines.slice(1).every((part) => part.startsWith(' ')));
    assert.equal(lines.map((part, i) => (i ? part.slice(1) : part)).join(''), line);
    assert.equal(foldLine('SHORT'), 'SHORT');
  });

  test('one all-day event a date, ending the next day, with a reminder and CRLF line ends', () => {
    const file = buildCalendar(
      [
        { uid: 'death-D07-2026-02-23@onestop', date: '2026-02-23', summary: 'Last day: Register the death', description: 'Household registration office; bring: ID card, seal' },
        { uid: 'death-D12-2026-12-31@onestop', date: '2026-12-31', summary: 'Last day: File the estate-tax return' },
      ],
      { now, name: 'After a family member dies', remindDaysBefore: 3, reminder: 'Coming up' },
    );
    assert.ok(file.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(file), 'every line ends in CRLF');
    const lines = file.trim().split('\r\n');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 2);
    assert.ok(lines.includes('DTSTART;VALUE=DATE:20260223'));
    assert.ok(lines.includes('DTEND;VALUE=DATE:20260224'));
    assert.ok(lines.includes('DTEND;VALUE=DATE:20270101'), 'the year rolls over');
    assert.ok(lines.includes('DTSTAMP:20260120T083000Z'));
    assert.ok(lines.includes('TRIGGER:-P3D'));
    assert.ok(lines.includes('DESCRIPTION:Household registration office\\; bring: ID card\\, seal'));
    assert.ok(lines.includes('X-WR-CALNAME:After a family member dies'));
  });

  test('no reminder when asked for none', () => {
    assert.ok(!buildCalendar([{ uid: 'x', date: '2026-02-23', summary: 'x' }], { now, remindDaysBefore: 0 }).includes('VALARM'));
  });
});
