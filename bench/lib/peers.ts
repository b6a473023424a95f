/**
 * The peers (Shoelace, SGDS) and Lighthouse are the benchmark's own dependencies, pinned in
 * bench/peers/package-lock.json and kept out of the library's: installed on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PEERS_DIR = 'bench/peers';

export function ensurePeers(): void {
  if (existsSync(`${PEERS_DIR}/node_modules/.package-lock.json`)) return;
  console.log('bench: installing the benchmark peers once (npm ci --prefix bench/peers)…');
  // --ignore-scripts: none of them needs an install step, and nothing may download a browser.
  execFileSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
}
