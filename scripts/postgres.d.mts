export interface ThrowawayPostgres {
  url: string;
  port: number;
  dir: string;
  pid: number | undefined;
  log(): string;
  stop(): Promise<void>;
  unref(): void;
}
export function ensurePostgresBinaries(): string;
export function startPostgres(options?: { durable?: boolean; database?: string }): Promise<ThrowawayPostgres>;
