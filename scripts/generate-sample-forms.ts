/**
 * `npx tsx scripts/generate-sample-forms.ts [--out DIR] [--only TW-TTT/death]`
 *
 * Generates the county download bundles in data/bundles/: for every county in
 * data/counties.yaml and the life events death, birth and moving-house, a few SAMPLE forms
 * and an information sheet, plus the bundle's manifest (bundle.yaml). No county has sent its
 * real forms yet (the Stork circle's plan is that each county bureau supplies them: seed
 * B_ch3.txt L680–L700), so every page says "範例表單 SAMPLE — not an official form".
 *
 * - Fixed forms are PDF (pdf-lib, with Noto Sans TC embedded as a subset: only the glyphs a
 *   file uses); editable forms are ODF text documents (.odt, Taiwan's open-document policy),
 *   zipped with fflate.
 * - Texts come from the catalogue, not from this file: the deadline, documents, fees and legal
 *   basis printed on a form are its life-event task's; the information sheet lists the event's
 *   tasks and deadlines from data/life-events/<event>.yaml; office names are composed from the
 *   county, its seat (data/bundles/sample-offices.yaml) and an office type in data/agencies.
 * - Deterministic: same inputs, byte-identical files. Dates inside the PDFs and ZIPs are the
 *   edition's effective date; pdf-lib's name suffixes come from its seeded generator; nothing
 *   reads the clock.
 */
import fontkit from '@pdf-lib/fontkit';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  degrees,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
  StandardFonts,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { parse as parseYaml, stringify } from 'yaml';
import * as z from 'zod/mini';
import type { BundleFormat } from '../src/core/api/bundle-contract.js';
import { CountyCode, Source } from '../src/core/api/contract.js';
import { MANIFEST_NAME, BundleManifestFile, type BundleFileRecord } from '../server/bundles.js';
import { loadCatalogue, type Catalogue, type CountyRecord } from '../server/catalogue.js';
import { Texts, type LifeEvent, type Task } from '../server/catalogue-schema.js';

export const SAMPLE_LABEL = '範例表單 SAMPLE — not an official form';

/** The bundles' edition: refreshed yearly (report-ch3 §6). Every date inside a file is this one. */
export const EDITION = { version: '2026.1', effective: '2026-01-01' } as const;

export const BUNDLE_EVENTS = ['death', 'birth', 'moving-house'] as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf');
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-tc 0.4.3 (Noto Sans TC, SIL Open Font License 1.1)';

const GENERATOR = 'OneStop scripts/generate-sample-forms.ts';

// ---------- inputs ----------

const SampleOffices = z.object({
  source: Source,
  seats: z.array(z.object({ county: CountyCode, names: Texts })),
});

interface T {
  zh: string;
  en: string;
}

const zh = (texts: Record<string, string>) => texts['zh-Hant-TW']!;
const en = (texts: Record<string, string>) => texts.en!;
const t = (texts: Record<string, string>): T => ({ zh: zh(texts), en: en(texts) });
const texts = (value: T) => ({ 'zh-Hant-TW': value.zh, en: value.en });

/** The office types a sample form can name for a county, and how the name is composed. */
type OfficeType = 'household-registration-office' | 'district-office' | 'county-government';

function officeName(type: OfficeType, county: CountyRecord, seat: T): T {
  const c = t(county.names);
  switch (type) {
    case 'household-registration-office':
      return { zh: `${c.zh}${seat.zh}戶政事務所`, en: `${seat.en} Household Registration Office, ${c.en}` };
    case 'district-office':
      return { zh: `${c.zh}${seat.zh}公所`, en: `${seat.en} Office, ${c.en}` };
    case 'county-government':
      return { zh: `${c.zh}政府`, en: `${c.en} Government` };
  }
}

// ---------- what the forms hold ----------

type Field =
  | { kind: 'text'; label: T; lines?: number }
  | { kind: 'id'; label: T }
  | { kind: 'date'; label: T }
  | { kind: 'choice'; label: T; options: T[] }
  | { kind: 'grid'; label: T; columns: T[]; rows: number }
  | { kind: 'sign'; label: T };

interface Section {
  heading: T;
  fields: Field[];
  /** A sentence before the fields ("I authorise …"). */
  text?: T;
}

interface FormSpec {
  id: string;
  format: BundleFormat;
  agency: OfficeType;
  task: string;
  title: T;
  sections: Section[];
}

const f = {
  text: (zh: string, en: string, lines = 1): Field => ({ kind: 'text', label: { zh, en }, lines }),
  id: (zh: string, en: string): Field => ({ kind: 'id', label: { zh, en } }),
  date: (zh: string, en: string): Field => ({ kind: 'date', label: { zh, en } }),
  choice: (zh: string, en: string, options: Array<[string, string]>): Field => ({ kind: 'choice', label: { zh, en }, options: options.map(([z, e]) => ({ zh: z, en: e })) }),
  grid: (zh: string, en: string, columns: Array<[string, string]>, rows: number): Field => ({ kind: 'grid', label: { zh, en }, columns: columns.map(([z, e]) => ({ zh: z, en: e })), rows }),
  sign: (zh: string, en: string): Field => ({ kind: 'sign', label: { zh, en } }),
};

const RELATION_TO_DECEASED: Array<[string, string]> = [
  ['配偶', 'Spouse'],
  ['子女', 'Child'],
  ['父母', 'Parent'],
  ['兄弟姊妹', 'Sibling'],
  ['其他＿＿＿', 'Other'],
];

const applicant = (relation?: Field): Section => ({
  heading: { zh: '申請人', en: 'Applicant' },
  fields: [
    f.text('申請人姓名', "Applicant's name"),
    f.id('身分證統一編號', 'National ID number'),
    ...(relation ? [relation] : []),
    f.text('戶籍地址', 'Registered address', 2),
    f.text('聯絡電話', 'Phone'),
  ],
});

const signOff = (who = '申請人', whoEn = 'Applicant'): Section => ({
  heading: { zh: '簽章', en: 'Signature' },
  fields: [f.date('申請日期', 'Date'), f.sign(`${who}簽章`, `${whoEn}'s signature or seal`)],
});

const payee: Section = {
  heading: { zh: '撥款帳戶', en: 'Bank account for the payment' },
  fields: [f.text('金融機構名稱', 'Bank or post office'), f.text('帳號', 'Account number'), f.text('戶名', 'Account holder')],
};

