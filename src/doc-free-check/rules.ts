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
  /**
   * False when a skipped question, if answered, could pick a branch with another outcome. A
   * decision can be uncertain and its outcome certain: when every branch a skipped answer could
   * pick says the same (a county rule that waives everywhere, for a different reason in Taitung).
   */
  outcomeCertain: boolean;
}

export function decideDocument<Branch extends { when?: unknown; outcome?: unknown }>(
  branches: readonly Branch[],
  answers: RuleData,
): Decision<Branch> {
  const facts = new Map<string, Fact>();
  let certain = true;
  // Branches passed over only because a question was skipped: answering it could pick them.
  const couldHold: Branch[] = [];
  const decide = (branch: Branch, index: number, later: readonly Branch[]): Decision<Branch> => {
    const possible = [...couldHold, branch, ...later];
    return {
      branch,
      index,
      facts: [...facts.values()],
      certain,
      outcomeCertain: possible.every((other) => other.outcome === branch.outcome),
    };
  };
  for (const [index, branch] of branches.entries()) {
    if (branch.when === undefined || branch.when === null) return decide(branch, index, []);
    const verdict = explain(branch.when as Rule, answers);
    for (const fact of verdict.because) if (!facts.has(fact.variable)) facts.set(fact.variable, fact);
    certain &&= verdict.certain;
    if (verdict.holds) {
      // Held only for want of an answer: any later branch could decide instead.
      return decide(branch, index, verdict.certain ? [] : branches.slice(index + 1));
    }
    if (!verdict.certain) couldHold.push(branch);
  }
  throw new Error('A waiver rule needs a last branch without a condition');
}
