/**
 * Serves the demo host pages (demo/) and the built library (dist/) the way a county site and
 * a CDN would: a separate origin from the API. Pages name the API in
 * `<meta name="onestop-api-base" content="%ONESTOP_API_BASE%">`; this host fills it in, so
 * the demo follows the API's port.
 */
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface DemoHostOptions {
  apiBase: string;
  port?: number;
  host?: string;
  root?: string;
}

/**
 * The strictest policy a government site is likely to send, as the widgets promise to work under
 * it: scripts, styles and everything else from the page's own origin, requests to the API only;
 * no 'unsafe-inline', no 'unsafe-eval'.
 */
export function strictPolicy(apiBase: string): string {
  return `default-src 'self'; connect-src 'self' ${new URL(apiBase).origin}; script-src 'self'; style-src 'self'`;
}

export async function startDemoHost(options: DemoHostOptions) {
  const root = resolve(options.root ?? '.');
  const demoDir = resolve(root, 'demo');
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, { root: resolve(root, 'dist'), prefix: '/dist/', cacheControl: false });
  await app.register(fastifyStatic, { root: demoDir, prefix: '/', index: false, decorateReply: false });

  const page = async (name: string) => {
    const html = await readFile(resolve(demoDir, `${name}.html`), 'utf8');
    return html.replaceAll('%ONESTOP_API_BASE%', options.apiBase);
  };
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(await page('index')));
  app.get<{ Params: { name: string } }>('/:name.html', async (request, reply) => {
    if (!/^[a-z0-9-]+$/.test(request.params.name)) return reply.code(404).send('Not found');
    try {
      const html = await page(request.params.name);
      // The strict-CSP pages (csp*.html) show the widgets under a policy with no inline code at all.
      if (request.params.name.startsWith('csp')) reply.header('content-security-policy', strictPolicy(options.apiBase));
      return reply.type('text/html; charset=utf-8').send(html);
    } catch {
      return reply.code(404).type('text/plain').send('No such demo page');
    }
  });

  const address = await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
  return { app, address };
}
