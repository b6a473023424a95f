/** Settings from the environment, with defaults that work on a fresh clone. */
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  dataDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (env.PORT !== undefined && !/^\d+$/.test(env.PORT))) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databasePath: env.ONESTOP_DB === ':memory:' ? ':memory:' : resolve(env.ONESTOP_DB ?? 'var/onestop.sqlite'),
    dataDir: resolve(env.ONESTOP_DATA ?? 'data'),
  };
}
