/**
 * API processes as a deployment runs them (`node server/main.ts`, one per port), for the
 * multi-process tests and the store benchmark: started with the given environment, ready when
 * they print "listening on", stopped with SIGTERM.
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

export interface ApiProcessHandle {
  port: number;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts one API process on 127.0.0.1:`port`. `env` is laid over the current environment
 * without its DATABASE_URL and ONESTOP_DB, so the caller chooses the store explicitly.
 */
export async function startApiProcess(port: number, env: Record<string, string>): Promise<ApiProcessHandle> {
  const { DATABASE_URL: _url, ONESTOP_DB: _db, ...base } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...base, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API on ${port} did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API on ${port} exited early with ${code}:\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty process never blocks on a full one.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
