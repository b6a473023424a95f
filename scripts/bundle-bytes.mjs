/** How bundle sizes are counted, shared by `npm run size` and the bytes benchmark. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** gzip -9, what most CDNs serve at least. */
export const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
/** brotli quality 11, what a CDN serves to browsers that ask for it. */
export const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The file and every chunk reachable through static `import … from "./…"` (not import()). */
export function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // Static `import … from "./x"`, bare `import "./x"` and re-exports `export … from "./x"`.
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${},\s*]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    staticClosure(join(dirname(file), match[1]), seen);
  }
  return seen;
}

/** gzip and brotli bytes of a file with its static chunks, each file compressed on its own (as served). */
export function closureBytes(file) {
  const files = [...staticClosure(file)];
  return {
    files,
    gzip: files.reduce((sum, f) => sum + gzip(readFileSync(f)), 0),
    brotli: files.reduce((sum, f) => sum + brotli(readFileSync(f)), 0),
  };
}
