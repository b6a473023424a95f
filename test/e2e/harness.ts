/**
 * Shared set-up for end-to-end tests: the real API as a child process, the demo host, Chromium.
 *
 * ONESTOP_E2E_BACKEND picks what the widgets talk to:
 * - `api` (default): the API process itself, on a temporary SQLite file;
 * - `static`: the static catalogue export (npm run export-catalogue) behind Debian's nginx,
 *   with the live routes (tracker, health, search) passed to the API process. Export once with
 *   ONESTOP_E2E_STATIC_DIR=<dir> to share it between test files; else each file exports.
 * - `pg-pair`: two API processes on one throwaway PostgreSQL cluster (scripts/postgres.mjs)
 *   behind nginx balancing round-robin (scripts/nginx-balancer.mjs).
 * Tests stop and start `stack.api` to take "the API" away: in `static` and `pg-pair` mode that
 * is nginx.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { startDemoHost } from '../../scripts/demo-host.js';
import { ApiProcess as ProcessOfApi, freePort } from '../../scripts/api-processes.js';
import { exportFromData, nginxConfigFor } from '../../scripts/export-catalogue.js';
import { runningAsRoot, startNginx } from '../../scripts/nginx.mjs';
import { startBalancer } from '../../scripts/nginx-balancer.mjs';
import { startPostgres } from '../../scripts/postgres.mjs';
import type { ExportResult } from '../../server/static-export.js';

export { freePort };

/** What serves the catalogue to the widgets in a test, which the test may stop and start again. */
export interface CatalogueServer {
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type E2EBackend = 'api' | 'static' | 'pg-pair';
const BACKENDS: readonly E2EBackend[] = ['api', 'static', 'pg-pair'];
export const E2E_BACKEND: E2EBackend = BACKENDS.find((b) => b === process.env.ONESTOP_E2E_BACKEND) ?? 'api';

/** The reference API as `npm start` runs it: its own process, a real SQLite file (or DATABASE_URL in `env`). */
export class ApiProcess extends ProcessOfApi implements CatalogueServer {
  constructor(
    port: number,
    readonly databasePath: string,
    env: NodeJS.ProcessEnv = {},
  ) {
    super(port, { ONESTOP_DB: databasePath, ...env });
  }

  override async stop(): Promise<void> {
    await super.stop();
  }
}

/** A static catalogue export behind nginx, passing the live routes to an API process. */
export class StaticCatalogue implements CatalogueServer {
  private nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  private constructor(
    readonly port: number,
    private readonly config: string,
    private readonly prefix: string,
  ) {}

  static async create(workDir: string, upstreamPort: number): Promise<StaticCatalogue> {
    let exportDir = process.env.ONESTOP_E2E_STATIC_DIR;
    let result: ExportResult;
    if (exportDir && existsSync(join(exportDir, '_onestop', 'headers.json'))) {
      result = { ...(JSON.parse(readFileSync(join(exportDir, '_onestop', 'headers.json'), 'utf8')) as Pick<ExportResult, 'files'>), routes: [], bytesWritten: 0, filesLinked: 0 };
    } else {
      exportDir = join(workDir, 'export');
      result = await exportFromData({ dataDir: 'data', outDir: exportDir });
    }
    const port = await freePort();
    const prefix = join(workDir, 'nginx');
    const config = nginxConfigFor(exportDir, result, {
      listen: `127.0.0.1:${port}`,
      upstreams: [`127.0.0.1:${upstreamPort}`],
      standalone: { prefix, runAsRoot: runningAsRoot() },
    });
    return new StaticCatalogue(port, config, prefix);
  }

  async start(): Promise<void> {
    this.nginx = await startNginx({ config: this.config, prefix: this.prefix, port: this.port });
  }

  async stop(): Promise<void> {
    await this.nginx?.stop();
    this.nginx = undefined;
  }
}

/** nginx balancing API processes (which keep running while it is stopped: "the API is down" for the page). */
export class BalancedApis implements CatalogueServer {
  private balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
  constructor(
    readonly port: number,
    private readonly upstreams: string[],
  ) {}

  async start(): Promise<void> {
    this.balancer = await startBalancer({ upstreams: this.upstreams, port: this.port });
  }

  async stop(): Promise<void> {
    await this.balancer?.stop();
    this.balancer = undefined;
  }
}

/** What most end-to-end files run against: the API on a temporary SQLite file (or nginx over an export of it), the demo host, Chromium. */
export interface DemoStack {
  /** What the widgets' api-base points at (the API process, or nginx in `static` mode). */
  api: CatalogueServer;
  /** The API process itself (the live routes, whatever the backend). */
  apiProcess: ApiProcess;
  apiBase: string;
  demo: Awaited<ReturnType<typeof startDemoHost>>;
  browser: Browser;
  workDir: string;
  close(): Promise<void>;
}

/**
 * Starts the stack; `build` is the dist/ file the tests need (checked first, with the fix in
 * the message). `prepare` runs before the API starts, with the environment it will get (to
 * seed its database).
 */
export async function startDemoStack(options: {
  build: string;
  missingMessage: string;
  label: string;
  prepare?: (env: NodeJS.ProcessEnv) => void | Promise<void>;
}): Promise<DemoStack> {
  assert.ok(existsSync(options.build), options.missingMessage);
  const workDir = mkdtempSync(join(tmpdir(), `onestop-e2e-${options.label}-`));
  const postgres = E2E_BACKEND === 'pg-pair' ? await startPostgres() : undefined;
  const storeEnv: NodeJS.ProcessEnv = postgres ? { DATABASE_URL: postgres.url } : {};
  const apiProcess = new ApiProcess(await freePort(), join(workDir, 'onestop.sqlite'), storeEnv);
  const otherProcesses: ApiProcess[] = [];
  let api: CatalogueServer = apiProcess;
  let demo: DemoStack['demo'] | undefined;
  let browser: Browser;
  const stopAll = async () => {
    await demo?.app.close();
    if (api !== apiProcess) await api.stop();
    for (const process of [apiProcess, ...otherProcesses]) await process.stop();
    await postgres?.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await options.prepare?.({ ...process.env, ONESTOP_DB: apiProcess.databasePath, ...storeEnv });
    await apiProcess.start();
    if (E2E_BACKEND === 'static') {
      api = await StaticCatalogue.create(workDir, apiProcess.port);
      await api.start();
    } else if (E2E_BACKEND === 'pg-pair') {
      const second = new ApiProcess(await freePort(), apiProcess.databasePath, storeEnv);
      otherProcesses.push(second);
      await second.start();
      api = new BalancedApis(await freePort(), [`127.0.0.1:${apiProcess.port}`, `127.0.0.1:${second.port}`]);
      await api.start();
    }
    demo = await startDemoHost({ apiBase: `http://127.0.0.1:${api.port}/`, port: 0 });
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    // A half-started stack must not leave processes running (the test runner would wait on them).
    await stopAll();
    throw error;
  }
  return {
    api,
    apiProcess,
    apiBase: `http://127.0.0.1:${api.port}/`,
    demo,
    browser,
    workDir,
    async close() {
      await browser.close();
      await stopAll();
    },
  };
}
