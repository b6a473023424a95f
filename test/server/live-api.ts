/**
 * The API as it is deployed, for the fuzz, abuse, durability and load tests: started the way
 * server/main.ts starts it (in this process, or as a child process that can be killed), with
 * agency keys made by the agency-key CLI. Only HTTP and the CLI are used, never the store's
 * functions, so these tests hold whatever the store is built on.
 */
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { ApiProcess, freePort } from '../../scripts/api-processes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../server/config.js';
import { startApi } from '../../server/main.js';
import { run as agencyKeyCli } from '../../scripts/agency-key.js';

export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(REPO_DIR, 'data');

export { freePort };

export async function tempDatabase(label: string): Promise<{ dir: string; databasePath: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `onestop-${label}-`));
  return { dir, databasePath: join(dir, 'onestop.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A new agency key on the database at `databasePath`, made by `npm run agency-key create`. */
/** Where a database is, as the environment tells the API and the CLI: a SQLite path, or { DATABASE_URL } / { ONESTOP_DB }. */
export type DatabaseEnv = string | { DATABASE_URL?: string; ONESTOP_DB?: string };
const databaseEnv = (where: DatabaseEnv) => (typeof where === 'string' ? { ONESTOP_DB: where } : where);

export async function createKeyWithCli(where: DatabaseEnv, agencyId: string): Promise<{ keyId: string; token: string }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const { DATABASE_URL: _url, ONESTOP_DB: _db, ...rest } = process.env;
  const code = await agencyKeyCli(['create', agencyId], { ...rest, ...databaseEnv(where) }, (l: string) => lines.push(l), (l: string) => errors.push(l));
  if (code !== 0) throw new Error(`agency-key create ${agencyId} failed: ${errors.join('\n')}`);
  const token = /^key:\s+(\S+)$/m.exec(lines.join('\n'))?.[1];
  const keyId = /^key id:\s+(\S+)$/m.exec(lines.join('\n'))?.[1];
  if (!token || !keyId) throw new Error(`agency-key printed no key: ${lines.join('\n')}`);
  return { keyId, token };
}

/** The API in this process, listening on a free loopback port, as server/main.ts starts it (on SQLite or PostgreSQL, as `where` says). */
export async function startApiInProcess(where: DatabaseEnv, env: NodeJS.ProcessEnv = {}) {
  // buildApp reads the security settings from the environment, as it does in production.
  const saved: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  try {
    const started = await startApi(readConfig({ PORT: '0', HOST: '127.0.0.1', ONESTOP_DATA: DATA_DIR, ...databaseEnv(where) }));
    return { app: started.app, base: started.address, close: () => started.app.close() };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The API as its own process (`node --import tsx server/main.ts`), which a test may kill. */
export class ChildApi extends ApiProcess {
  constructor(port: number, database: DatabaseEnv, env: NodeJS.ProcessEnv = {}) {
    super(port, { ...env, ...databaseEnv(database), ONESTOP_DATA: DATA_DIR });
  }

  get base(): string {
    return this.url;
  }

  /** Kills the process with `signal` and waits for it to be gone. */
  kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    return this.stop(signal);
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Milliseconds from sending to the end of the answer. */
  ms: number;
  json<T = unknown>(): T;
}

/** One HTTP request (node:http, so Origin and X-Forwarded-For are sent as given). */
export function call(base: string, method: string, path: string, options: { headers?: Record<string, string>; json?: unknown } = {}): Promise<HttpAnswer> {
  const url = new URL(base);
  const body = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  const headers = { ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...options.headers };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, ms: performance.now() - started, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A case body the real catalogue accepts (estate tax, Banqiao district office, one agency on the route). */
export const ESTATE_CASE = {
  serviceId: 'estate-tax-return',
  receivingOffice: { 'zh-Hant-TW': '新北市板橋區公所', en: 'Banqiao District Office' },
  route: [{ agencyId: 'ntbna-banqiao-branch', office: { 'zh-Hant-TW': '財政部北區國稅局板橋分局', en: 'Banqiao Branch, NTBNA' } }],
};

/** Every route the app serves, read from its router (so a new route is fuzzed without editing this file). */
export function routesOf(tree: string): { path: string; methods: string[] }[] {
  const routes: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const found = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(m[2]!)!;
    stack.length = depth;
    stack[depth] = found[1] === '(empty root node)' ? '' : found[1]!;
    if (found[2]) routes.push({ path: stack.join(''), methods: found[2].split(', ') });
  }
  return routes;
}

