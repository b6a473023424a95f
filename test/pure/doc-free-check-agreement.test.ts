/**
 * The widget and the server agree on every catalogue service: for each service, in both
 * languages, every combination of answers to its questions (each county, yes, no, skipped …) is
 * decided by the widget's own code (checkService over GET /v1/services/:id, as the widget does
 * offline) and by POST /v1/doc-free/check, and the decisions must be the same.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import type { QuestionView } from '../../src/core/api/contract/common.js';
import { CountiesResponse } from '../../src/core/api/contract/counties.js';
import { DocFreeCheckResponse, ServiceResponse, ServicesResponse } from '../../src/core/api/contract/services.js';
import { checkService } from '../../src/doc-free-check/check.js';
import { startApp, type Harness } from '../server/helpers.js';

let harness: Harness;
let counties: string[];

const get = async <T>(url: string, schema: z.ZodMiniType<T>): Promise<T> => z.parse(schema, (await harness.app.inject({ url })).json());

/** Every answer a question can have, skipped (undefined) first. */
function choicesFor(question: QuestionView): unknown[] {
  switch (question.kind) {
    case 'yes-no':
      return [undefined, true, false];
    case 'county':
      return [undefined, ...counties];
    case 'choice':
      return [undefined, ...(question.options ?? []).map((o) => o.id)];
    case 'multi-choice':
      return [undefined, ...(question.options ?? []).map((o) => [o.id]), (question.options ?? []).map((o) => o.id)];
    case 'date':
      return [undefined, '2026-01-15'];
  }
}

function* combinations(questions: readonly QuestionView[]): Generator<Record<string, unknown>> {
  if (questions.length === 0) {
    yield {};
    return;
  }
  const [first, ...rest] = questions;
  for (const tail of combinations(rest)) {
    for (const value of choicesFor(first)) yield value === undefined ? { ...tail } : { ...tail, [first.id]: value };
  }
}

before(async () => {
  harness = await startApp();
  counties = (await get('/v1/counties?lang=en', CountiesResponse)).counties.map((c) => c.code);
});
after(() => harness.close());

describe('widget and server decide alike', () => {
  for (const lang of ['en', 'zh-Hant-TW']) {
    test(`every catalogue service, every combination of answers (${lang})`, async () => {
      const { services } = await get(`/v1/services?lang=${lang}`, ServicesResponse);
      assert.ok(services.length >= 40);
      let compared = 0;
      let withQuestions = 0;
      for (const summary of services) {
        const service = await get(`/v1/services/${summary.id}?lang=${lang}`, ServiceResponse);
        if (service.questions.length) withQuestions++;
        for (const answers of combinations(service.questions)) {
          const local = checkService(service, answers);
          // The widget sends what it decided with: the answers to the questions it shows.
          const response = await harness.app.inject({ method: 'POST', url: '/v1/doc-free/check', payload: { service: service.id, answers: local.answers, lang } });
          assert.equal(response.statusCode, 200, response.body);
          const remote = z.parse(DocFreeCheckResponse, response.json());
          const where = `${service.id} ${JSON.stringify(answers)}`;
          assert.equal(remote.decisions.length, local.documents.length, where);
          local.documents.forEach((mine, i) => {
            const theirs = remote.decisions[i];
            assert.deepEqual(
              {
                document: theirs.document.id,
                outcome: theirs.outcome,
                registry: theirs.registry?.id,
                substitutes: theirs.substitutes?.map((s) => s.id),
                because: theirs.because,
                facts: theirs.facts.map((f) => ({ variable: f.variable, value: f.value, answered: f.answered })),
                certain: theirs.certain,
              },
              {
                document: mine.document.id,
                outcome: mine.outcome,
                registry: mine.branch.registry?.id,
                substitutes: mine.branch.substitutes?.map((s) => s.id),
                because: mine.branch.because,
                facts: mine.facts.map((f) => ({ variable: f.variable, value: f.value, answered: f.answered })),
                certain: mine.certain,
              },
              where,
            );
          });
          compared++;
        }
      }
      assert.ok(withQuestions >= 15, `only ${withQuestions} services have questions`);
      console.log(`  ${lang}: ${services.length} services, ${compared} answer sets compared`);
    });
  }
});
