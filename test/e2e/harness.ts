/** Shared set-up for end-to-end tests: the real API as a child process, the demo host, Chromium. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { startDemoHost } from '../../scripts/demo-host.js';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** The reference API as `npm start` runs it: its own process, a real SQLite file. */
export class ApiProcess {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly databasePath: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', ONESTOP_DB: this.databasePath },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('API did not start within 20 s')), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`API exited early with ${code}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = undefined;
  }
}

/** What most end-to-end files run against: the API on a temporary SQLite file, the demo host, Chromium. */
export interface DemoStack {
  api: ApiProcess;
  apiBase: string;
  demo: Awaited<ReturnType<typeof startDemoHost>>;
  browser: Browser;
  workDir: string;
  close(): Promise<void>;
}

/** Starts the stack; `build` is the dist/ file the tests need (checked first, with the fix in the message). */
export async function startDemoStack(options: { build: string; missingMessage: string; label: string }): Promise<DemoStack> {
  assert.ok(existsSync(options.build), options.missingMessage);
  const workDir = mkdtempSync(join(tmpdir(), `onestop-e2e-${options.label}-`));
  const api = new ApiProcess(await freePort(), join(workDir, 'onestop.sqlite'));
  const apiBase = `http://127.0.0.1:${api.port}/`;
  let demo: DemoStack['demo'] | undefined;
  let browser: Browser;
  try {
    await api.start();
    demo = await startDemoHost({ apiBase, port: 0 });
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    // A half-started stack must not leave the API process running (the test runner would wait on it).
    await demo?.app.close();
    await api.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  return {
    api,
    apiBase,
    demo,
    browser,
    workDir,
    async close() {
      await browser.close();
      await demo.app.close();
      await api.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
