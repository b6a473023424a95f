/**
 * Rules as data: a JsonLogic evaluator (https://jsonlogic.com) for the subset the catalogue
 * uses, that also says *why*. JsonLogic is portable (implementations exist in many languages),
 * so an agency can review and test a rule outside this code; a server test runs every rule in
 * data/ through both this module and the reference json-logic-js and requires equal verdicts.
 *
 * We evaluate ourselves rather than ship json-logic-js because (1) it cannot explain a verdict
 * and (2) it is a CommonJS/UMD file that our browser build chain would need a converter for.
 *
 * Supported: var, missing, ==, !=, ===, !==, <, <=, >, >= (with the 3-argument "between"
 * form), !, !!, and, or, if / ?:, in.
 */

export type Rule = null | boolean | number | string | Rule[] | { [operator: string]: Rule };
export type RuleData = Readonly<Record<string, unknown>>;

/** One answer that decided a verdict. `answered: false` means the citizen skipped it. */
export interface Fact {
  variable: string;
  value: unknown;
  answered: boolean;
}

export interface Verdict {
  /** What the rule evaluated to (JsonLogic value, not only a boolean). */
  result: unknown;
  /** JsonLogic truthiness of the result. */
  holds: boolean;
  /** The answers that decided the result, in rule order, without duplicates. */
  because: Fact[];
  /**
   * False when an unanswered question was among the deciding facts: answering it could
   * change the verdict. A checklist shows such a task as "may apply".
   */
  certain: boolean;
}

export class RuleError extends Error {
  override readonly name = 'RuleError';
}

const OPERATORS = new Set(['var', 'missing', '==', '!=', '===', '!==', '<', '<=', '>', '>=', '!', '!!', 'and', 'or', 'if', '?:', 'in']);