const authorization = (matter: T, relation?: Field): Section[] => [
  {
    heading: { zh: '委託人', en: 'Principal (the person giving authority)' },
    fields: [f.text('委託人姓名', 'Name'), f.id('身分證統一編號', 'National ID number'), ...(relation ? [relation] : []), f.text('戶籍地址', 'Registered address', 2), f.text('聯絡電話', 'Phone')],
  },
  {
    heading: { zh: '受委託人', en: 'Agent (the person who goes to the office)' },
    fields: [f.text('受委託人姓名', 'Name'), f.id('身分證統一編號', 'National ID number'), f.text('住址', 'Address', 2), f.text('聯絡電話', 'Phone')],
  },
  {
    heading: { zh: '委託事項', en: 'What the agent may do' },
    text: matter,
    fields: [f.date('委託日期', 'Date'), f.sign('委託人簽章', "Principal's signature or seal"), f.sign('受委託人簽章', "Agent's signature or seal")],
  },
];

/** The forms of each bundle, by life event. Titles as a county office would print them. */
const FORMS: Record<(typeof BUNDLE_EVENTS)[number], FormSpec[]> = {
  death: [
    {
      id: 'death-registration-application',
      format: 'pdf',
      agency: 'household-registration-office',
      task: 'D07',
      title: { zh: '死亡登記申請書', en: 'Application for death registration' },
      sections: [
        {
          heading: { zh: '往生者', en: 'The person who died' },
          fields: [
            f.text('往生者姓名', 'Name'),
            f.id('身分證統一編號', 'National ID number'),
            f.date('出生日期', 'Date of birth'),
            f.date('死亡日期', 'Date of death'),
            f.text('死亡地點', 'Place of death'),
            f.text('戶籍地址', 'Registered address', 2),
          ],
        },
        applicant(f.choice('與往生者關係', 'Relationship to the deceased', RELATION_TO_DECEASED)),
        signOff(),
      ],
    },
    {
      id: 'death-registration-authorization',
      format: 'odt',
      agency: 'household-registration-office',
      task: 'D07',
      title: { zh: '死亡登記委託書', en: 'Authorization to register a death' },
      sections: authorization(
        { zh: '茲委託上列受委託人，代為向貴所申請往生者＿＿＿＿＿＿（身分證統一編號＿＿＿＿＿＿＿＿＿＿）之死亡登記。', en: 'I authorise the agent above to apply to your office for the death registration of ____________ (National ID number __________).' },
        f.choice('與往生者關係', 'Relationship to the deceased', RELATION_TO_DECEASED),
      ),
    },
    {
      id: 'funeral-subsidy-application',
      format: 'odt',
      agency: 'district-office',
      task: 'D25',
      title: { zh: '低收入戶、中低收入戶喪葬補助申請表', en: 'Application for the funeral subsidy (low- and middle-low-income households)' },
      sections: [
        {
          heading: { zh: '往生者', en: 'The person who died' },
          fields: [
            f.text('往生者姓名', 'Name'),
            f.id('身分證統一編號', 'National ID number'),
            f.date('死亡日期', 'Date of death'),
            f.text('戶籍地址', 'Registered address', 2),
            f.choice('福利身分', 'Welfare status', [
              ['低收入戶', 'Low-income household'],
              ['中低收入戶', 'Middle-low-income household'],
            ]),
          ],
        },
        applicant(f.choice('與往生者關係', 'Relationship to the deceased', RELATION_TO_DECEASED)),
        payee,
        signOff(),
      ],
    },
    {
      id: 'funeral-fee-reduction-application',
      format: 'odt',
      agency: 'county-government',
      task: 'D06',
      title: { zh: '公立殯葬設施使用規費減免申請書', en: 'Application to reduce the fees of public funeral facilities' },
      sections: [
        {
          heading: { zh: '往生者', en: 'The person who died' },
          fields: [f.text('往生者姓名', 'Name'), f.id('身分證統一編號', 'National ID number'), f.date('死亡日期', 'Date of death'), f.text('戶籍地址', 'Registered address', 2)],
        },
        {
          heading: { zh: '申請減免', en: 'What to reduce' },
          fields: [
            f.choice('使用設施', 'Facility', [
              ['殯儀館禮廳', 'Funeral hall'],
              ['冰存', 'Cold storage'],
              ['火化', 'Cremation'],
              ['納骨塔', 'Columbarium'],
              ['公墓', 'Cemetery'],
            ]),
            f.choice('減免身分', 'Grounds', [
              ['低收入戶', 'Low-income household'],
              ['中低收入戶', 'Middle-low-income household'],
              ['其他＿＿＿', 'Other'],
            ]),
          ],
        },
        applicant(f.choice('與往生者關係', 'Relationship to the deceased', RELATION_TO_DECEASED)),
        signOff(),
      ],
    },
  ],
  birth: [
    {
      id: 'birth-registration-application',
      format: 'pdf',
      agency: 'household-registration-office',
      task: 'B02',
      title: { zh: '出生登記申請書', en: 'Application for birth registration' },
      sections: [
        {
          heading: { zh: '新生兒', en: 'The baby' },
          fields: [
            f.text('新生兒姓名', "Baby's name"),
            f.choice('性別', 'Sex', [
              ['男', 'Male'],
              ['女', 'Female'],
            ]),
            f.date('出生日期', 'Date of birth'),
            f.text('出生地點', 'Place of birth'),
            f.choice('姓氏', 'Surname', [
              ['從父姓', "Father's surname"],
              ['從母姓', "Mother's surname"],
            ]),
          ],
        },
        {
          heading: { zh: '父母', en: 'Parents' },
          fields: [f.text('父姓名', "Father's name"), f.id('父身分證統一編號', "Father's ID number"), f.text('母姓名', "Mother's name"), f.id('母身分證統一編號', "Mother's ID number")],
        },
        applicant(
          f.choice('與新生兒關係', 'Relationship to the baby', [
            ['父', 'Father'],
            ['母', 'Mother'],
            ['祖父母', 'Grandparent'],
            ['其他＿＿＿', 'Other'],
          ]),
        ),
        signOff(),
      ],
    },
    {
      id: 'birth-registration-authorization',
      format: 'odt',
      agency: 'household-registration-office',
      task: 'B02',
      title: { zh: '出生登記委託書', en: 'Authorization to register a birth' },
      sections: authorization({ zh: '茲委託上列受委託人，代為向貴所申請本人子女＿＿＿＿＿＿（出生日期＿＿＿年＿＿月＿＿日）之出生登記。', en: 'I authorise the agent above to apply to your office for the birth registration of my child ____________ (born on ____-__-__).' }),
    },
    {
      id: 'childcare-allowance-application',
      format: 'odt',
      agency: 'district-office',
      task: 'B11',
      title: { zh: '育兒津貼申請表', en: 'Application for the childcare allowance' },
      sections: [
        {
          heading: { zh: '幼兒', en: 'The child' },
          fields: [f.text('幼兒姓名', "Child's name"), f.id('身分證統一編號', 'National ID number'), f.date('出生日期', 'Date of birth')],
        },
        applicant(
          f.choice('與幼兒關係', 'Relationship to the child', [
            ['父', 'Father'],
            ['母', 'Mother'],
            ['其他＿＿＿', 'Other'],
          ]),
        ),
        payee,
        signOff(),
      ],
    },
  ],
  'moving-house': [
    {
      id: 'move-in-registration-application',
      format: 'pdf',
      agency: 'household-registration-office',
      task: 'M01',
      title: { zh: '遷入登記申請書', en: 'Application to register a move' },
      sections: [
        {
          heading: { zh: '遷徙', en: 'The move' },
          fields: [
            f.text('原戶籍地址', 'Previous registered address', 2),
            f.text('新戶籍地址', 'New registered address', 2),
            f.date('遷入日期', 'Date moved in'),
            f.text('新戶長姓名', 'Head of the new household'),
            f.grid('遷入人', 'People moving', [
              ['姓名', 'Name'],
              ['身分證統一編號', 'National ID number'],
              ['與戶長關係', 'Relationship to the head'],
            ], 4),
          ],
        },
        applicant(),
        signOff(),
      ],
    },
    {
      id: 'move-registration-authorization',
      format: 'odt',
      agency: 'household-registration-office',
      task: 'M01',
      title: { zh: '遷徙登記委託書', en: 'Authorization to register a move' },
      sections: authorization({ zh: '茲委託上列受委託人，代為向貴所申請本人（及下列家屬）之遷徙登記：＿＿＿＿＿＿＿＿＿＿。', en: 'I authorise the agent above to apply to your office to register the move of myself (and these family members): ____________.' }),
    },
    {
      id: 'nhi-transfer-application',
      format: 'odt',
      agency: 'district-office',
      task: 'M11',
      title: { zh: '全民健康保險第六類保險對象轉入申報表', en: 'National Health Insurance: transfer of a category 6 insured person' },
      sections: [
        {
          heading: { zh: '被保險人', en: 'Insured person' },
          fields: [
            f.text('被保險人姓名', 'Name'),
            f.id('身分證統一編號', 'National ID number'),
            f.date('出生日期', 'Date of birth'),
            f.text('新戶籍地址', 'New registered address', 2),
            f.text('原投保單位', 'Previous insuring office'),
            f.date('轉入日期', 'Date of transfer'),
            f.text('聯絡電話', 'Phone'),
          ],
        },
        {
          heading: { zh: '隨同轉入的眷屬', en: 'Dependants transferring too' },
          fields: [f.grid('眷屬', 'Dependants', [['姓名', 'Name'], ['身分證統一編號', 'National ID number'], ['稱謂', 'Relationship']], 3)],
        },
        signOff(),
      ],
    },
  ],
};

