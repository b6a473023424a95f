/**
 * Debian's nginx as a load balancer in front of several API processes, on loopback, for the
 * multi-process tests and benchmarks: round-robin over the upstreams, keep-alive to them, the
 * citizen's address passed in X-Forwarded-For (the API trusts it with
 * ONESTOP_TRUST_PROXY=127.0.0.1), and which upstream answered in X-OneStop-Upstream (so a test
 * can see the requests alternate). `balancerConfig` is also the example in the deployment notes.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginx } from './nginx.mjs';

/**
 * An nginx.conf that balances `upstreams` ("127.0.0.1:8787", …) on `listen`. `prefix` holds
 * the pid, logs and temp files (a throwaway directory in tests).
 */
export function balancerConfig({ upstreams, listen, prefix }) {
  return `# OneStop API behind nginx: round-robin over API processes that share one PostgreSQL.
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;

  upstream onestop_api {
${upstreams.map((u) => `    server ${u} max_fails=0;`).join('\n')}
    keepalive 32;
  }

  server {
    listen ${listen};
    # The API limits bodies itself (16 KiB for the tracker); this only stops giant uploads early.
    client_max_body_size 64k;
    location / {
      proxy_pass http://onestop_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      # nginx is the edge: it replaces, not appends, X-Forwarded-For, so a client cannot forge
      # its address past the lookup rate limit. Set ONESTOP_TRUST_PROXY to nginx's address.
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A tracker write must not be sent twice: retry only when no request was sent at all.
      proxy_next_upstream error timeout;
      add_header X-OneStop-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Starts nginx in the foreground balancing `upstreams` on 127.0.0.1:`port`; stop() ends it and removes its files. */
export async function startBalancer({ upstreams, port }) {
  const prefix = mkdtempSync(join(tmpdir(), 'onestop-nginx-balancer-'));
  for (const sub of ['tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) mkdirSync(join(prefix, sub), { recursive: true });
  // As root nginx's worker runs as nobody: it must be able to write its temp files.
  for (const sub of ['tmp', 'tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) chmodSync(join(prefix, sub), 0o777);
  chmodSync(prefix, 0o755);
  let nginx;
  try {
    nginx = await startNginx({ config: balancerConfig({ upstreams, listen: `127.0.0.1:${port}`, prefix }), prefix, port });
  } catch (error) {
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    binary: nginx.binary,
    errorLog: nginx.errorLog,
    async stop() {
      await nginx.stop();
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
