/**
 * The citizen's plan for a life event, decided without the DOM: which questions to ask,
 * which tasks apply (and why), their real last days, what is overdue and what is next, an
 * order that respects dependencies, and the groupings a citizen asked for. Shared by the
 * widget and anyone who wants the same answer elsewhere.
 */
import type { QuestionView } from '../core/api/contract/common.js';
import type { LifeEventResponse, TaskView } from '../core/api/contract/life-events.js';
import { addDays, computeDeadline, daysUntil, isRestDay, type DeadlineResult, type IsoDate, type OfficeCalendar } from '../core/rules/deadlines.js';
import { explain, type Fact, type Rule } from '../core/rules/logic.js';

export type Answers = Readonly<Record<string, unknown>>;

export interface TaskProgress {
  done?: boolean;
  note?: string;
  assignee?: string;
}

export type TaskState =
  /** The government does it unasked. */
  | 'nothing-to-do'
  | 'done'
  /** Its last day has passed. */
  | 'overdue'
  /** Due within the warning window. */
  | 'due-soon'
  /** A task it depends on is not done yet. */
  | 'waiting'
  | 'to-do';

export interface PlannedTask {
  task: TaskView;
  /** `maybe`: the citizen skipped a question that decides it. */
  applies: 'yes' | 'maybe';
  /** The answers that made it apply (empty when it always applies). */
  because: Fact[];
  deadline?: DeadlineResult;
  /** Days from today to the last day (negative when overdue). */
  daysLeft?: number;
  state: TaskState;
  /** Applicable tasks that must be done first and are not done yet. */
  waitingFor: string[];
  progress: TaskProgress;
}

export interface ExcludedTask {
  task: TaskView;
  because: Fact[];
}

export interface Plan {
  questions: QuestionView[];
  tasks: PlannedTask[];
  excluded: ExcludedTask[];
  /** The first task to act on: overdue first, then the nearest deadline, then plan order; tasks that surely apply before those that may. */
  next?: PlannedTask;
  counts: { applicable: number; done: number; overdue: number; nothingToDo: number };
}

export interface PlanInput {
  event: LifeEventResponse;
  answers: Answers;
  eventDate: IsoDate | null;
  today: IsoDate;
  calendar: OfficeCalendar;
  progress?: Readonly<Record<string, TaskProgress>>;
  /** Days before a last day from which a task counts as due soon. */
  dueSoonDays?: number;
}

const holds = (rule: unknown, answers: Answers) => explain(rule as Rule, answers);

const pick = (answers: Answers, ids: ReadonlySet<string>) => Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));

/**
 * The questions to ask now: those whose own condition holds on the answers to the questions
 * shown (an answer to a hidden question does not keep its follow-ups on screen). Repeated
 * until nothing changes, so it does not matter in which order the catalogue lists them.
 */
export function visibleQuestions(questions: readonly QuestionView[], answers: Answers): QuestionView[] {
  let visible = new Set(questions.map((q) => q.id));
  for (let round = 0; round <= questions.length; round++) {
    const effective = pick(answers, visible);
    const next = new Set(questions.filter((q) => q.showWhen === undefined || holds(q.showWhen, effective).holds).map((q) => q.id));
    const same = next.size === visible.size && [...next].every((id) => visible.has(id));
    visible = next;
    if (same) break;
  }
  return questions.filter((q) => visible.has(q.id));
}

/** Answers to questions no longer shown are kept (the citizen may come back) but not used. */
export function effectiveAnswers(questions: readonly QuestionView[], answers: Answers): Record<string, unknown> {
  return pick(answers, new Set(visibleQuestions(questions, answers).map((q) => q.id)));
}

/**
 * Hidden questions that no answer still open can bring back: hidden by what the citizen
 * answered (or by questions hidden that way). They leave nothing unsure. A question hidden
 * only because an earlier one is still open is not settled: that answer may bring it back.
 */
export function settledQuestions(questions: readonly QuestionView[], answers: Answers): Set<string> {
  const shown = new Set(visibleQuestions(questions, answers).map((q) => q.id));
  const effective = pick(answers, shown);
  const settled = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const q of questions) {
      if (shown.has(q.id) || settled.has(q.id) || q.showWhen === undefined) continue;
      if (holds(q.showWhen, effective).because.every((fact) => fact.answered || settled.has(fact.variable))) {
        settled.add(q.id);
        grew = true;
      }
    }
  }
  return settled;
}