// ---------- the facts a form or sheet prints, from the catalogue ----------

interface Context {
  catalogue: Catalogue;
  county: CountyRecord;
  seat: T;
  event: LifeEvent;
}

function taskOf(ctx: Context, id: string): Task {
  const task = ctx.event.tasks.find((x) => x.id === id);
  if (!task) throw new Error(`data/life-events/${ctx.event.id}.yaml has no task ${id}`);
  return task;
}

/** Where a task is done, in this county: a composed office name, else the agency's name. */
function whereFor(ctx: Context, agencyId: string): T {
  if (agencyId === 'household-registration-office' || agencyId === 'district-office' || agencyId === 'county-government') {
    return officeName(agencyId, ctx.county, ctx.seat);
  }
  const agency = ctx.catalogue.agencies.get(agencyId);
  if (!agency) throw new Error(`no agency ${agencyId} in data/agencies`);
  return t(agency.names);
}

const legalText = (basis: Task['legalBasis'][number]): T => {
  const article = basis.article ? (/^\d+$/.test(basis.article) ? { zh: ` 第${basis.article}條`, en: ` art. ${basis.article}` } : { zh: ` ${basis.article}`, en: ` ${basis.article}` }) : { zh: '', en: '' };
  return { zh: `${zh(basis.law)}${article.zh}`, en: `${en(basis.law)}${article.en}` };
};

/**
 * The notes printed under a form: its task's deadline, documents, fees and legal basis, and
 * the task's own notes where they matter most: always in an .odt (text costs nothing there)
 * and in a PDF when the task has no deadline as a rule (its notes say it in words: M01).
 */
function notesFor(ctx: Context, task: Task, format: BundleFormat): T[] {
  const notes: T[] = [];
  if (task.deadline) {
    notes.push({ zh: `期限：${zh(task.deadline.text)}`, en: `Deadline: ${en(task.deadline.text)}` });
    if (task.deadline.consequence) notes.push({ zh: `逾期：${zh(task.deadline.consequence)}`, en: `If late: ${en(task.deadline.consequence)}` });
  }
  if (task.documents.length) {
    const docs = task.documents.map((id) => {
      const doc = ctx.catalogue.documents.get(id);
      if (!doc) throw new Error(`task ${task.id}: no document ${id} in data/documents`);
      return t(doc.names);
    });
    notes.push({ zh: `應備文件：${docs.map((d) => d.zh).join('、')}`, en: `Bring: ${docs.map((d) => d.en).join('; ')}` });
  }
  if (task.fees) notes.push({ zh: `費用：${zh(task.fees)}`, en: `Fees: ${en(task.fees)}` });
  if (task.notes && (format === 'odt' || !task.deadline)) notes.push({ zh: `說明：${zh(task.notes)}`, en: `Notes: ${en(task.notes)}` });
  if (task.legalBasis.length) {
    const laws = task.legalBasis.map(legalText);
    notes.push({ zh: `依據：${laws.map((l) => l.zh).join('；')}`, en: `Legal basis: ${laws.map((l) => l.en).join('; ')}` });
  }
  notes.push({
    zh: `須知取自 OneStop 目錄（${task.id}）；正式表單以受理機關為準。`,
    en: `A sample: the notes come from the OneStop catalogue (task ${task.id}); the office's own form and rules prevail.`,
  });
  return notes;
}

/** The information sheet: the event's tasks with deadlines, then the others, then what is done for you. */
interface SheetItem {
  title: T;
  lines: T[];
}
interface Sheet {
  title: T;
  intro: T[];
  sections: Array<{ heading: T; items: SheetItem[]; empty?: T; after?: T }>;
  source: string;
}

