/**
 * A whole service's document check, as the widget shows it: which questions are asked, the
 * answers that count, each document's decision (through rules.ts, the evaluation the server's
 * POST /v1/doc-free/check runs too), the three groups, and what leaving documents at home saves.
 * Pure: no DOM, no fetch, so the widget can answer offline from the last good service data.
 */
import type { QuestionView } from '../core/api/contract/common.js';
import type { DocumentView, ServiceResponse, WaiverBranchView } from '../core/api/contract/services.js';
import { explain, RuleError, validateRule, type Fact, type Rule, type RuleData } from '../core/rules/logic.js';
import { decideDocument } from './rules.js';

export type Outcome = WaiverBranchView['outcome'];

/** The order the widget shows the groups in: what is left at home first, what to fetch last. */
export const OUTCOMES: readonly Outcome[] = ['waived', 'substitute', 'required'];

export interface DocumentCheck {
  document: DocumentView;
  outcome: Outcome;
  branch: WaiverBranchView;
  /** Answers that decided it (those the citizen gave and those they skipped). */
  facts: Fact[];
  /** False when a skipped question could pick another branch (another reason, maybe the same outcome). */
  certain: boolean;
  /** False when a skipped question could change the outcome: what the citizen brings. */
  outcomeCertain: boolean;
  /** The questions whose answer could change the outcome, the visible ones if any (empty when it cannot change). */
  openQuestions: QuestionView[];
}

export interface Savings {
  /** Fees the citizen does not pay, summed over waived documents whose fee the catalogue knows. */
  feeNtd: number;
  /** The waived documents that have a known fee. */
  withFee: DocumentCheck[];
  /** The waived documents whose time to obtain the catalogue describes. */
  withTime: DocumentCheck[];
}

export interface CheckResult {
  documents: DocumentCheck[];
  groups: Record<Outcome, DocumentCheck[]>;
  counts: Record<Outcome, number>;
  /** How many outcomes a skipped question could still change. */
  mayChange: number;
  savings: Savings;
  /** The answers the decisions were made with: visible questions only (what the server is sent). */
  answers: Record<string, unknown>;
}

/**
 * The questions to ask, in order: a question with `showWhen` is asked only when its condition
 * holds over the answers to the questions asked before it (a hidden question cannot show another).
 */
export function visibleQuestions(questions: readonly QuestionView[], answers: RuleData): QuestionView[] {
  const shown: QuestionView[] = [];
  const known: Record<string, unknown> = {};
  for (const question of questions) {
    if (question.showWhen === undefined || question.showWhen === null || explain(question.showWhen as Rule, known).holds) {
      shown.push(question);
      if (isAnswered(answers[question.id])) known[question.id] = answers[question.id];
    }
  }
  return shown;
}

/** An answer counts unless it is absent, null, an empty string or an empty list. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/**
 * The answers that count: those to visible questions. An answer to a question that is hidden now
 * is kept by the widget (it comes back if the question does) but does not decide anything.
 */
export function effectiveAnswers(questions: readonly QuestionView[], answers: RuleData): Record<string, unknown> {
  const counted: Record<string, unknown> = {};
  for (const question of visibleQuestions(questions, answers)) {
    if (isAnswered(answers[question.id])) counted[question.id] = answers[question.id];
  }
  return counted;
}

/**
 * What is wrong with a service's rules, in words for the site owner (empty when nothing is).
 * A service that passes the schema can still carry rules this evaluator cannot run; the widget
 * then says so instead of guessing.
 */
export function ruleProblems(service: Pick<ServiceResponse, 'documents' | 'questions'>): string[] {
  const problems: string[] = [];
  const check = (rule: unknown, where: string) => {
    try {
      validateRule(rule as Rule, where);
    } catch (error) {
      problems.push(error instanceof RuleError ? error.message : `${where}: ${String(error)}`);
    }
  };
  for (const question of service.questions) {
    if (question.showWhen !== undefined) check(question.showWhen, `question ${question.id}`);
  }
  for (const { document, waiver } of service.documents) {
    const where = `document ${document.id}`;
    if (waiver.length === 0) {
      problems.push(`${where}: no waiver branches`);
      continue;
    }
    waiver.forEach((branch, index) => {
      const last = index === waiver.length - 1;
      const conditional = branch.when !== undefined && branch.when !== null;
      if (last && conditional) problems.push(`${where}: the last branch must have no condition`);
      if (conditional) check(branch.when, `${where} branch ${index + 1}`);
      if (branch.outcome === 'waived' && !branch.registry) problems.push(`${where} branch ${index + 1}: a waiver names no registry`);
      if (branch.outcome === 'substitute' && !branch.substitutes?.length) problems.push(`${where} branch ${index + 1}: no substitutes listed`);
    });
  }
  return problems;
}

/** Decides every document of a service for the given answers. Throws a RuleError on unusable rules. */
export function checkService(service: Pick<ServiceResponse, 'documents' | 'questions'>, rawAnswers: RuleData): CheckResult {
  const answers = effectiveAnswers(service.questions, rawAnswers);
  const visible = visibleQuestions(service.questions, rawAnswers);
  const byId = new Map(service.questions.map((q) => [q.id, q]));
  const documents = service.documents.map(({ document, waiver }): DocumentCheck => {
    let decision;
    try {
      decision = decideDocument(waiver, answers);
    } catch (error) {
      throw error instanceof RuleError ? error : new RuleError(`document ${document.id}: ${String(error)}`);
    }
    const open = decision.facts.filter((f) => !f.answered).map((f) => byId.get(f.variable)).filter((q): q is QuestionView => !!q);
    const openVisible = open.filter((q) => visible.includes(q));
    return {
      document,
      outcome: decision.branch.outcome,
      branch: decision.branch,
      facts: decision.facts,
      certain: decision.certain,
      outcomeCertain: decision.outcomeCertain,
      // A skipped question can hide the one that matters (asked only after it): point at what is asked.
      openQuestions: decision.outcomeCertain ? [] : openVisible.length ? openVisible : open,
    };
  });
  const groups = { waived: [], substitute: [], required: [] } as Record<Outcome, DocumentCheck[]>;
  for (const check of documents) groups[check.outcome].push(check);
  const withFee = groups.waived.filter((c) => typeof c.document.feeNtd === 'number' && c.document.feeNtd > 0);
  return {
    documents,
    groups,
    counts: { waived: groups.waived.length, substitute: groups.substitute.length, required: groups.required.length },
    mayChange: documents.filter((c) => !c.outcomeCertain).length,
    savings: {
      feeNtd: withFee.reduce((sum, c) => sum + (c.document.feeNtd ?? 0), 0),
      withFee,
      withTime: groups.waived.filter((c) => !!c.document.timeToObtain),
    },
    answers,
  };
}
