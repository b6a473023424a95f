/**
 * The API as it is deployed, for the fuzz, abuse, durability and load tests: started the way
 * server/main.ts starts it (in this process, or as a child process that can be killed), with
 * agency keys made by the agency-key CLI. Only HTTP and the CLI are used, never the store's
 * functions, so these tests hold whatever the store is built on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../server/config.js';
import { startApi } from '../../server/main.js';
import { run as agencyKeyCli } from '../../scripts/agency-key.js';

export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(REPO_DIR, 'data');

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

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

function withoutDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, ONESTOP_DB: _db, ...rest } = env;
  return rest;
}

/** The API as its own process (`node --import tsx server/main.ts`), which a test may kill. */
export class ChildApi {
  child: ChildProcess | undefined;
  exited: Promise<number | null> | undefined;
  constructor(
    readonly port: number,
    readonly database: DatabaseEnv,
    readonly env: NodeJS.ProcessEnv = {},
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_DIR,
      env: { ...withoutDatabase(process.env), ...this.env, ...databaseEnv(this.database), PORT: String(this.port), HOST: '127.0.0.1', ONESTOP_DATA: DATA_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      // Generous: on a loaded 2-core machine compiling the server with tsx alone can take tens of seconds.
      const timer = setTimeout(() => {
        // A process that never said it listens must not outlive the test (the runner would wait on it).
        child.kill('SIGKILL');
        reject(new Error(`API did not start within 90 s\n${stderr}`));
      }, 90_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`API exited early with ${code}\n${stderr}`));
      });
    });
  }

  /** Kills the process with `signal` and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await this.exited;
    this.child = undefined;
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

