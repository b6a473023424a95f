/**
 * The citizen's plan for a life event, decided without the DOM: which questions to ask,
 * which tasks apply (and why), their real last days, what is overdue and what is next, an
 * order that respects dependencies, and the groupings a citizen asked for. Shared by the
 * widget and anyone who wants the same answer elsewhere.
 */
import type { QuestionView } from '../core/api/contract/common.js';
import type { LifeEventResponse, TaskView } from '../core/api/contract/life-events.js';
import { computeDeadline, daysUntil, type DeadlineResult, type IsoDate, type OfficeCalendar } from '../core/rules/deadlines.js';
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
  /** The first task to act on: overdue first, then the nearest deadline, then plan order. */
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

/** The questions to ask now: those whose own condition holds (others no longer matter). */
export function visibleQuestions(questions: readonly QuestionView[], answers: Answers): QuestionView[] {
  return questions.filter((q) => q.showWhen === undefined || holds(q.showWhen, answers).holds);
}

/** Answers to questions no longer shown are kept (the citizen may come back) but not used. */
export function effectiveAnswers(questions: readonly QuestionView[], answers: Answers): Record<string, unknown> {
  const visible = new Set(visibleQuestions(questions, answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => visible.has(id)));
}

export function plan(input: PlanInput): Plan {
  const { event, today, calendar } = input;
  const progress = input.progress ?? {};
  const dueSoonDays = input.dueSoonDays ?? 14;
  const questions = visibleQuestions(event.questions, input.answers);
  const answers = effectiveAnswers(event.questions, input.answers);
  // A question hidden by what the citizen answered no longer matters: it leaves nothing unsure.
  // One hidden only because an earlier question is still open does (the answer may bring it back).
  const settled = new Set(
    event.questions
      .filter((q) => {
        if (q.showWhen === undefined) return false;
        const shown = holds(q.showWhen, input.answers);
        return !shown.holds && shown.certain;
      })
      .map((q) => q.id),
  );
  const sure = (verdict: ReturnType<typeof holds>) => verdict.because.every((fact) => fact.answered || settled.has(fact.variable));

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
      applicable.push({ task, applies: verdict.holds && certain ? 'yes' : 'maybe', because: verdict.because, progress: progress[task.id] ?? {} });
    } else {
      excluded.push({ task, because: verdict.because });
    }
  }

  const byId = new Map(applicable.map((p) => [p.task.id, p]));
  const isDone = (id: string) => Boolean(byId.get(id)?.progress.done) || Boolean(byId.get(id)?.task.doneForYou);
  const prerequisites = (task: TaskView) =>
    task.dependsOn.filter((d) => byId.has(d.task) && (d.when === undefined || holds(d.when, answers).holds)).map((d) => d.task);

  const planned: PlannedTask[] = applicable.map((p) => {
    const deadline = p.task.deadline ? computeDeadline(p.task.deadline, { event: input.eventDate, answers }, calendar) : undefined;
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
  const actionable = ordered.filter((p) => p.state === 'overdue' || p.state === 'due-soon' || p.state === 'to-do');
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
  const position = new Map(tasks.map((t, i) => [t.task.id, i]));
  const remaining = new Map(tasks.map((t) => [t.task.id, new Set(prerequisitesOf(t).filter((id) => position.has(id)))]));
  const result: PlannedTask[] = [];
  const key = (t: PlannedTask) => [t.deadline?.kind === 'date' ? t.deadline.lastDay : '9999-12-31', position.get(t.task.id)!] as const;
  while (remaining.size) {
    const ready = tasks.filter((t) => remaining.get(t.task.id)?.size === 0);
    // A cycle cannot come from the catalogue (the loader refuses them); keep going rather than hang.
    const pick = (ready.length ? ready : tasks.filter((t) => remaining.has(t.task.id))).sort((a, b) => {
      const [da, pa] = key(a);
      const [db, pb] = key(b);
      return da === db ? pa - pb : da < db ? -1 : 1;
    })[0];
    result.push(pick);
    remaining.delete(pick.task.id);
    for (const deps of remaining.values()) deps.delete(pick.task.id);
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