/** True for a real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// A start date that is no real day (typed or imported) asks for the date again instead of failing.
function safeDeadline(rule: NonNullable<TaskView['deadline']>, eventDate: IsoDate | null, answers: Answers, calendar: OfficeCalendar): DeadlineResult {
  const start = rule.from === 'event' ? eventDate : answers[rule.from.question];
  if (!rule.penaltyPeriod && !isIsoDate(start)) return { kind: 'needs-date', question: rule.from === 'event' ? 'event' : rule.from.question };
  return computeDeadline(rule, { event: eventDate, answers }, calendar);
}

export function plan(input: PlanInput): Plan {
  const { event, today, calendar } = input;
  const progress = input.progress ?? {};
  const dueSoonDays = input.dueSoonDays ?? 14;
  const questions = visibleQuestions(event.questions, input.answers);
  const answers = effectiveAnswers(event.questions, input.answers);
  const settled = settledQuestions(event.questions, input.answers);
  const sure = (verdict: ReturnType<typeof holds>) => verdict.because.every((fact) => fact.answered || settled.has(fact.variable));
  // A fact about a settled hidden question is explained by the answers that hid it.
  const reasons = (facts: readonly Fact[], seen = new Set<string>()): Fact[] =>
    facts.flatMap((fact) => {
      if (fact.answered || !settled.has(fact.variable)) return [fact];
      if (seen.has(fact.variable)) return [];
      seen.add(fact.variable);
      const hidden = event.questions.find((q) => q.id === fact.variable);
      return hidden?.showWhen === undefined ? [] : reasons(holds(hidden.showWhen, answers).because, seen);
    });
  const unique = (facts: Fact[]) => facts.filter((fact, i) => facts.findIndex((f) => f.variable === fact.variable) === i);

  const applicable: Array<Omit<PlannedTask, 'state' | 'waitingFor'>> = [];
  const excluded: ExcludedTask[] = [];
  for (const task of event.tasks) {
    if (task.appliesWhen === undefined) {
      applicable.push({ task, applies: 'yes', because: [], progress: progress[task.id] ?? {} });
      continue;
    }
    const verdict = holds(task.appliesWhen, answers);
    // Unsure counts as applying: "did I miss something?" is the worse question to leave open.
    const certain = sure(verdict);
    if (verdict.holds || !certain) {
      applicable.push({ task, applies: verdict.holds && certain ? 'yes' : 'maybe', because: unique(reasons(verdict.because)), progress: progress[task.id] ?? {} });
    } else {
      excluded.push({ task, because: unique(reasons(verdict.because)) });
    }
  }

  const byId = new Map(applicable.map((p) => [p.task.id, p]));
  const isDone = (id: string) => Boolean(byId.get(id)?.progress.done) || Boolean(byId.get(id)?.task.doneForYou);
  const prerequisites = (task: TaskView) =>
    task.dependsOn.filter((d) => byId.has(d.task) && (d.when === undefined || holds(d.when, answers).holds)).map((d) => d.task);

  const planned: PlannedTask[] = applicable.map((p) => {
    const deadline = p.task.deadline ? safeDeadline(p.task.deadline, input.eventDate, answers, calendar) : undefined;
    const daysLeft = deadline?.kind === 'date' ? daysUntil(deadline.lastDay, today) : undefined;
    const waitingFor = prerequisites(p.task).filter((id) => !isDone(id));
    let state: TaskState;
    if (p.task.doneForYou) state = 'nothing-to-do';
    else if (p.progress.done) state = 'done';
    else if (daysLeft !== undefined && daysLeft < 0) state = 'overdue';
    else if (waitingFor.length) state = 'waiting';
    else if (daysLeft !== undefined && daysLeft <= dueSoonDays) state = 'due-soon';
    else state = 'to-do';
    return { ...p, ...(deadline ? { deadline } : {}), ...(daysLeft !== undefined ? { daysLeft } : {}), state, waitingFor };
  });

  const ordered = orderByDependencies(planned, (p) => prerequisites(p.task));
  // "Next" is something the citizen surely has to do: a task that only may apply waits for its answer.
  const open = ordered.filter((p) => p.state === 'overdue' || p.state === 'due-soon' || p.state === 'to-do');
  const actionable = open.some((p) => p.applies === 'yes') ? open.filter((p) => p.applies === 'yes') : open;
  const next =
    actionable.find((p) => p.state === 'overdue') ??
    [...actionable].filter((p) => p.daysLeft !== undefined).sort((a, b) => a.daysLeft! - b.daysLeft!)[0] ??
    actionable[0];

  return {
    questions,
    tasks: ordered,
    excluded,
    ...(next ? { next } : {}),
    counts: {
      applicable: ordered.length,
      done: ordered.filter((p) => p.state === 'done').length,
      overdue: ordered.filter((p) => p.state === 'overdue').length,
      nothingToDo: ordered.filter((p) => p.state === 'nothing-to-do').length,
    },
  };
}

/**
 * A stable topological order: a task comes after the tasks it depends on; among tasks free to
 * go, the earlier last day first, then the catalogue's order (which follows the source table).
 */
