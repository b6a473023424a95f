/**
 * The reference API as `npm start` runs it (its own process, a real SQLite file), for the
 * benchmarks: scripts/api-processes.ts's ApiProcess, quieter (warnings only) and more patient
 * still (a benchmark may start it while the machine is busy).
 */
import { ApiProcess } from '../../scripts/api-processes.js';

export class BenchApi extends ApiProcess {
  constructor(port: number, databasePath: string, env: NodeJS.ProcessEnv = {}) {
    super(port, { ONESTOP_LOG_LEVEL: 'warn', ...env, ONESTOP_DB: databasePath }, 120_000);
  }

  get base(): string {
    return `${this.url}/`;
  }
}
