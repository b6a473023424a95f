/**
 * API processes as a deployment runs them (`node server/main.ts`, one per port): the one way
 * the tests (e2e harness, durability, multi-process) and the benchmarks start the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A port free on loopback right now (the tests never use fixed ports). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The reference API as its own process (`node --import tsx server/main.ts`), as a deployment
 * and `npm start` run it. `env` is laid over the current environment without its DATABASE_URL
 * and ONESTOP_DB, so the caller chooses the store explicitly. Ready when it prints "listening
 * on"; patient (a cold tsx start on a loaded 2-core machine has taken over 30 s), and a process
 * that never listens is killed, so none outlives a test. It can be stopped (with any signal:
 * SIGKILL for the durability test) and started again on the same port and database.
 */
export class ApiProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  constructor(
    readonly port: number,
    readonly env: NodeJS.ProcessEnv = {},
    readonly startTimeoutMs = 90_000,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { DATABASE_URL: _url, ONESTOP_DB: _db, ...base } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...base, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`API on ${this.port} did not start within ${this.startTimeoutMs / 1000} s:\n${output}`));
      }, this.startTimeoutMs);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`API on ${this.port} exited early with ${code}:\n${output}`));
      });
    });
    // Keep draining the pipes so a chatty process never blocks on a full one.
    child.stdout!.resume();
    child.stderr!.resume();
  }

  /** Stops the process with `signal` and waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await this.exited;
    this.child = undefined;
  }
}

export interface ApiProcessHandle {
  port: number;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts one API process on 127.0.0.1:`port` with `env` (see ApiProcess). */
export async function startApiProcess(port: number, env: Record<string, string>): Promise<ApiProcessHandle> {
  const api = new ApiProcess(port, env);
  await api.start();
  return { port, url: api.url, pid: api.pid!, stop: () => api.stop() };
}
