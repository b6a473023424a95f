/** Flags for headless Chromium as root on a closed network. */
export declare const CHROMIUM_ARGS: string[];
/** The path of a Chromium executable, or undefined. */
export declare function findChromium(): string | undefined;
/** The path of a Chromium executable, installing Debian's package as root when none is found. */
export declare function ensureChromium(): string;