function sheetFor(ctx: Context): Sheet {
  const { event, county } = ctx;
  const name = t(event.names);
  const c = t(county.names);
  const taskTitle = (task: Task): T => ({ zh: `${task.id}　${zh(task.title)}`, en: en(task.title) });
  const where = (task: Task): T => {
    const w = whereFor(ctx, task.agency);
    return { zh: `辦理：${w.zh}`, en: `Where: ${w.en}` };
  };
  const withDeadline = event.tasks.filter((task) => task.deadline && !task.doneForYou);
  const doneForYou = event.tasks.filter((task) => task.doneForYou);
  const rest = event.tasks.filter((task) => !task.deadline && !task.doneForYou);
  // Key tasks: those everyone has to do, and those this bundle has a form for.
  const withForm = new Set(FORMS[event.id as (typeof BUNDLE_EVENTS)[number]].map((spec) => spec.task));
  const listed = rest.filter((task) => !task.appliesWhen || withForm.has(task.id));
  const unlisted = rest.length - listed.length;
  const ifNeeded = (task: Task): T => (task.appliesWhen ? { zh: '（視情況）', en: ' (if it applies)' } : { zh: '', en: '' });
  return {
    title: { zh: `${c.zh}・${name.zh}：辦理事項與期限（範例）`, en: `${c.en}: ${name.en}, tasks and deadlines (sample)` },
    intro: [
      {
        zh: `內容取自 OneStop 目錄（data/life-events/${event.id}.yaml）；實際規定以各機關公告為準。`,
        en: `The main tasks after this event, with deadlines and where to go, from the OneStop catalogue (data/life-events/${event.id}.yaml, based on the 2015 study). The offices' own rules prevail.`,
      },
      {
        zh: '期限：第一天不算，最後一天遇假日順延（行政程序法第48條）。',
        en: 'How deadlines count: the first day is not counted; a period in months or years ends the day before the matching day; if the last day is a Sunday, holiday or other rest day, it moves to the next working day (Administrative Procedure Act art. 48).',
      },
    ],
    sections: [
      {
        heading: { zh: '有法定期限的事項', en: 'Tasks with a legal deadline' },
        items: withDeadline.map((task) => {
          const title = taskTitle(task);
          const deadline = task.deadline!;
          return {
            title: { zh: `${title.zh}${ifNeeded(task).zh}`, en: `${title.en}${ifNeeded(task).en}` },
            lines: [
              { zh: `期限：${zh(deadline.text)}`, en: `Deadline: ${en(deadline.text)}` },
              ...(deadline.consequence ? [{ zh: `逾期：${zh(deadline.consequence)}`, en: `If late: ${en(deadline.consequence)}` }] : []),
              where(task),
            ],
          };
        }),
        empty: {
          zh: 'OneStop 目錄沒有為這個事件列出可計算的法定期限；個別事項若有期限，寫在本包表單的須知與 OneStop 清單裡。',
          en: "The catalogue lists no computable legal deadline for this event; where a task has one in words, this bundle's forms and the OneStop checklist say so.",
        },
      },
      {
        heading: { zh: '其他事項', en: 'Other tasks' },
        items: listed.map((task) => {
          const title = taskTitle(task);
          return { title: { zh: `${title.zh}${ifNeeded(task).zh}`, en: `${title.en}${ifNeeded(task).en}` }, lines: [where(task)] };
        }),
        ...(unlisted
          ? { after: { zh: `另有 ${unlisted} 項視情況才要辦的事項，請用 OneStop 清單依您的情況篩選。`, en: `${unlisted} more tasks apply only in some situations: the OneStop checklist filters them for yours.` } }
          : {}),
      },
      {
        heading: { zh: '政府主動辦理', en: 'Done for you' },
        items: doneForYou.map((task) => ({ title: taskTitle(task), lines: [where(task)] })),
        empty: { zh: '（無）', en: '(none)' },
      },
    ],
    source: `${event.source.cite} (${event.source.asOf})`,
  };
}

// ---------- PDF ----------

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const RED = rgb(0.7, 0.15, 0.12);
const GREY = rgb(0.38, 0.38, 0.38);
const BLACK = rgb(0.1, 0.1, 0.1);
const LINE = rgb(0.35, 0.35, 0.35);
const FILL = rgb(0.92, 0.92, 0.92);

interface Fonts {
  regular: Uint8Array;
  /** To check that every character drawn has a glyph (pdf-lib would draw an empty box). */
  coverage: { hasGlyphForCodePoint(codePoint: number): boolean };
}

interface TtfSubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * @pdf-lib/fontkit 1.1.1 copies each glyph's bytes into a subset as they are, then writes the
 * subset's `loca` table in the short format (offsets halved) whenever it is small enough. The
 * short format needs every glyph to start at an even offset; Noto Sans TC has odd-length
 * glyphs, so every glyph after the first odd one was read from the wrong place (drawn blank
 * or garbled). Padding each glyph to an even length, as the TrueType spec recommends, fixes
 * it. The test decodes every glyph of every embedded font, so a change here shows.
 */
function padSubsetGlyphs(font: { createSubset(): unknown }) {
  const proto = Object.getPrototypeOf(font.createSubset()) as TtfSubsetInternals & { __onestopPadded?: boolean };
  if (proto.__onestopPadded) return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubsetInternals, gid: number) {
    const index = addGlyph.call(this, gid);
    const data = this.glyf[index]!;
    if (data.length % 2) {
      // The same Buffer class fontkit's encoder expects (its own polyfill), zero-filled.
      const padded = (data.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(data.length + 1);
      padded.set(data);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  proto.__onestopPadded = true;
}

let fontsPromise: Promise<Fonts> | undefined;
function loadFonts(): Promise<Fonts> {
  fontsPromise ??= (async () => {
    const regular = new Uint8Array(await readFile(FONT_REGULAR));
    const parsed = fontkit.create(regular as unknown as Buffer) as unknown as Fonts['coverage'] & { createSubset(): unknown };
    padSubsetGlyphs(parsed);
    return { regular, coverage: parsed };
  })();
  return fontsPromise;
}

const xmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * Latin text is set in Helvetica, one of the 14 standard PDF fonts every reader has, so it
 * costs nothing to embed; everything else in the Noto Sans TC subset. A subset glyph costs
 * ~150 bytes compressed, and the ~60 Latin letters of the English labels would add ~8 KB to
 * every file.
 */
const LATIN = /[\x20-\x7e\u2014]+/gu;

interface Run {
  text: string;
  latin: boolean;
}

function runs(text: string): Run[] {
  const out: Run[] = [];
  let last = 0;
  for (const match of text.matchAll(LATIN)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index), latin: false });
    out.push({ text: match[0], latin: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), latin: false });
  return out;
}

type Color = ReturnType<typeof rgb>;

