export declare function balancerConfig(options: { upstreams: string[]; listen: string; prefix: string }): string;
export declare function startBalancer(options: { upstreams: string[]; port: number }): Promise<{ url: string; binary: string; stop(): Promise<void>; errorLog(): string }>;
