/**
 * The reference API as `npm start` runs it (its own process, a real SQLite file), for the
 * benchmarks: like the e2e harness's ApiProcess, but patient (a loaded machine can take the
 * start past 20 s) and never leaving a half-started process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export class BenchApi {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly databasePath: string,
    readonly env: NodeJS.ProcessEnv = {},
  ) {}

  get pid(): number {
    return this.child!.pid!;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', ONESTOP_DB: this.databasePath, ONESTOP_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    child.stdout!.on('error', () => {}); // the process may outlive our reading
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`API did not start within ${timeoutMs / 1000} s`)), timeoutMs);
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening on')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`API exited early with ${code}`)));
      });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = undefined;
  }
}
