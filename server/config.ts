/** Settings from the environment, with defaults that work on a fresh clone (SQLite unless DATABASE_URL is set). */
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  dataDir: string;
  /** DATABASE_URL (postgres://…): the tracker on PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// (or postgresql://) URL; leave it unset for the SQLite file (ONESTOP_DB)');
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (env.PORT !== undefined && !/^\d+$/.test(env.PORT))) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databasePath: env.ONESTOP_DB === ':memory:' ? ':memory:' : resolve(env.ONESTOP_DB ?? 'var/onestop.sqlite'),
    dataDir: resolve(env.ONESTOP_DATA ?? 'data'),
    ...(databaseUrl ? { databaseUrl } : {}),
  };
}