/** JsonLogic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function isOperation(rule: Rule): rule is { [operator: string]: Rule } {
  return typeof rule === 'object' && rule !== null && !Array.isArray(rule) && Object.keys(rule).length === 1;
}

function lookup(data: RuleData, path: string): { value: unknown; found: boolean } {
  if (path === '') return { value: data, found: true };
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object' || !(key in current)) {
      return { value: undefined, found: false };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { value: current, found: current !== undefined && current !== null };
}

interface Evaluation {
  value: unknown;
  facts: Fact[];
}

function merge(...lists: Fact[][]): Fact[] {
  const seen = new Map<string, Fact>();
  for (const fact of lists.flat()) if (!seen.has(fact.variable)) seen.set(fact.variable, fact);
  return [...seen.values()];
}

function evaluate(rule: Rule, data: RuleData): Evaluation {
  if (Array.isArray(rule)) {
    const items = rule.map((item) => evaluate(item, data));
    return { value: items.map((item) => item.value), facts: merge(...items.map((item) => item.facts)) };
  }
  if (!isOperation(rule)) return { value: rule, facts: [] };

  const [operator] = Object.keys(rule);
  const raw = rule[operator];
  const args: Rule[] = Array.isArray(raw) ? raw : [raw];

  switch (operator) {
    case 'var': {
      const path = evaluate(args[0] ?? '', data);
      const name = String(path.value ?? '');
      const { value, found } = lookup(data, name);
      if (!found && args.length > 1) {
        const fallback = evaluate(args[1], data);
        return { value: fallback.value, facts: merge(path.facts, [{ variable: name, value: undefined, answered: false }]) };
      }
      return { value: found ? value : null, facts: merge(path.facts, [{ variable: name, value: found ? value : undefined, answered: found }]) };
    }
    case 'missing': {
      const names = args.flatMap((arg) => {
        const value = evaluate(arg, data).value;
        return Array.isArray(value) ? value.map(String) : [String(value)];
      });
      const missing = names.filter((name) => !lookup(data, name).found);
      return {
        value: missing,
        facts: names.map((name) => ({ variable: name, value: lookup(data, name).value, answered: lookup(data, name).found })),
      };
    }
    case 'and': {
      let last: Evaluation = { value: undefined, facts: [] };
      const all: Fact[][] = [];
      for (const arg of args) {
        last = evaluate(arg, data);
        all.push(last.facts);
        // The first falsy operand alone decides a false "and".
        if (!truthy(last.value)) return { value: last.value, facts: last.facts };
      }
      return { value: last.value, facts: merge(...all) };
    }
    case 'or': {
      let last: Evaluation = { value: undefined, facts: [] };
      const all: Fact[][] = [];
      for (const arg of args) {
        last = evaluate(arg, data);
        all.push(last.facts);
        // The first truthy operand alone decides a true "or".
        if (truthy(last.value)) return { value: last.value, facts: last.facts };
      }
      return { value: last.value, facts: merge(...all) };
    }
    case 'if':
    case '?:': {
      const conditions: Fact[][] = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        const condition = evaluate(args[i], data);
        conditions.push(condition.facts);
        if (truthy(condition.value)) {
          const branch = evaluate(args[i + 1], data);
          return { value: branch.value, facts: merge(...conditions, branch.facts) };
        }
      }
      if (i < args.length) {
        const otherwise = evaluate(args[i], data);
        return { value: otherwise.value, facts: merge(...conditions, otherwise.facts) };
      }
      return { value: null, facts: merge(...conditions) };
    }
    case '!':
    case '!!': {
      const operand = evaluate(args[0], data);
      return { value: operator === '!' ? !truthy(operand.value) : truthy(operand.value), facts: operand.facts };
    }
    case 'in': {
      const [needle, haystack] = args.map((arg) => evaluate(arg, data));
      const container = haystack?.value;
      const value =
        Array.isArray(container) || typeof container === 'string' ? (container as unknown[] | string).includes(needle.value as never) : false;
      return { value, facts: merge(needle.facts, haystack?.facts ?? []) };
    }
    default: {
      const operands = args.map((arg) => evaluate(arg, data));
      const values = operands.map((operand) => operand.value) as unknown[];
      const facts = merge(...operands.map((operand) => operand.facts));
      return { value: compare(operator, values), facts };
    }
  }
}

function compare(operator: string, [a, b, c]: unknown[]): boolean {
  /* eslint-disable eqeqeq -- JsonLogic's == and != are JavaScript's loose equality */
  switch (operator) {
    case '==':
      return a == b;
    case '!=':
      return a != b;
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '<':
      return c === undefined ? (a as number) < (b as number) : (a as number) < (b as number) && (b as number) < (c as number);
    case '<=':
      return c === undefined ? (a as number) <= (b as number) : (a as number) <= (b as number) && (b as number) <= (c as number);
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
    default:
      throw new RuleError(`Unsupported operator: ${operator}`);
  }
}

/** Evaluates a rule and returns its verdict with the answers that decided it. */
export function explain(rule: Rule, data: RuleData): Verdict {
  const { value, facts } = evaluate(rule, data);
  return { result: value, holds: truthy(value), because: facts, certain: facts.every((fact) => fact.answered) };
}

/** Evaluates a rule; JsonLogic's `apply`. */
export function apply(rule: Rule, data: RuleData): unknown {
  return evaluate(rule, data).value;
}

/** Throws a RuleError naming the first operator this evaluator does not support. */
export function validateRule(rule: Rule, where = 'rule'): void {
  if (Array.isArray(rule)) {
    rule.forEach((item, index) => validateRule(item, `${where}[${index}]`));
    return;
  }
  if (rule === null || typeof rule !== 'object') return;
  const keys = Object.keys(rule);
  if (keys.length !== 1) throw new RuleError(`${where}: an operation has exactly one operator, found ${keys.length}`);
  const [operator] = keys;
  if (!OPERATORS.has(operator)) throw new RuleError(`${where}: unsupported operator "${operator}"`);
  validateRule(rule[operator], `${where}.${operator}`);
}

/** Every variable a rule reads, e.g. to know which questions a task depends on. */
export function variablesOf(rule: Rule): string[] {
  const found = new Set<string>();
  const walk = (node: Rule) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isOperation(node)) return;
    const [operator] = Object.keys(node);
    const raw = node[operator];
    if (operator === 'var') {
      const path = Array.isArray(raw) ? raw[0] : raw;
      if (typeof path === 'string' && path !== '') found.add(path);
      return;
    }
    walk(raw);
  };
  walk(rule);
  return [...found];
}