class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  readonly pages: PDFPage[] = [];

  private constructor(
    readonly doc: PDFDocument,
    private readonly cjk: PDFFont,
    private readonly latin: PDFFont,
    private readonly latinBold: PDFFont,
    private readonly fonts: Fonts,
  ) {}

  static async create(fonts: Fonts): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    const cjk = await doc.embedFont(fonts.regular, { subset: true, customName: 'NotoSansTC-Regular' });
    const latin = await doc.embedFont(StandardFonts.Helvetica);
    const latinBold = await doc.embedFont(StandardFonts.HelveticaBold);
    const writer = new PdfWriter(doc, cjk, latin, latinBold, fonts);
    writer.newPage();
    return writer;
  }

  get width() {
    return A4.width - 2 * MARGIN;
  }

  private fontFor(run: Run, bold: boolean): PDFFont {
    return run.latin ? (bold ? this.latinBold : this.latin) : this.cjk;
  }

  measure(text: string, size: number, bold = false): number {
    return runs(text).reduce((sum, run) => sum + this.fontFor(run, bold).widthOfTextAtSize(run.text, size), 0);
  }

  /** Splits text into lines that fit: CJK breaks between any two characters, Latin at spaces. */
  wrap(text: string, size: number, width: number, bold = false): string[] {
    const tokens = text.match(/[\x21-\x7e]+|\s+|./gsu) ?? [];
    const lines: string[] = [];
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (line && this.measure(candidate.trimEnd(), size, bold) > width && !/^[，。、；：）」』,.;:)]$/.test(token)) {
        lines.push(line.trimEnd());
        line = /^\s+$/.test(token) ? '' : token;
      } else {
        line = candidate;
      }
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines;
  }

  private check(text: string) {
    for (const char of text) {
      if (/\s/.test(char)) continue;
      if (!this.fonts.coverage.hasGlyphForCodePoint(char.codePointAt(0)!)) throw new Error(`Noto Sans TC has no glyph for ${JSON.stringify(char)} in ${JSON.stringify(text)}`);
    }
  }

  /**
   * Draws mixed text run by run. Bold CJK is drawn by also stroking the outlines (text
   * rendering mode 2) rather than with a second embedded font, for the same reason.
   */
  draw(text: string, x: number, y: number, size: number, options: { bold?: boolean; color?: Color; page?: PDFPage; opacity?: number; angle?: number } = {}) {
    const page = options.page ?? this.page;
    const color = options.color ?? BLACK;
    const bold = options.bold ?? false;
    const rad = ((options.angle ?? 0) * Math.PI) / 180;
    for (const run of runs(text)) {
      const font = this.fontFor(run, bold);
      if (!run.latin) this.check(run.text);
      const fake = bold && !run.latin;
      if (fake) page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(size * 0.035), setStrokingColor(color));
      page.drawText(run.text, { x, y, size, font, color, ...(options.opacity !== undefined ? { opacity: options.opacity } : {}), ...(options.angle ? { rotate: degrees(options.angle) } : {}) });
      if (fake) page.pushOperators(popGraphicsState());
      const advance = font.widthOfTextAtSize(run.text, size);
      x += advance * Math.cos(rad);
      y += advance * Math.sin(rad);
    }
  }

  newPage() {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    // The watermark first, so that everything else is drawn over it.
    const mark = '範例 SAMPLE';
    const size = 64;
    const w = this.measure(mark, size);
    const angle = 35;
    const rad = (angle * Math.PI) / 180;
    this.draw(mark, A4.width / 2 - (w / 2) * Math.cos(rad), A4.height / 2 - (w / 2) * Math.sin(rad), size, { color: RED, opacity: 0.08, angle });
    this.y = A4.height - 72;
  }

  /** Moves down by `height`, starting a new page first when it would not fit. */
  space(height: number): number {
    if (this.y - height < 64) this.newPage();
    const top = this.y;
    this.y -= height;
    return top;
  }

  gap(height: number) {
    this.y -= height;
  }

  /** Starts a new page unless `height` still fits (keeps a heading with what follows). */
  keep(height: number) {
    if (this.y - height < 64) this.newPage();
  }

  paragraph(text: string, size: number, options: { bold?: boolean; color?: Color; indent?: number; center?: boolean } = {}) {
    const indent = options.indent ?? 0;
    for (const line of this.wrap(text, size, this.width - indent, options.bold)) {
      const top = this.space(size * 1.45);
      const x = options.center ? (A4.width - this.measure(line, size, options.bold)) / 2 : MARGIN + indent;
      this.draw(line, x, top - size, size, options);
    }
  }

  rect(x: number, top: number, width: number, height: number, fill?: Color) {
    this.page.drawRectangle({ x, y: top - height, width, height, borderColor: LINE, borderWidth: 0.6, ...(fill ? { color: fill } : {}) });
  }

  box(x: number, top: number, size: number) {
    this.page.drawRectangle({ x, y: top - size, width: size, height: size, borderColor: LINE, borderWidth: 0.6 });
  }

  /** The label on every page, and page numbers, once the pages are all there. */
  finish(footer: string) {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const size = 9;
      this.draw(SAMPLE_LABEL, (A4.width - this.measure(SAMPLE_LABEL, size, true)) / 2, A4.height - 32, size, { bold: true, color: RED, page });
      page.drawLine({ start: { x: MARGIN, y: A4.height - 38 }, end: { x: A4.width - MARGIN, y: A4.height - 38 }, thickness: 0.8, color: RED });
      page.drawLine({ start: { x: MARGIN, y: 48 }, end: { x: A4.width - MARGIN, y: 48 }, thickness: 0.8, color: RED });
      this.draw(SAMPLE_LABEL, MARGIN, 36, 7.5, { bold: true, color: RED, page });
      const right = `${footer}　${i + 1} / ${total}`;
      this.draw(right, A4.width - MARGIN - this.measure(right, 7.5), 36, 7.5, { color: GREY, page });
    });
  }
}

function setPdfMetadata(doc: PDFDocument, meta: { title: string; author: string; subject: string; keywords: string[]; lang: string }) {
  const date = new Date(`${EDITION.effective}T00:00:00+08:00`);
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(GENERATOR);
  doc.setProducer('pdf-lib 1.17.1');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.lang);
}

const LABEL_WIDTH = 150;

