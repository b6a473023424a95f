/**
 * Which documents a service still needs (免附書證謄本): per document, ordered waiver branches;
 * the first whose condition holds decides, the last (no condition) is the default. Shared by
 * the widget and the server's POST /v1/doc-free/check, so both give the same answer and reason.
 */
import { explain, type Fact, type Rule, type RuleData } from '../core/rules/logic.js';

export interface Decision<Branch> {
  branch: Branch;
  /** Position of the deciding branch (0 = the first). */
  index: number;
  /** Answers that decided it: those of the deciding branch and of the branches passed over. */
  facts: Fact[];
  /** False when a skipped question, if answered, could pick another branch. */
  certain: boolean;
}

export function decideDocument<Branch extends { when?: unknown }>(branches: readonly Branch[], answers: RuleData): Decision<Branch> {
  const facts = new Map<string, Fact>();
  let certain = true;
  for (const [index, branch] of branches.entries()) {
    if (branch.when === undefined || branch.when === null) return { branch, index, facts: [...facts.values()], certain };
    const verdict = explain(branch.when as Rule, answers);
    for (const fact of verdict.because) if (!facts.has(fact.variable)) facts.set(fact.variable, fact);
    certain &&= verdict.certain;
    if (verdict.holds) return { branch, index, facts: [...facts.values()], certain };
  }
  throw new Error('A waiver rule needs a last branch without a condition');
}