export function orderByDependencies(tasks: readonly PlannedTask[], prerequisitesOf: (task: PlannedTask) => string[]): PlannedTask[] {
  // Kahn's algorithm with a binary heap of the tasks free to go: O(n log n), where picking the
  // first of a re-sorted list each time was O(n² log n) (1,000 tasks: 160 ms; bench/growth.ts).
  const position = new Map(tasks.map((t, i) => [t.task.id, i]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const t of tasks) {
    const prerequisites = new Set(prerequisitesOf(t).filter((id) => position.has(id)));
    waitingOn.set(t.task.id, prerequisites.size);
    for (const id of prerequisites) dependents.set(id, [...(dependents.get(id) ?? []), t.task.id]);
  }
  const lastDay = (t: PlannedTask) => (t.deadline?.kind === 'date' ? t.deadline.lastDay : '9999-12-31');
  const first = (a: PlannedTask, b: PlannedTask) => {
    const [da, db] = [lastDay(a), lastDay(b)];
    return da === db ? position.get(a.task.id)! < position.get(b.task.id)! : da < db;
  };
  const heap: PlannedTask[] = [];
  const push = (t: PlannedTask) => {
    let i = heap.push(t) - 1;
    while (i > 0 && first(heap[i]!, heap[(i - 1) >> 1]!)) {
      [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1]!, heap[i]!];
      i = (i - 1) >> 1;
    }
  };
  const pop = (): PlannedTask => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < heap.length && first(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && first(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  const byId = new Map(tasks.map((t) => [t.task.id, t]));
  for (const t of byId.values()) if (waitingOn.get(t.task.id) === 0) push(t);
  const result: PlannedTask[] = [];
  const placed = new Set<string>();
  while (placed.size < byId.size) {
    // A cycle cannot come from the catalogue (the loader refuses them); keep going rather than hang.
    const pick = heap.length ? pop() : [...byId.values()].filter((t) => !placed.has(t.task.id)).reduce((a, b) => (first(b, a) ? b : a));
    if (placed.has(pick.task.id)) continue;
    result.push(pick);
    placed.add(pick.task.id);
    for (const id of dependents.get(pick.task.id) ?? []) {
      const left = waitingOn.get(id)! - 1;
      waitingOn.set(id, left);
      if (left === 0 && !placed.has(id)) push(byId.get(id)!);
    }
  }
  return result;
}

export type Grouping = 'deadline' | 'office' | 'category';

export interface TaskGroup {
  /** deadline: overdue | this-week | this-month | later | no-deadline | done; office: agency id; category: category id. */
  key: string;
  tasks: PlannedTask[];
}

/** Groups a plan's tasks the way the citizen prefers; keeps plan order inside each group. */
export function groupTasks(tasks: readonly PlannedTask[], by: Grouping): TaskGroup[] {
  const keyOf = (p: PlannedTask): string => {
    if (by === 'office') return p.task.agency.id;
    if (by === 'category') return p.task.category;
    if (p.state === 'done' || p.state === 'nothing-to-do') return 'done';
    if (p.daysLeft === undefined) return 'no-deadline';
    if (p.daysLeft < 0) return 'overdue';
    if (p.daysLeft <= 7) return 'this-week';
    if (p.daysLeft <= 31) return 'this-month';
    return 'later';
  };
  const order = by === 'deadline' ? ['overdue', 'this-week', 'this-month', 'later', 'no-deadline', 'done'] : [];
  const groups = new Map<string, PlannedTask[]>();
  for (const key of order) groups.set(key, []);
  for (const p of tasks) {
    const key = keyOf(p);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  return [...groups.entries()].filter(([, list]) => list.length).map(([key, list]) => ({ key, tasks: list }));
}

/** The office calendar of GET /v1/calendar, with the names of its rest days (for "moved because …"). */
export interface NamedOfficeCalendar extends OfficeCalendar {
  names: ReadonlyMap<IsoDate, string>;
}

interface CalendarDays {
  years: readonly number[];
  restDays: ReadonlyArray<{ date: IsoDate; name: string }>;
  workDays: ReadonlyArray<{ date: IsoDate; name: string }>;
}

/** The deadline module's calendar from the API's answer; without one, only weekends are known. */
export function officeCalendarFrom(response: CalendarDays | null | undefined): NamedOfficeCalendar {
  return {
    restDays: new Set(response?.restDays.map((d) => d.date)),
    workDays: new Set(response?.workDays.map((d) => d.date)),
    years: new Set(response?.years),
    names: new Map(response?.restDays.map((d) => [d.date, d.name])),
  };
}

/**
 * The rest days a last day was moved over (from the day the count ended up to the day before
 * the last day), each with its holiday name, or none for an ordinary Saturday or Sunday.
 */
export function skippedRestDays(deadline: DeadlineResult | undefined, calendar: NamedOfficeCalendar): Array<{ date: IsoDate; name?: string }> {
  if (deadline?.kind !== 'date' || !deadline.movedFrom) return [];
  const days: Array<{ date: IsoDate; name?: string }> = [];
  for (let day = deadline.movedFrom; day < deadline.lastDay && isRestDay(day, calendar); day = addDays(day, 1)) {
    const name = calendar.names.get(day);
    days.push(name ? { date: day, name } : { date: day });
  }
  return days;
}

/** Years a last day falls in (or was moved through) whose office calendar is not published yet. */
export function unpublishedYears(tasks: readonly PlannedTask[], calendar: OfficeCalendar): number[] {
  const years = new Set<number>();
  for (const p of tasks) {
    if (p.deadline?.kind !== 'date' || p.deadline.calendarComplete) continue;
    for (const day of [p.deadline.movedFrom, p.deadline.lastDay]) {
      const year = day ? Number(day.slice(0, 4)) : NaN;
      if (day && !calendar.years.has(year)) years.add(year);
    }
  }
  return [...years].sort();
}

/** The questions still shown whose answers would settle a "may apply" task. */
export function questionsToSettle(because: readonly Fact[], shown: readonly QuestionView[]): QuestionView[] {
  const open = new Set(because.filter((f) => !f.answered).map((f) => f.variable));
  return shown.filter((q) => open.has(q.id));
}

/** The answered facts behind a verdict, each with its question (facts of unknown questions dropped). */
export function answeredFacts(because: readonly Fact[], questions: readonly QuestionView[]): Array<{ question: QuestionView; value: unknown }> {
  return because.flatMap((fact) => {
    const question = questions.find((q) => q.id === fact.variable);
    return fact.answered && question ? [{ question, value: fact.value }] : [];
  });
}

/**
 * A multi-choice answer after ticking or unticking one option. An option meaning "none of
 * these" excludes the others: ticking it clears them, ticking another clears it. Nothing
 * ticked is no answer (undefined), so the question counts as skipped.
 */
export function toggleOption(current: unknown, option: string, checked: boolean, noneOption = 'none'): string[] | undefined {
  const before = Array.isArray(current) ? current.filter((v): v is string => typeof v === 'string') : [];
  let after = before.filter((v) => v !== option);
  if (checked) after = option === noneOption ? [option] : [...after.filter((v) => v !== noneOption), option];
  return after.length ? after : undefined;
}

/** Last days still to meet (not done, not done for you), nearest first: for calendar files. */
export function upcomingDeadlines(tasks: readonly PlannedTask[]): Array<{ planned: PlannedTask; lastDay: IsoDate }> {
  return tasks
    .flatMap((p) => (p.deadline?.kind === 'date' && p.state !== 'done' && p.state !== 'nothing-to-do' ? [{ planned: p, lastDay: p.deadline.lastDay }] : []))
    .sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
}

/** A county as a webmaster may type it (`ttt`, `tw-ttt`, `TW-TTT`) in the API's form, or null. */
export function normaliseCounty(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase() ?? '';
  if (/^[A-Z]{3}$/.test(code)) return `TW-${code}`;
  return /^TW-[A-Z]{3}$/.test(code) ? code : null;
}

/** Which groupings a webmaster offers (`groupings="office deadline"`), in their order; unknown words ignored. */
export function parseGroupings(value: string | null | undefined): Grouping[] {
  const all: Grouping[] = ['deadline', 'office', 'category'];
  const asked = (value ?? '').toLowerCase().split(/[\s,]+/).filter((g): g is Grouping => (all as string[]).includes(g));
  const unique = [...new Set(asked)];
  return unique.length ? unique : all;
}