function drawField(w: PdfWriter, field: Field) {
  const x0 = MARGIN;
  const vx = MARGIN + LABEL_WIDTH;
  const vw = w.width - LABEL_WIDTH;
  const label = (top: number, height: number) => {
    w.rect(x0, top, LABEL_WIDTH, height);
    w.rect(vx, top, vw, height);
    w.draw(field.label.zh, x0 + 6, top - 12, 9.5);
    w.draw(field.label.en, x0 + 6, top - 22, 6.5, { color: GREY });
  };
  switch (field.kind) {
    case 'text': {
      const height = Math.max(28, 20 * (field.lines ?? 1) + 6);
      label(w.space(height), height);
      return;
    }
    case 'id': {
      const top = w.space(28);
      label(top, 28);
      for (let i = 0; i < 10; i++) w.box(vx + 8 + i * 20, top - 5, 18);
      return;
    }
    case 'date': {
      const top = w.space(28);
      label(top, 28);
      const parts: Array<[string, number]> = [['民國', 8], ['年', 88], ['月', 138], ['日', 188]];
      for (const [text, dx] of parts) w.draw(text, vx + dx, top - 18, 10);
      w.draw('(ROC year / month / day)', vx + 210, top - 18, 7, { color: GREY });
      return;
    }
    case 'choice': {
      // Lay the options out in rows, then size the cell to fit them.
      const size = 9.5;
      const rows: Array<Array<{ option: T; dx: number }>> = [[]];
      let dx = 8;
      for (const option of field.options) {
        const wide = 16 + Math.max(w.measure(option.zh, size), w.measure(option.en, 6.5)) + 14;
        if (dx + wide > vw - 4 && rows[rows.length - 1]!.length) {
          rows.push([]);
          dx = 8;
        }
        rows[rows.length - 1]!.push({ option, dx });
        dx += wide;
      }
      const height = Math.max(28, rows.length * 24 + 4);
      const top = w.space(height);
      label(top, height);
      rows.forEach((row, r) => {
        for (const { option, dx: ox } of row) {
          const y = top - 6 - r * 24;
          w.box(vx + ox, y, 10);
          w.draw(option.zh, vx + ox + 15, y - 9, size);
          w.draw(option.en, vx + ox + 15, y - 18, 6.5, { color: GREY });
        }
      });
      return;
    }
    case 'grid': {
      const head = 30;
      const row = 24;
      const height = head + row * field.rows;
      const top = w.space(height);
      w.rect(x0, top, LABEL_WIDTH, height);
      w.draw(field.label.zh, x0 + 6, top - 14, 10);
      w.draw(field.label.en, x0 + 6, top - 25, 7, { color: GREY });
      const cw = vw / field.columns.length;
      field.columns.forEach((col, i) => {
        w.rect(vx + i * cw, top, cw, head, FILL);
        w.draw(col.zh, vx + i * cw + 5, top - 13, 9);
        w.draw(col.en, vx + i * cw + 5, top - 23, 6.5, { color: GREY });
        for (let r = 0; r < field.rows; r++) w.rect(vx + i * cw, top - head - r * row, cw, row);
      });
      return;
    }
    case 'sign': {
      label(w.space(44), 44);
      return;
    }
  }
}

function sectionHeading(w: PdfWriter, heading: T) {
  w.gap(6);
  w.keep(22 + 40);
  const top = w.space(22);
  w.rect(MARGIN, top, w.width, 22, FILL);
  w.draw(heading.zh, MARGIN + 6, top - 15, 10.5, { bold: true });
  w.draw(heading.en, MARGIN + 12 + w.measure(heading.zh, 10.5, true), top - 15, 8, { color: GREY });
}

function titleBlock(w: PdfWriter, title: T, office: T, officeLabel: T) {
  w.paragraph(title.zh, 18, { bold: true, center: true });
  w.paragraph(title.en, 9.5, { color: GREY, center: true });
  w.gap(4);
  w.paragraph(`${officeLabel.zh}：${office.zh}`, 10);
  w.paragraph(`${officeLabel.en}: ${office.en}`, 7.5, { color: GREY });
  w.paragraph(`Version ${EDITION.version} / Effective ${EDITION.effective}`, 7.5, { color: GREY });
}

function notesBlock(w: PdfWriter, notes: T[]) {
  sectionHeading(w, { zh: '須知', en: 'Notes' });
  w.gap(4);
  for (const note of notes) {
    w.paragraph(`・${note.zh}`, 8.5);
    w.paragraph(note.en, 7, { color: GREY, indent: 9 });
    w.gap(2);
  }
}

async function formPdf(ctx: Context, spec: FormSpec, title: T, office: T): Promise<Uint8Array> {
  const w = await PdfWriter.create(await loadFonts());
  titleBlock(w, title, office, { zh: '受理機關', en: 'Receiving office' });
  for (const section of spec.sections) {
    sectionHeading(w, section.heading);
    if (section.text) {
      w.paragraph(section.text.zh, 9.5);
      w.paragraph(section.text.en, 7.5, { color: GREY });
    }
    for (const field of section.fields) drawField(w, field);
  }
  notesBlock(w, notesFor(ctx, taskOf(ctx, spec.task), 'pdf'));
  // For the office: a row the counter fills in.
  w.gap(8);
  const cols = [
    ['收件日期', 'Received'],
    ['收件編號', 'Case number'],
    ['承辦人', 'Officer'],
    ['核定', 'Approved'],
  ] as const;
  const top = w.space(46);
  w.draw('以下由受理機關填寫 For office use', MARGIN, top - 8, 8, { color: GREY });
  const cw = w.width / cols.length;
  cols.forEach(([z, e], i) => {
    w.rect(MARGIN + i * cw, top - 12, cw, 34);
    w.draw(z, MARGIN + i * cw + 5, top - 24, 8);
    w.draw(e, MARGIN + i * cw + 5, top - 33, 6.5, { color: GREY });
  });
  w.finish(`${office.zh}・${spec.id}`);
  setPdfMetadata(w.doc, { title: title.zh, author: office.zh, subject: SAMPLE_LABEL, keywords: [ctx.county.code, ctx.event.id, spec.id, 'SAMPLE'], lang: 'zh-Hant-TW' });
  return w.doc.save();
}

async function sheetPdf(ctx: Context, id: string, sheet: Sheet, office: T): Promise<Uint8Array> {
  const w = await PdfWriter.create(await loadFonts());
  titleBlock(w, sheet.title, office, { zh: '提供機關', en: 'Provided by' });
  w.gap(4);
  for (const para of sheet.intro) {
    w.paragraph(para.zh, 9);
    w.paragraph(para.en, 7.5, { color: GREY });
    w.gap(3);
  }
  for (const section of sheet.sections) {
    sectionHeading(w, section.heading);
    w.gap(3);
    if (!section.items.length && section.empty) {
      w.paragraph(section.empty.zh, 9);
      w.paragraph(section.empty.en, 7.5, { color: GREY });
    }
    for (const item of section.items) {
      w.paragraph(item.title.zh, 10, { bold: true });
      w.paragraph(item.title.en, 7.5, { color: GREY, indent: 30 });
      for (const line of item.lines) {
        w.paragraph(line.zh, 8.5, { indent: 30 });
        w.paragraph(line.en, 7, { color: GREY, indent: 30 });
      }
      w.gap(4);
    }
    if (section.after) {
      w.paragraph(section.after.zh, 9);
      w.paragraph(section.after.en, 7.5, { color: GREY });
    }
  }
  w.gap(6);
  w.paragraph(`資料來源 Source: ${sheet.source}`, 6.5, { color: GREY });
  w.finish(`${office.zh}・${id}`);
  setPdfMetadata(w.doc, { title: sheet.title.zh, author: office.zh, subject: SAMPLE_LABEL, keywords: [ctx.county.code, ctx.event.id, id, 'SAMPLE'], lang: 'zh-Hant-TW' });
  return w.doc.save();
}

// ---------- ODT ----------

const ODT_MIME = 'application/vnd.oasis.opendocument.text';
const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

const p = (style: string, text = '') => (text ? `<text:p text:style-name="${style}">${xmlEscape(text)}</text:p>` : `<text:p text:style-name="${style}"/>`);

