/**
 * Agency API keys for the tracker's write API, on the database the server uses: DATABASE_URL
 * (PostgreSQL) when set, else ONESTOP_DB (default var/onestop.sqlite); see server/config.ts.
 *
 *   npx tsx scripts/agency-key.ts create <agency-id> [--label "who holds it"]
 *       prints a new key ONCE; only its SHA-256 is stored, so it cannot be shown again
 *   npx tsx scripts/agency-key.ts list
 *   npx tsx scripts/agency-key.ts revoke <key-id>
 *
 * The agency sends the key as `Authorization: Bearer <key>`. The agency id is a kebab-case
 * id (`taipei-daan-land-office`); a case belongs to the agency whose key opened it.
 *
 * Rotation: create the new key, hand it over, switch the agency's system to it, then revoke
 * the old one (both work in between, so nothing stops). Every API process sees a new or
 * revoked key at once: keys are read from the database on every request, never cached.
 */
import { pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { AgencyId } from '../src/core/api/tracker-contract.js';
import { readConfig } from '../server/config.js';
import { openStore } from '../server/store.js';

const USAGE = `usage:
  npx tsx scripts/agency-key.ts create <agency-id> [--label <text>]
  npx tsx scripts/agency-key.ts list
  npx tsx scripts/agency-key.ts revoke <key-id>
(database: DATABASE_URL=postgres://… when set, else ONESTOP_DB, default var/onestop.sqlite)`;

export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, out = console.log, err = console.error): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    (command ? out : err)(USAGE);
    return command ? 0 : 2;
  }
  const config = readConfig(env);
  if (!config.databaseUrl && config.databasePath === ':memory:') {
    err('ONESTOP_DB=:memory: would forget the key at once; point it at the server\'s database file.');
    return 2;
  }
  const store = await openStore(config);
  try {
    switch (command) {
      case 'create': {
        const labelAt = args.indexOf('--label');
        const label = labelAt >= 0 ? args[labelAt + 1] : undefined;
        const rest = labelAt >= 0 ? args.filter((_, i) => i !== labelAt && i !== labelAt + 1) : args;
        if (rest.length !== 1 || (labelAt >= 0 && !label)) {
          err(USAGE);
          return 2;
        }
        const agencyId = rest[0]!;
        if (!z.safeParse(AgencyId, agencyId).success) {
          err(`"${agencyId}" is not an agency id: use a kebab-case id such as taipei-daan-land-office.`);
          return 2;
        }
        const key = await store.createAgencyKey(agencyId, new Date(), label ? { label } : {});
        out(`agency:  ${key.agencyId}`);
        out(`key id:  ${key.keyId}`);
        out(`key:     ${key.token}`);
        out('');
        out('This key is shown once and only its hash is stored. Give it to the agency over a safe channel;');
        out(`revoke it with: npx tsx scripts/agency-key.ts revoke ${key.keyId}`);
        return 0;
      }
      case 'list': {
        const keys = await store.listAgencyKeys();
        if (!keys.length) {
          out(`No agency keys in ${store.description}.`);
          return 0;
        }
        out(['key id', 'agency', 'created', 'revoked', 'label'].join('\t'));
        for (const key of keys) out([key.keyId, key.agencyId, key.createdAt, key.revokedAt ?? '-', key.label ?? ''].join('\t'));
        return 0;
      }
      case 'revoke': {
        if (args.length !== 1) {
          err(USAGE);
          return 2;
        }
        const result = await store.revokeAgencyKey(args[0]!, new Date());
        if (result === 'unknown') {
          err(`No key ${args[0]} in ${store.description}.`);
          return 1;
        }
        out(result === 'revoked' ? `Revoked ${args[0]}.` : `${args[0]} was already revoked.`);
        return 0;
      }
      default:
        err(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2));
}
