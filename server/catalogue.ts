/**
 * Loads the catalogue from `data/` and validates every record before the server starts: a
 * broken record, a dangling reference or a dependency cycle stops the server with the file
 * and the field, rather than reaching a citizen.
 *
 * data/counties.yaml        the 22 counties and cities
 * data/agencies/*.yaml      agencies and office types
 * data/registries.yaml      the registries agencies query instead of asking for paper
 * data/documents/*.yaml     documents citizens were asked to bring
 * data/services/*.yaml      services, with per-document waiver rules
 * data/life-events/*.yaml   one life event a file: questions and tasks
 * data/calendar/*.yaml      the government office calendar, one year a file
 * data/case-statuses.yaml   the tracker's status vocabulary
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import { CountyCode, CountyKind, Source } from '../src/core/api/contract.js';
import { variablesOf, type Rule } from '../src/core/rules/logic.js';
import {
  Agency,
  CalendarYear,
  CaseStatus,
  Document,
  LifeEvent,
  Registry,
  Service,
  Texts,
  type Question,
} from './catalogue-schema.js';

export const CountyRecord = z.object({ code: CountyCode, kind: CountyKind, names: Texts });
export type CountyRecord = z.infer<typeof CountyRecord>;

export const CountiesFile = z.object({
  source: Source,
  counties: z.array(CountyRecord).check(
    z.refine((list) => new Set(list.map((c) => c.code)).size === list.length, 'county codes must be unique'),
  ),
});
export type CountiesFile = z.infer<typeof CountiesFile>;

const AgenciesFile = z.object({ agencies: z.array(Agency) });
const RegistriesFile = z.object({ registries: z.array(Registry) });
const DocumentsFile = z.object({ documents: z.array(Document) });
const ServicesFile = z.object({ services: z.array(Service) });
const CaseStatusesFile = z.object({ statuses: z.array(CaseStatus) });

export interface Catalogue {
  counties: CountiesFile;
  agencies: Map<string, Agency>;
  registries: Map<string, Registry>;
  documents: Map<string, Document>;
  services: Map<string, Service>;
  lifeEvents: Map<string, LifeEvent>;
  calendar: Map<number, CalendarYear>;
  caseStatuses: CaseStatus[];
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}

async function exists(path: string): Promise<boolean> {
  try {
    await readdir(path);
    return true;
  } catch {
    return false;
  }
}

async function loadFile<T>(path: string, schema: z.ZodMiniType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CatalogueError(`${path} is missing`);
    throw new CatalogueError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new CatalogueError(`${path} does not match the contract:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

async function loadDir<T>(dir: string, schema: z.ZodMiniType<T>): Promise<Array<{ file: string; data: T }>> {
  if (!(await exists(dir))) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (file) => ({ file: join(dir, file), data: await loadFile(join(dir, file), schema) })));
}

async function loadOptional<T>(path: string, schema: z.ZodMiniType<T>, empty: T): Promise<T> {
  try {
    return await loadFile(path, schema);
  } catch (error) {
    if (error instanceof CatalogueError && error.message.endsWith('is missing')) return empty;
    throw error;
  }
}

function indexBy<T>(items: T[], key: (item: T) => string, what: string, problems: string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const id = key(item);
    if (map.has(id)) problems.push(`${what} "${id}" is defined twice`);
    map.set(id, item);
  }
  return map;
}

/** Finds a dependency cycle among tasks, returned as the ids around it. */
function findCycle(edges: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Rules may read question ids, and `county` (always known to the widget when chosen). */
function checkRuleVariables(rule: Rule | undefined, questions: readonly Question[], where: string, problems: string[]) {
  if (rule === undefined) return;
  const known = new Set(questions.map((q) => q.id));
  for (const variable of variablesOf(rule)) {
    if (!known.has(variable)) problems.push(`${where} reads "${variable}", which is not a question here`);
  }
}

function checkCalendar(year: CalendarYear, file: string, problems: string[]) {
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
  for (const { date } of [...year.restDays, ...year.workDays]) {
    if (!date.startsWith(`${year.year}-`)) problems.push(`${file}: ${date} is not in ${year.year}`);
  }
  for (const { date } of year.restDays) {
    if (weekday(date) === 0 || weekday(date) === 6) problems.push(`${file}: rest day ${date} is a weekend (list weekdays only)`);
  }
  for (const { date } of year.workDays) {
    if (weekday(date) !== 0 && weekday(date) !== 6) problems.push(`${file}: make-up working day ${date} is not a weekend`);
  }
  let weekends = 0;
  for (let t = Date.UTC(year.year, 0, 1); new Date(t).getUTCFullYear() === year.year; t += 86_400_000) {
    const d = new Date(t).getUTCDay();
    if (d === 0 || d === 6) weekends++;
  }
  const total = weekends - year.workDays.length + year.restDays.length;
  if (total !== year.totalDaysOff) {
    problems.push(`${file}: the lists give ${total} days off, the official table ${year.totalDaysOff}`);
  }
}

export async function loadCatalogue(dir: string): Promise<Catalogue> {
  const problems: string[] = [];
  const counties = await loadFile(join(dir, 'counties.yaml'), CountiesFile);
  const agencies = indexBy((await loadDir(join(dir, 'agencies'), AgenciesFile)).flatMap((f) => f.data.agencies), (a) => a.id, 'agency', problems);
  const registries = indexBy((await loadOptional(join(dir, 'registries.yaml'), RegistriesFile, { registries: [] })).registries, (r) => r.id, 'registry', problems);
  const documents = indexBy((await loadDir(join(dir, 'documents'), DocumentsFile)).flatMap((f) => f.data.documents), (d) => d.id, 'document', problems);
  const services = indexBy((await loadDir(join(dir, 'services'), ServicesFile)).flatMap((f) => f.data.services), (s) => s.id, 'service', problems);
  const eventFiles = await loadDir(join(dir, 'life-events'), LifeEvent);
  const lifeEvents = indexBy(eventFiles.map((f) => f.data), (e) => e.id, 'life event', problems);
  const calendarFiles = await loadDir(join(dir, 'calendar'), CalendarYear);
  const calendar = new Map(calendarFiles.map((f) => [f.data.year, f.data]));
  const caseStatuses = (await loadOptional(join(dir, 'case-statuses.yaml'), CaseStatusesFile, { statuses: [] })).statuses;

  const ref = (map: Map<string, unknown>, id: string | undefined, what: string, where: string) => {
    if (id !== undefined && !map.has(id)) problems.push(`${where}: no ${what} "${id}"`);
  };

  for (const agency of agencies.values()) ref(agencies, agency.parent, 'agency', `agency ${agency.id}.parent`);
  for (const registry of registries.values()) ref(agencies, registry.operator, 'agency', `registry ${registry.id}.operator`);
  for (const document of documents.values()) {
    ref(agencies, document.issuer, 'agency', `document ${document.id}.issuer`);
    ref(registries, document.registry, 'registry', `document ${document.id}.registry`);
  }
  for (const service of services.values()) {
    const where = `service ${service.id}`;
    ref(agencies, service.agency, 'agency', `${where}.agency`);
    for (const question of service.questions ?? []) checkRuleVariables(question.showWhen, service.questions ?? [], `${where} question ${question.id}`, problems);
    for (const requirement of service.documents) {
      ref(documents, requirement.document, 'document', `${where}.documents`);
      requirement.waiver.forEach((branch, i) => {
        const at = `${where} ${requirement.document} branch ${i}`;
        checkRuleVariables(branch.when, service.questions ?? [], at, problems);
        if (branch.outcome === 'waived') ref(registries, branch.registry, 'registry', at);
        if (branch.outcome === 'substitute') branch.substitutes.forEach((s) => ref(documents, s, 'document', `${at} substitutes`));
      });
    }
  }
  for (const { file, data: event } of eventFiles) {
    const tasks = indexBy(event.tasks, (t) => t.id, `task in ${file}`, problems);
    const categories = new Set(event.categories.map((c) => c.id));
    const questionIds = new Set(event.questions.map((q) => q.id));
    for (const question of event.questions) {
      checkRuleVariables(question.showWhen, event.questions, `${file} question ${question.id}`, problems);
      if ((question.kind === 'choice' || question.kind === 'multi-choice') && !question.options?.length) {
        problems.push(`${file} question ${question.id}: a ${question.kind} question needs options`);
      }
    }
    for (const task of event.tasks) {
      const where = `${file} task ${task.id}`;
      if (!categories.has(task.category)) problems.push(`${where}: no category "${task.category}"`);
      ref(agencies, task.agency, 'agency', `${where}.agency`);
      ref(services, task.service, 'service', `${where}.service`);
      task.documents.forEach((d) => ref(documents, d, 'document', `${where}.documents`));
      task.dependsOn.forEach((dep) => {
        ref(tasks, dep.task, 'task', `${where}.dependsOn`);
        checkRuleVariables(dep.when, event.questions, `${where}.dependsOn ${dep.task}`, problems);
      });
      checkRuleVariables(task.appliesWhen, event.questions, `${where}.appliesWhen`, problems);
      const from = task.deadline?.from;
      if (from && from !== 'event') {
        const question = event.questions.find((q) => q.id === from.question);
        if (!question || question.kind !== 'date') problems.push(`${where}.deadline: "${from.question}" is not a date question`);
      }
    }
    const cycle = findCycle(new Map(event.tasks.map((t) => [t.id, t.dependsOn.map((d) => d.task)])));
    if (cycle) problems.push(`${file}: dependency cycle ${cycle.join(' → ')}`);
    if (!questionIds.size && event.tasks.some((t) => t.appliesWhen)) problems.push(`${file}: tasks have conditions but there are no questions`);
  }
  for (const { file, data } of calendarFiles) checkCalendar(data, file, problems);

  if (problems.length) throw new CatalogueError(`The catalogue in ${dir} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return { counties, agencies, registries, documents, services, lifeEvents, calendar, caseStatuses };
}