function odtCell(content: string, style = 'Cell'): string {
  return `<table:table-cell table:style-name="${style}" office:value-type="string">${content}</table:table-cell>`;
}

function odtField(field: Field): string {
  const label = odtCell(p('Label', field.label.zh) + p('LabelEn', field.label.en), 'LabelCell');
  let value: string;
  switch (field.kind) {
    case 'text':
      value = Array.from({ length: field.lines ?? 1 }, () => p('Value')).join('');
      break;
    case 'id':
      value = p('Value', '＿ ＿ ＿ ＿ ＿ ＿ ＿ ＿ ＿ ＿') + p('LabelEn', '10 characters');
      break;
    case 'date':
      value = p('Value', '民國　　　年　　月　　日') + p('LabelEn', 'ROC year / month / day');
      break;
    case 'choice':
      value = p('Value', field.options.map((o) => `□ ${o.zh}`).join('　')) + p('LabelEn', field.options.map((o) => o.en).join(' / '));
      break;
    case 'sign':
      value = p('Value') + p('Value') + p('Value');
      break;
    case 'grid': {
      const head = `<table:table-row>${field.columns.map((c) => odtCell(p('Label', c.zh) + p('LabelEn', c.en), 'LabelCell')).join('')}</table:table-row>`;
      const rows = Array.from({ length: field.rows }, () => `<table:table-row>${field.columns.map(() => odtCell(p('Value'))).join('')}</table:table-row>`).join('');
      value = `<table:table table:name="${xmlEscape(field.label.en)}" table:style-name="Inner"><table:table-column table:number-columns-repeated="${field.columns.length}"/>${head}${rows}</table:table>`;
      break;
    }
  }
  return `<table:table-row>${label}${odtCell(value)}</table:table-row>`;
}

function odtContent(spec: FormSpec, title: T, office: T, notes: T[]): string {
  let tables = 0;
  const body = spec.sections
    .map((section) => {
      const heading = `<text:h text:style-name="Heading" text:outline-level="2">${xmlEscape(section.heading.zh)} <text:span text:style-name="En">${xmlEscape(section.heading.en)}</text:span></text:h>`;
      const text = section.text ? p('Body', section.text.zh) + p('BodyEn', section.text.en) : '';
      const rows = section.fields.map((field) => odtField(field)).join('');
      tables++;
      const table = `<table:table table:name="Section${tables}" table:style-name="Form"><table:table-column table:style-name="Form.A"/><table:table-column table:style-name="Form.B"/>${rows}</table:table>`;
      return heading + text + table;
    })
    .join('\n');
  const notesXml = notes.map((note) => p('Note', `・${note.zh}`) + p('NoteEn', note.en)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3">
<office:automatic-styles>
<style:style style:name="Form" style:family="table"><style:table-properties style:width="17cm" table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Form.A" style:family="table-column"><style:table-column-properties style:column-width="5cm"/></style:style>
<style:style style:name="Form.B" style:family="table-column"><style:table-column-properties style:column-width="12cm"/></style:style>
<style:style style:name="Inner" style:family="table"><style:table-properties style:width="11.6cm" table:align="margins"/></style:style>
<style:style style:name="LabelCell" style:family="table-cell"><style:table-cell-properties fo:background-color="#ebebeb" fo:padding="0.12cm" fo:border="0.5pt solid #595959"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #595959"/></style:style>
</office:automatic-styles>
<office:body>
<office:text>
${p('Title', title.zh)}
${p('Subtitle', title.en)}
${p('Office', `受理機關：${office.zh}`)}
${p('BodyEn', `Receiving office: ${office.en}`)}
${p('BodyEn', `表單版本 Version ${EDITION.version}　生效日期 Effective ${EDITION.effective}`)}
${body}
<text:h text:style-name="Heading" text:outline-level="2">須知 <text:span text:style-name="En">Notes</text:span></text:h>
${notesXml}
</office:text>
</office:body>
</office:document-content>
`;
}

/** English paragraphs break lines between words, not inside them. */
const EN = 'fo:language="en" fo:country="US" style:language-asian="zh" style:country-asian="TW"';

function odtStyles(office: T, id: string): string {
  const font = (name: string) => `style:font-name="${name}" style:font-name-asian="${name}" style:font-name-complex="${name}"`;
  const para = (name: string, size: string, extra = '', text = '') =>
    `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties ${extra}/><style:text-properties fo:font-size="${size}" style:font-size-asian="${size}" style:font-size-complex="${size}" ${text}/></style:style>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3">
<office:font-face-decls>
<style:font-face style:name="Noto Sans TC" svg:font-family="'Noto Sans TC'" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties ${font('Noto Sans TC')} fo:language="zh" fo:country="TW" style:language-asian="zh" style:country-asian="TW" fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
${para('Title', '18pt', 'fo:text-align="center" fo:margin-bottom="0.1cm"', 'fo:font-weight="bold" style:font-weight-asian="bold"')}
${para('Subtitle', '9.5pt', 'fo:text-align="center" fo:margin-bottom="0.3cm"', `fo:color="#5f5f5f" ${EN}`)}
${para('Office', '10pt', 'fo:margin-top="0.1cm"')}
${para('Heading', '10.5pt', 'fo:margin-top="0.35cm" fo:margin-bottom="0.1cm" fo:background-color="#ebebeb" fo:padding="0.08cm"', 'fo:font-weight="bold" style:font-weight-asian="bold"')}
${para('Body', '9.5pt', 'fo:margin-top="0.1cm"')}
${para('BodyEn', '7.5pt', '', `fo:color="#5f5f5f" ${EN}`)}
${para('Label', '10pt')}
${para('LabelEn', '7pt', '', `fo:color="#5f5f5f" ${EN}`)}
${para('Value', '10.5pt', 'fo:margin-top="0.15cm"')}
${para('Note', '8.5pt', 'fo:margin-top="0.08cm"')}
${para('NoteEn', '7pt', 'fo:margin-left="0.3cm"', `fo:color="#5f5f5f" ${EN}`)}
${para('Sample', '9pt', 'fo:text-align="center"', 'fo:color="#b3261e" fo:font-weight="bold" style:font-weight-asian="bold"')}
${para('Footer', '7.5pt', '', 'fo:color="#5f5f5f"')}
<style:style style:name="En" style:family="text"><style:text-properties fo:font-size="8pt" fo:color="#5f5f5f" fo:font-weight="normal"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm" fo:border-bottom="0.8pt solid #b3261e"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm" fo:border-top="0.8pt solid #b3261e"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="A4">
<style:header>${p('Sample', SAMPLE_LABEL)}</style:header>
<style:footer>${p('Sample', SAMPLE_LABEL)}${p('Footer', `${office.zh}・${id}　${GENERATOR}`)}</style:footer>
</style:master-page>
</office:master-styles>
</office:document-styles>
`;
}

function odtMeta(title: T, office: T): string {
  const date = `${EDITION.effective}T00:00:00`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3">
<office:meta>
<meta:generator>${GENERATOR}</meta:generator>
<dc:title>${xmlEscape(title.zh)}</dc:title>
<dc:description>${xmlEscape(`${SAMPLE_LABEL}. ${title.en}`)}</dc:description>
<dc:subject>${xmlEscape(SAMPLE_LABEL)}</dc:subject>
<meta:initial-creator>${xmlEscape(office.zh)}</meta:initial-creator>
<dc:creator>${xmlEscape(office.zh)}</dc:creator>
<meta:creation-date>${date}</meta:creation-date>
<dc:date>${date}</dc:date>
<dc:language>zh-TW</dc:language>
</office:meta>
</office:document-meta>
`;
}

const ODT_MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODT_MIME}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;

