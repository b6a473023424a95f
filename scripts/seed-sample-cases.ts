/**
 * Seeds a few SAMPLE tracker cases, for demos and for building the tracker widget, into the
 * database the server uses (DATABASE_URL for PostgreSQL, else ONESTOP_DB, default
 * var/onestop.sqlite):
 *
 *   npx tsx scripts/seed-sample-cases.ts
 *
 * Every sample is labelled: the case number starts with SAMPLE-, the contact's name with
 * ［範例］, the phone numbers are 0000 numbers and the e-mails are at example.org. Lookup codes
 * are fixed (SAMP-000n) so the script can print them on every run; that is fine for sample
 * data and is why real cases never get fixed codes. Dates are relative to today. Idempotent:
 * a case number that already exists is skipped, never changed.
 *
 * The histories follow the patterns of the 2015 study (report ch. 3 §B): 代收轉件 (a district
 * office accepts and forwards to the office that decides), 一案到底 (one named contact),
 * 補正 (what to bring and by when). Offices and people are illustrative, not real records.
 *
 * Writes go through the store interface (either engine) and the contract schemas. Each sample
 * agency gets a key labelled as the seed's, created already revoked: its secret is never
 * shown, so it only records who wrote the sample events. To add events to a sample case by
 * hand, create a key for that agency id with scripts/agency-key.ts.
 */
import { pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import {
  AppendEventRequest,
  CreateCaseRequest,
  type CaseText,
} from '../src/core/api/tracker-contract.js';
import { CaseStatus } from '../server/catalogue-schema.js';
import { readConfig } from '../server/config.js';
import { openStore, type Store } from '../server/store.js';
import type { AgencyPrincipal } from '../server/tracker/records.js';
import { hashLookupCode } from '../server/tracker/secrets.js';

const SEED_LABEL = 'seed-sample-cases (SAMPLE data; secret never shown)';
const KNOWN_STATUSES: readonly string[] = CaseStatus.shape.id.options;

/** A time `days` ago at hh:mm Taiwan time, as ISO 8601 with +08:00. */
function taipei(now: Date, days: number, hh: number, mm: number): string {
  const local = new Date(now.getTime() + 8 * 3600_000 - days * 86400_000);
  const date = local.toISOString().slice(0, 10);
  return `${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`;
}

function dateAfter(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthsAfter(iso: string, months: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const text = (zh: string, en: string): CaseText => ({ 'zh-Hant-TW': zh, en });

interface SampleEvent {
  by: string;
  body: z.input<typeof AppendEventRequest>;
}

interface Sample {
  caseNumber: string;
  lookupCode: string;
  title: string;
  owner: string;
  create: z.input<typeof CreateCaseRequest>;
  events: SampleEvent[];
}

export function sampleCases(now: Date): Sample[] {
  // 1. Estate tax: accepted by a district office, forwarded to the national tax office (代收轉件).
  const estateReceived = taipei(now, 20, 9, 40);
  const ntoReceived = taipei(now, 17, 10, 15);
  // 2. Land inheritance registration: the land office needs more documents (補正).
  const landNotice = taipei(now, 6, 15, 30);
  // 3. Birth registration: done at the counter the same day.
  const birthReceived = taipei(now, 30, 10, 5);
  // 4. Low-income funeral subsidy: accepted by a district office, in review at the social welfare department.
  const funeralReceived = taipei(now, 9, 11, 20);

  return [
    {
      caseNumber: 'SAMPLE-ESTATE-TAX-01',
      lookupCode: 'SAMP-0001',
      title: 'estate-tax return, forwarded from a district office to the national tax office',
      owner: 'new-taipei-banqiao-district-office',
      create: {
        serviceId: 'estate-tax-return',
        receivingOffice: text('新北市板橋區公所（範例）', 'Banqiao District Office, New Taipei City (SAMPLE)'),
        route: [{ agencyId: 'ntbna-banqiao-branch', office: text('財政部北區國稅局板橋分局（範例）', 'Banqiao Branch, National Taxation Bureau of the Northern Area (SAMPLE)') }],
        contact: { name: '［範例］林怡君 (SAMPLE)', phone: '(02) 0000-0001 #101', email: 'sample.banqiao@example.org' },
        expectedCompletion: { earliest: dateAfter(estateReceived, 30), latest: dateAfter(estateReceived, 75), confidence: 'estimate' },
        receivedAt: estateReceived,
        agencyWord: '收件',
        note: text(
          '本所已代收您的遺產稅申報書，將轉送國稅局板橋分局辦理。後續問題請洽承辦人。',
          'We accepted your estate tax return and will forward it to the Banqiao branch of the National Taxation Bureau. Ask your contact person if you have questions.',
        ),
      },
      events: [
        {
          by: 'new-taipei-banqiao-district-office',
          body: {
            status: 'forwarded',
            agencyWord: '轉件',
            at: taipei(now, 19, 16, 0),
            note: text('已轉送財政部北區國稅局板橋分局。', 'Forwarded to the Banqiao branch of the National Taxation Bureau.'),
          },
        },
        {
          by: 'ntbna-banqiao-branch',
          body: {
            status: 'received',
            agencyWord: '收件',
            at: ntoReceived,
            note: text(
              '本分局已收件。依遺產及贈與稅法第29條，應於收到申報書之日起2個月內核定應納稅額。',
              'Received. Under art. 29 of the Estate and Gift Tax Act the tax must be assessed within 2 months of receiving the return.',
            ),
            expectedCompletion: { date: monthsAfter(ntoReceived, 2), confidence: 'statutory' },
          },
        },
        {
          by: 'ntbna-banqiao-branch',
          body: { status: 'in-review', agencyWord: '審核中', at: taipei(now, 10, 14, 0) },
        },
      ],
    },
    {
      caseNumber: 'SAMPLE-LAND-INHERIT-01',
      lookupCode: 'SAMP-0002',
      title: 'land inheritance registration that needs more documents (補正)',
      owner: 'taipei-daan-land-office',
      create: {
        serviceId: 'land-inheritance-registration',
        receivingOffice: text('臺北市大安地政事務所（範例）', 'Da-an Land Office, Taipei City (SAMPLE)'),
        contact: { name: '［範例］陳志明 (SAMPLE)', phone: '(02) 0000-0002 #215' },
        expectedCompletion: { date: dateAfter(taipei(now, 12, 0, 0), 10), confidence: 'target' },
        receivedAt: taipei(now, 12, 14, 10),
        agencyWord: '收件',
      },
      events: [
        { by: 'taipei-daan-land-office', body: { status: 'in-review', agencyWord: '審查', at: taipei(now, 11, 9, 30) } },
        {
          by: 'taipei-daan-land-office',
          body: {
            status: 'needs-more',
            agencyWord: '補正',
            at: landNotice,
            note: text(
              '補正通知書已寄出。請於接到通知之日起15日內補正（土地登記規則第56條）；逾期未補正者，依第57條駁回。補正後重新計算處理期限。',
              'A notice to supply documents was mailed. Bring them within 15 days of receiving the notice (Land Registration Rules art. 56); otherwise the application is rejected (art. 57). The processing time restarts once they are in.',
            ),
            action: {
              text: text(
                '請補附：1. 遺產稅繳清證明書（或免稅證明書）正本；2. 繼承系統表，須由申請人簽名或蓋章。可親自送件或掛號郵寄。',
                'Bring or send by registered mail: 1. the original estate tax clearance (or exemption) certificate; 2. the heirship chart, signed or sealed by the applicant.',
              ),
              dueDate: dateAfter(landNotice, 15),
            },
          },
        },
      ],
    },
    {
      caseNumber: 'SAMPLE-BIRTH-REG-01',
      lookupCode: 'SAMP-0003',
      title: 'birth registration, completed the same day',
      owner: 'kaohsiung-zuoying-household-registration-office',
      create: {
        serviceId: 'birth-registration',
        receivingOffice: text('高雄市左營區戶政事務所（範例）', 'Zuoying Household Registration Office, Kaohsiung City (SAMPLE)'),
        contact: { name: '［範例］黃雅婷 (SAMPLE)', phone: '(07) 0000-0003' },
        expectedCompletion: { date: birthReceived.slice(0, 10), confidence: 'target' },
        receivedAt: birthReceived,
        agencyWord: '收件',
      },
      events: [
        {
          by: 'kaohsiung-zuoying-household-registration-office',
          body: {
            status: 'completed',
            agencyWord: '登記完畢',
            at: taipei(now, 30, 10, 35),
            note: text(
              '出生登記已完成，戶口名簿已更新並當場交還。健保卡可另向健保署申請。',
              'The birth is registered; the household register book was updated and handed back at the counter. The NHI card is applied for separately.',
            ),
          },
        },
      ],
    },
    {
      caseNumber: 'SAMPLE-FUNERAL-AID-01',
      lookupCode: 'SAMP-0004',
      title: 'low-income funeral subsidy, in review',
      owner: 'new-taipei-sanchong-district-office',
      create: {
        serviceId: 'low-income-funeral-subsidy',
        receivingOffice: text('新北市三重區公所（範例）', 'Sanchong District Office, New Taipei City (SAMPLE)'),
        route: [{ agencyId: 'new-taipei-social-welfare-department', office: text('新北市政府社會局（範例）', 'Social Welfare Department, New Taipei City Government (SAMPLE)') }],
        contact: { name: '［範例］張家豪 (SAMPLE)', phone: '(02) 0000-0004 #332', email: 'sample.sanchong@example.org' },
        receivedAt: funeralReceived,
        agencyWord: '收件',
        note: text('已收件，本所初審後送社會局核定。', 'Received; after a first check here it goes to the Social Welfare Department for a decision.'),
      },
      events: [
        {
          by: 'new-taipei-sanchong-district-office',
          body: {
            status: 'forwarded',
            agencyWord: '轉件',
            at: taipei(now, 7, 15, 45),
            note: text('初審完成，已送新北市政府社會局。', 'First check done; sent to the New Taipei City Social Welfare Department.'),
          },
        },
        {
          by: 'new-taipei-social-welfare-department',
          body: {
            status: 'in-review',
            agencyWord: '審核中',
            at: taipei(now, 4, 10, 0),
            expectedCompletion: { earliest: dateAfter(taipei(now, 4, 0, 0), 7), latest: dateAfter(taipei(now, 4, 0, 0), 21), confidence: 'estimate' },
          },
        },
      ],
    },
  ];
}

/** The seed's (revoked) key for an agency, created the first time. */
async function seedWriter(store: Store, agencyId: string, now: Date): Promise<AgencyPrincipal> {
  const existing = (await store.listAgencyKeys()).find((key) => key.agencyId === agencyId && key.label === SEED_LABEL);
  if (existing) return { keyId: existing.keyId, agencyId };
  const created = await store.createAgencyKey(agencyId, now, { label: SEED_LABEL, revoked: true });
  return { keyId: created.keyId, agencyId };
}

export interface SeedResult {
  caseNumber: string;
  lookupCode: string;
  title: string;
  created: boolean;
}

/**
 * Seeds the samples that are missing; each case and its history in one transaction (the
 * seed's revoked keys are created first: a key left by a failed run is reused next time).
 */
export async function seedSampleCases(store: Store, now = new Date()): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const sample of sampleCases(now)) {
    if (await store.getCase(sample.caseNumber)) {
      results.push({ caseNumber: sample.caseNumber, lookupCode: sample.lookupCode, title: sample.title, created: false });
      continue;
    }
    const request = z.parse(CreateCaseRequest, sample.create);
    const events = sample.events.map((event) => ({ by: event.by, body: z.parse(AppendEventRequest, event.body) }));
    for (const event of events) {
      if (!KNOWN_STATUSES.includes(event.body.status)) throw new Error(`${sample.caseNumber}: unknown status ${event.body.status}`);
    }
    const lookupHash = await hashLookupCode(sample.lookupCode);
    const owner = await seedWriter(store, sample.owner, now);
    const history = [];
    for (const event of events) {
      const writer = await seedWriter(store, event.by, now);
      const office = event.by === sample.owner ? request.receivingOffice : request.route?.find((s) => s.agencyId === event.by)?.office;
      if (!office) throw new Error(`${sample.caseNumber}: ${event.by} is neither the owner nor on the route`);
      history.push({ request: event.body, writer: { ...writer, office } });
    }
    await store.openCase({ request, owner, lookupHash, now, caseNumber: sample.caseNumber, firstStatus: 'received', history });
    results.push({ caseNumber: sample.caseNumber, lookupCode: sample.lookupCode, title: sample.title, created: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const store = await openStore(readConfig());
  try {
    const results = await seedSampleCases(store);
    console.log(`SAMPLE tracker cases in ${store.engine}: ${store.description}:`);
    for (const r of results) {
      console.log(`  ${r.caseNumber.padEnd(24)} lookup code ${r.lookupCode}  ${r.created ? 'created' : 'already there, left as it was'}  (${r.title})`);
    }
    console.log('\nLook one up: POST /v1/cases/lookup with {"caseNumber": "SAMPLE-LAND-INHERIT-01", "lookupCode": "SAMP-0002"}');
  } finally {
    await store.close();
  }
}
