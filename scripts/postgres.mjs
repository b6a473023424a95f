/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's PostgreSQL binaries
 * (found in /usr/lib/postgresql/<version>/bin, on PATH, or installed with apt-get when run as
 * root and missing), a fresh cluster in a temporary directory, started on a free loopback
 * port with trust authentication, removed again on stop. Nothing of the machine's own
 * PostgreSQL service is touched.
 *
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user
 * (created by Debian's package) and the server runs under its uid.
 *
 *   node scripts/postgres.mjs [--env NAME] <command> [args…]
 *       starts a cluster, runs the command with the environment variable NAME (default
 *       DATABASE_URL) set to its URL, stops the cluster, exits with the command's code.
 *       The server tests use --env ONESTOP_TEST_DATABASE_URL: a test that starts an API the
 *       ordinary way (ONESTOP_DB) must not be switched to PostgreSQL behind its back.
 *
 * As a module: `const pg = await startPostgres(); … pg.url …; await pg.stop();`
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function findBinDir() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  const postgres = onPath('postgres');
  const initdb = onPath('initdb');
  if (postgres && initdb) return undefined; // use PATH
  return null;
}

/** The directory of postgres and initdb ('' for PATH); installs Debian's package as root if missing. */
export function ensurePostgresBinaries() {
  let dir = findBinDir();
  if (dir === null && isRoot) {
    console.error('PostgreSQL not found: installing Debian\'s postgresql package');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    dir = findBinDir();
  }
  if (dir === null) throw new Error('PostgreSQL is not installed: apt-get install postgresql (Debian) and run again');
  return dir ?? '';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Debian's package creates the postgres user; without it, nobody (the cluster is ours alone, in its own directory). */
function postgresUser() {
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid, gid };
    } catch {
      /* try the next */
    }
  }
  throw new Error('PostgreSQL refuses to run as root, and there is neither a postgres nor a nobody user to run it as');
}

/**
 * Starts a fresh cluster. `durable: false` (the default, for tests) turns fsync off: the
 * cluster is thrown away anyway. Benchmarks pass `durable: true` to measure real commits.
 */
export async function startPostgres({ durable = false, database = 'onestop' } = {}) {
  const binDir = ensurePostgresBinaries();
  const bin = (name) => (binDir ? join(binDir, name) : name);
  const dir = mkdtempSync(join(tmpdir(), 'onestop-pg-'));
  const dataDir = join(dir, 'data');
  const ids = isRoot ? postgresUser() : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const asOwner = ids ? { uid: ids.uid, gid: ids.gid } : {};
  const user = 'onestop';
  try {
    execFileSync(bin('initdb'), ['-D', dataDir, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions', '--no-sync'], {
      ...asOwner,
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${error.stderr?.toString() ?? error.message}`);
  }
  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    max_connections: '100',
    shared_buffers: '64MB',
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child = spawn(bin('postgres'), args, { ...asOwner, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-8000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // The cluster is deleted next, so no checkpoint is needed: immediate shutdown.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // Ready when it accepts a connection and the database exists.
  const { default: pg } = await import('pg');
  const adminUrl = `postgres://${user}@127.0.0.1:${port}/postgres`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`postgres exited at start:\n${log}`);
    }
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.query(`create database ${database}`);
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() - started > 30_000) {
        await stop();
        throw new Error(`postgres did not accept connections within 30 s: ${error.message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `postgres://${user}@127.0.0.1:${port}/${database}`,
    port,
    dir,
    pid: child.pid,
    /** The server's recent log lines (for a failure message). */
    log: () => log,
    stop,
    /** Lets the calling process exit while the server runs (the caller stops it on exit). */
    unref() {
      child.unref();
      child.stderr.unref?.();
      child.stderr.destroy();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let command = process.argv.slice(2);
  let variable = 'DATABASE_URL';
  if (command[0] === '--env') {
    variable = command[1] ?? '';
    command = command.slice(2);
  }
  if (!command.length || !/^[A-Z_][A-Z0-9_]*$/.test(variable)) {
    console.error('usage: node scripts/postgres.mjs [--env NAME] <command> [args…]   (runs it with NAME, default DATABASE_URL, set to a throwaway cluster)');
    process.exit(2);
  }
  const pg = await startPostgres();
  console.log(`PostgreSQL throwaway cluster at ${pg.url} (${pg.dir})`);
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, [variable]: pg.url },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  await pg.stop();
  process.exit(code);
}