/** A fixed ZIP time: the effective date, built from local parts because ZIP stores local time. */
function zipTime(): Date {
  const [y, m, d] = EDITION.effective.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 0, 0, 0);
}

function formOdt(ctx: Context, spec: FormSpec, title: T, office: T): Uint8Array {
  const mtime = zipTime();
  // ODF 1.3 part 2 §3.3: `mimetype` first, stored (not compressed), no extra field.
  return zipSync(
    {
      mimetype: [strToU8(ODT_MIME), { level: 0, mtime }],
      'META-INF/manifest.xml': [strToU8(ODT_MANIFEST), { level: 9, mtime }],
      'meta.xml': [strToU8(odtMeta(title, office)), { level: 9, mtime }],
      'styles.xml': [strToU8(odtStyles(office, spec.id)), { level: 9, mtime }],
      'content.xml': [strToU8(odtContent(spec, title, office, notesFor(ctx, taskOf(ctx, spec.task), 'odt'))), { level: 9, mtime }],
    },
    { mtime },
  );
}

// ---------- a bundle ----------

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface GeneratorInputs {
  catalogue: Catalogue;
  seats: Map<string, T>;
}

export async function loadGeneratorInputs(dataDir = join(ROOT, 'data')): Promise<GeneratorInputs> {
  const catalogue = await loadCatalogue(dataDir);
  const offices = z.parse(SampleOffices, parseYaml(await readFile(join(dataDir, 'bundles', 'sample-offices.yaml'), 'utf8')));
  return { catalogue, seats: new Map(offices.seats.map((s) => [s.county, t(s.names)])) };
}

/**
 * Writes one bundle (its files and bundle.yaml) to `<outRoot>/<county>/<event>/`, replacing
 * what was there, and returns its manifest.
 */
export async function generateBundle(inputs: GeneratorInputs, countyCode: string, eventId: (typeof BUNDLE_EVENTS)[number], outRoot: string): Promise<BundleManifestFile> {
  const { catalogue } = inputs;
  const county = catalogue.counties.counties.find((c) => c.code === countyCode);
  if (!county) throw new Error(`no county ${countyCode} in data/counties.yaml`);
  const event = catalogue.lifeEvents.get(eventId);
  if (!event) throw new Error(`no life event ${eventId} in data/life-events`);
  const seat = inputs.seats.get(countyCode);
  if (!seat) throw new Error(`no seat for ${countyCode} in data/bundles/sample-offices.yaml`);
  const ctx: Context = { catalogue, county, seat, event };
  const c = t(county.names);

  const dir = join(outRoot, countyCode, eventId);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });

  const files: BundleFileRecord[] = [];
  const add = async (record: Omit<BundleFileRecord, 'bytes' | 'sha256' | 'path' | 'version' | 'effective'>, bytes: Uint8Array) => {
    const path = `${countyCode}/${eventId}/${record.id}.${record.format}`;
    await writeFile(join(outRoot, path), bytes);
    files.push({ ...record, bytes: bytes.length, version: EDITION.version, effective: EDITION.effective, sha256: sha256(bytes), path });
  };

  for (const spec of FORMS[eventId]) {
    const office = officeName(spec.agency, county, seat);
    const title = { zh: `${spec.title.zh}（範例）`, en: `${spec.title.en} (sample)` };
    const bytes = spec.format === 'pdf' ? await formPdf(ctx, spec, title, office) : formOdt(ctx, spec, title, office);
    await add({ id: spec.id, kind: 'form', title: texts(title), agency: spec.agency, office: texts(office), task: spec.task, format: spec.format }, bytes);
  }
  const sheetId = `${eventId}-information-sheet`;
  const sheet = sheetFor(ctx);
  const sheetOffice = officeName('county-government', county, seat);
  await add(
    { id: sheetId, kind: 'information', title: texts(sheet.title), agency: 'county-government', office: texts(sheetOffice), format: 'pdf' },
    await sheetPdf(ctx, sheetId, sheet, sheetOffice),
  );

  const name = t(event.names);
  const manifest: BundleManifestFile = {
    county: countyCode,
    event: eventId,
    title: texts({ zh: `${c.zh}・${name.zh}：表單與資訊（範例）`, en: `${c.en}: ${name.en}, forms and information (samples)` }),
    version: EDITION.version,
    effective: EDITION.effective,
    sample: true,
    source: {
      cite: `seed B_ch3.txt L640–L642, L680–L700 (送子鳥圈：下載區各階段服務依據縣市類別增設下載資料夾或壓縮檔); report-ch3 §6, §C.2; tasks and deadlines from data/life-events/${eventId}.yaml; sample form generated by scripts/generate-sample-forms.ts (not an official form; office names composed from data/bundles/sample-offices.yaml)`,
      asOf: EDITION.effective,
    },
    files,
  };
  z.parse(BundleManifestFile, manifest);
  const yaml = stringify(manifest, { lineWidth: 0 });
  await writeFile(
    join(dir, MANIFEST_NAME),
    `# ${c.zh} ${name.zh}: the county download bundle's manifest (SAMPLE forms, ${FONT_PACKAGE}).\n# Generated by scripts/generate-sample-forms.ts; do not edit by hand: run \`npx tsx scripts/generate-sample-forms.ts\`.\n${yaml}`,
  );
  return manifest;
}

async function main(argv: string[]) {
  const outIndex = argv.indexOf('--out');
  const outRoot = resolve(outIndex >= 0 ? argv[outIndex + 1]! : join(ROOT, 'data', 'bundles'));
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined;
  const inputs = await loadGeneratorInputs();
  let count = 0;
  let bytes = 0;
  for (const county of inputs.catalogue.counties.counties) {
    for (const event of BUNDLE_EVENTS) {
      if (only && only !== `${county.code}/${event}`) continue;
      const manifest = await generateBundle(inputs, county.code, event, outRoot);
      count += manifest.files.length;
      bytes += manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    }
    process.stdout.write(`${county.code} `);
  }
  console.log(`\n${count} files, ${(bytes / 1024 / 1024).toFixed(2)} MiB, in ${outRoot}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
