import { OnestopEvent } from '../core/events.js';
import type { TaskState } from './plan.js';

export interface TaskToggleDetail {
  /** The life event, e.g. `death`. */
  event: string;
  /** The task's catalogue id, e.g. `D07`. */
  task: string;
  done: boolean;
}

/** The citizen ticked a task done, or unticked it. Carries no note, name or date. */
export class OnestopTaskToggleEvent extends OnestopEvent<TaskToggleDetail> {
  static readonly eventName = 'onestop-task-toggle';
  constructor(detail: TaskToggleDetail) {
    super(OnestopTaskToggleEvent.eventName, detail);
  }
}

export interface PlanChangeDetail {
  event: string;
  /** The tasks shown, in plan order: `applies` is `maybe` while a question that decides it is skipped. */
  tasks: Array<{ id: string; applies: 'yes' | 'maybe'; state: TaskState }>;
  counts: { applicable: number; done: number; overdue: number; nothingToDo: number };
  /** The task to act on first, if any. */
  next: string | null;
}

/**
 * The plan was drawn or changed (an answer, the date, a tick). Carries task ids and states
 * only: no answers, dates, names or notes, so a host page's analytics cannot collect them.
 */
export class OnestopPlanChangeEvent extends OnestopEvent<PlanChangeDetail> {
  static readonly eventName = 'onestop-plan-change';
  constructor(detail: PlanChangeDetail) {
    super(OnestopPlanChangeEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'onestop-task-toggle': OnestopTaskToggleEvent;
    'onestop-plan-change': OnestopPlanChangeEvent;
  }
}
