/**
 * Catalogue records (every text in every language) to API views (texts in one language).
 * The language of each text follows the fallback chain in localized-text.ts; each view says
 * which language its texts are in (`textLang`) so a widget can say "shown in English".
 */
import type {
  LifeEventResponse,
  AgencyRef,
  ChannelView,
  DeadlineView,
  DocumentRef,
  DocumentView,
  LegalBasisView,
  QuestionView,
  TaskView,
} from '../src/core/api/contract.js';
import type { Catalogue } from './catalogue.js';
import type { Document, LegalBasis, LifeEvent, Question, Task, Texts } from './catalogue-schema.js';
import { CATALOGUE_BASE_LANG, pickText } from './localized-text.js';

export class Localizer {
  constructor(
    readonly catalogue: Catalogue,
    readonly lang: string,
  ) {}

  text(texts: Texts): string {
    return pickText(texts, this.lang).text;
  }

  optionalText(texts: Texts | undefined): string | undefined {
    return texts ? this.text(texts) : undefined;
  }

  /** The language the record's main text (its name) is shown in. */
  textLang(texts: Texts): string {
    return pickText(texts, this.lang).lang;
  }

  zh(texts: Texts): string {
    return pickText(texts, CATALOGUE_BASE_LANG).text;
  }

  agency(id: string): AgencyRef {
    const agency = this.catalogue.agencies.get(id);
    if (!agency) throw new Error(`unknown agency ${id}`); // the loader already refused dangling references
    return { id, name: this.text(agency.names), kind: agency.kind, ...(agency.finder ? { finder: this.text(agency.finder) } : {}) };
  }

  documentRef(id: string): DocumentRef {
    const document = this.catalogue.documents.get(id);
    if (!document) throw new Error(`unknown document ${id}`);
    return { id, name: this.text(document.names) };
  }

  registryRef(id: string): { id: string; name: string } {
    const registry = this.catalogue.registries.get(id);
    if (!registry) throw new Error(`unknown registry ${id}`);
    return { id, name: this.text(registry.names) };
  }

  legalBasis(basis: LegalBasis): LegalBasisView {
    return { law: this.text(basis.law), ...(basis.article ? { article: basis.article } : {}), ...(basis.url ? { url: basis.url } : {}) };
  }

  channel(channel: { kind: ChannelView['kind']; url?: string; note?: Texts }): ChannelView {
    return { kind: channel.kind, ...(channel.url ? { url: channel.url } : {}), ...(channel.note ? { note: this.text(channel.note) } : {}) };
  }

  question(question: Question): QuestionView {
    return {
      id: question.id,
      kind: question.kind,
      text: this.text(question.text),
      ...(question.help ? { help: this.text(question.help) } : {}),
      ...(question.options ? { options: question.options.map((o) => ({ id: o.id, text: this.text(o.text) })) } : {}),
      ...(question.showWhen !== undefined ? { showWhen: question.showWhen } : {}),
    };
  }

  task(task: Task): TaskView {
    const deadline: DeadlineView | undefined = task.deadline && {
      from: task.deadline.from,
      period: task.deadline.period,
      ...(task.deadline.startDayCounts ? { startDayCounts: true } : {}),
      ...(task.deadline.penaltyPeriod ? { penaltyPeriod: true } : {}),
      text: this.text(task.deadline.text),
      ...(task.deadline.consequence ? { consequence: this.text(task.deadline.consequence) } : {}),
      ...(task.deadline.legalBasis ? { legalBasis: this.legalBasis(task.deadline.legalBasis) } : {}),
    };
    return {
      id: task.id,
      title: this.text(task.title),
      ...(task.officialName ? { officialName: this.text(task.officialName) } : {}),
      ...(task.summary ? { summary: this.text(task.summary) } : {}),
      category: task.category,
      agency: this.agency(task.agency),
      ...(task.service ? { service: task.service } : {}),
      documents: task.documents.map((id) => this.documentRef(id)),
      channels: task.channels.map((c) => this.channel(c)),
      ...(task.appliesWhen !== undefined ? { appliesWhen: task.appliesWhen } : {}),
      ...(deadline ? { deadline } : {}),
      dependsOn: task.dependsOn.map((d) => ({ task: d.task, why: this.text(d.why), ...(d.when !== undefined ? { when: d.when } : {}) })),
      doneForYou: task.doneForYou,
      ...(task.fees ? { fees: this.text(task.fees) } : {}),
      ...(task.notes ? { notes: this.text(task.notes) } : {}),
      legalBasis: task.legalBasis.map((b) => this.legalBasis(b)),
      source: task.source,
    };
  }

  document(document: Document): DocumentView {
    return {
      id: document.id,
      name: this.text(document.names),
      proves: this.text(document.proves),
      issuer: this.agency(document.issuer),
      ...(document.feeNtd !== undefined ? { feeNtd: document.feeNtd } : {}),
      ...(document.timeToObtain ? { timeToObtain: this.text(document.timeToObtain) } : {}),
      ...(document.onlineAlternative
        ? { onlineAlternative: { name: this.text(document.onlineAlternative.names), ...(document.onlineAlternative.url ? { url: document.onlineAlternative.url } : {}) } }
        : {}),
      ...(document.registry ? { registry: this.registryRef(document.registry) } : {}),
      source: document.source,
      textLang: this.textLang(document.names),
    };
  }

  /** A life event as GET /v1/life-events/{id} sends it. */
  lifeEvent(event: LifeEvent): LifeEventResponse {
    return {
      lang: this.lang,
      textLang: this.textLang(event.names),
      id: event.id,
      name: this.text(event.names),
      summary: this.text(event.summary),
      eventDate: this.text(event.eventDate),
      categories: event.categories.map((c) => ({ id: c.id, name: this.text(c.names) })),
      questions: event.questions.map((q) => this.question(q)),
      tasks: event.tasks.map((t) => this.task(t)),
      source: event.source,
    };
  }
}
