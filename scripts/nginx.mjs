/**
 * Debian's nginx for tests and benchmarks: found (or, as root, installed from Debian's packages,
 * like Chromium in scripts/chromium.mjs) and started in the foreground on a config of ours, with
 * its pid, logs and temp files in a throwaway directory.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

export function findNginx() {
  return CANDIDATES.find((path) => existsSync(path));
}

/** The nginx binary, installing Debian's nginx-light when missing and running as root. */
export function ensureNginx() {
  const found = findNginx();
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('nginx is not installed: run `apt-get install nginx-light` (as root)');
  console.log("Installing nginx from Debian's packages…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx-light'], { stdio: 'inherit', env });
  const installed = findNginx();
  if (!installed) throw new Error('nginx was installed but its binary was not found');
  return installed;
}

export const runningAsRoot = () => process.getuid?.() === 0;

function waitForPort(port, timeoutMs) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`nginx did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts nginx on `config` (a whole nginx.conf text whose pid/log/temp paths are under
 * `prefix`) and waits until `port` accepts connections. Returns { stop(), errorLog() }.
 */
export async function startNginx({ config, prefix, port }) {
  const binary = ensureNginx();
  mkdirSync(prefix, { recursive: true });
  const confPath = join(prefix, 'nginx.conf');
  writeFileSync(confPath, config);
  try {
    execFileSync(binary, ['-t', '-q', '-p', prefix, '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`nginx refused ${confPath}: ${error.stderr?.toString().trim()}`);
  }
  const child = spawn(binary, ['-p', prefix, '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await Promise.race([
      waitForPort(port, 10_000),
      exited.then((code) => {
        throw new Error(`nginx exited with ${code}: ${stderr}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    binary,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGQUIT'); // graceful: finish open requests
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    errorLog() {
      const path = join(prefix, 'error.log');
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    },
  };
}
