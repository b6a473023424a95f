export declare function findNginx(): string | undefined;
export declare function ensureNginx(): string;
export declare function runningAsRoot(): boolean;
export declare function startNginx(options: { config: string; prefix: string; port: number }): Promise<{
  binary: string;
  stop(): Promise<void>;
  errorLog(): string;
}>;
