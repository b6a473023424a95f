/**
 * nginx configuration for a static catalogue export (server/static-export.ts): maps `?lang=` to
 * the per-language file, sends the API's content types, cache lifetimes, download names and
 * CORS headers, answers misses as problem+json, and (given an upstream) passes the routes that
 * are not static (the tracker, the server-side document check, health, search) to live API
 * processes. ETags are the API's own (so a widget's kept ETag revalidates against either, and
 * every nginx or CDN node serving the export agrees): nginx's size-and-time ETags are off, and
 * an If-None-Match equal to the file's ETag answers 304.
 */
import type { ExportedHeaders } from './static-export.js';

export interface NginxConfigOptions {
  /** Absolute path of the export directory. */
  root: string;
  /** host:port to listen on. */
  listen: string;
  /** The export's `_onestop/headers.json` content. */
  headers: { langs: readonly string[]; files: Record<string, ExportedHeaders> };
  /** Live API processes (host:port) for the dynamic routes; none: those routes answer 404. */
  upstreams?: string[];
  /** A whole nginx.conf (for a throwaway server: pid, logs and temp files under `prefix`) or only the `server {}` and its maps, to include. */
  standalone?: { prefix: string; runAsRoot: boolean };
}

const CATALOGUE_CACHE = 'public, max-age=300, stale-while-revalidate=86400';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The language file a `?lang=` value reads, by the API's fallback chain (any Chinese reads zh-Hant-TW; other languages without UI files read English). */
function langMap(langs: readonly string[]): string {
  const lines = langs
    .filter((lang) => lang !== 'zh-Hant-TW')
    .map((lang) => `    ~*^${lang.replace(/-/g, '\\-')}(-|$) ${lang};`);
  return [
    'map $arg_lang $onestop_lang {',
    '    default en;',
    '    "" zh-Hant-TW;',
    '    ~*^zh(-|$) zh-Hant-TW;',
    ...lines,
    '}',
  ].join('\n');
}

export function renderNginxConfig(options: NginxConfigOptions): string {
  const { root, listen, headers, upstreams = [] } = options;
  const dispositions = Object.entries(headers.files)
    .filter(([, h]) => h['content-disposition'])
    .map(([path, h]) => `    ${quote(path)} ${quote(h['content-disposition']!)};`);
  // ETag by what the request asks (path and language), known before try_files picks the file.
  const langEtags: string[] = [];
  const plainEtags: string[] = [];
  for (const [served, h] of Object.entries(headers.files)) {
    const m = /^(.*)\/index\.([^/]+)\.(json|zip)$/.exec(served);
    if (m) langEtags.push(`    ${quote(`${m[1]} ${m[2]}`)} ${quote(h.etag)};`);
    else plainEtags.push(`    ${quote(served)} ${quote(h.etag)};`);
  }
  const conditional = [
    'etag off;',
    'add_header ETag $onestop_etag;',
    'if ($onestop_not_modified) {',
    '    return 304;',
    '}',
  ];
  const corsHeaders = [
    'add_header Access-Control-Allow-Origin "*" always;',
    'add_header Access-Control-Expose-Headers "ETag, Retry-After" always;',
    'add_header X-Content-Type-Options nosniff always;',
  ];
  const preflight = [
    'if ($request_method = OPTIONS) {',
    '    add_header Access-Control-Allow-Origin "*";',
    '    add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS";',
    '    add_header Access-Control-Allow-Headers "Accept, Content-Type, If-None-Match";',
    '    add_header Access-Control-Max-Age 86400;',
    '    return 204;',
    '}',
  ];
  const proxied = upstreams.length
    ? [
        'proxy_pass http://onestop_api;',
        'proxy_http_version 1.1;',
        'proxy_set_header Connection "";',
        'proxy_set_header Host $host;',
        // The API rate-limits lookups per client address: it must see the citizen's, not nginx's (set trustProxy to this proxy).
        'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        'proxy_set_header X-Forwarded-Proto $scheme;',
      ]
    : ['return 404;'];
  const indent = (lines: string[], depth: number) => lines.map((line) => `${' '.repeat(depth * 4)}${line}`).join('\n');

  const http = `
types {
    application/json json;
    application/zip zip;
    application/pdf pdf;
    application/vnd.oasis.opendocument.text odt;
    application/vnd.oasis.opendocument.spreadsheet ods;
}
default_type application/octet-stream;
charset utf-8;
charset_types application/json;
sendfile on;
server_tokens off;
# The download-name map has one long key per file.
map_hash_bucket_size 256;
map_hash_max_size 16384;

${langMap(headers.langs)}

# A file URL pinned to its bytes (?v=, as the manifests give it) never changes; a bare path may, next year.
map $arg_v $onestop_files_cache {
    "" ${quote(CATALOGUE_CACHE)};
    default ${quote(IMMUTABLE_CACHE)};
}

map "$uri $onestop_lang" $onestop_lang_etag {
    default "";
${langEtags.join('\n')}
}
map $uri $onestop_plain_etag {
    default "";
${plainEtags.join('\n')}
}
map $onestop_lang_etag $onestop_etag {
    "" $onestop_plain_etag;
    default $onestop_lang_etag;
}
# 304 only when the file has an ETag and If-None-Match names exactly it (a miss has none).
map "$http_if_none_match|$onestop_etag" $onestop_not_modified {
    default 0;
    '~^("[^"|]+")\\|\\1$' 1;
}

map $uri $onestop_disposition {
    default "";
${dispositions.join('\n')}
}
${upstreams.length ? `\nupstream onestop_api {\n${upstreams.map((u) => `    server ${u};`).join('\n')}\n    keepalive 16;\n}\n` : ''}
server {
    listen ${listen};
    root ${root};
    error_page 404 /_onestop/problems/404.json;
    error_page 403 405 =405 /_onestop/problems/405.json;

    location /_onestop/problems/ {
        internal;
        types { }
        default_type "application/problem+json; charset=utf-8";
        add_header Cache-Control no-store always;
${indent(corsHeaders, 2)}
    }

    location = /_onestop/headers.json {
        return 404;
    }

    location = /_onestop/search {
        internal;
        error_page 400 /_onestop/problems/search.json;
${upstreams.length ? `        rewrite ^ /v1/services break;\n${indent(proxied, 2)}` : '        return 400;'}
    }

    # Live routes: case data, the server-side check, health.
    location /v1/cases/ {
${indent(proxied, 2)}
    }
    location /v1/agency/ {
${indent(proxied, 2)}
    }
    location = /v1/doc-free/check {
${indent(proxied, 2)}
    }
    location = /v1/health {
${indent(proxied, 2)}
    }

    # Search text can't be a file: pass it to the API, or say so. (The widgets search on the device.)
    location = /v1/services {
        error_page 404 /_onestop/problems/404.json;
        error_page 403 405 =405 /_onestop/problems/405.json;
${indent(preflight, 2)}
        if ($arg_q != "") {
            rewrite ^ /_onestop/search last;
        }
        if ($request_method !~ ^(GET|HEAD)$) { return 405; }
${indent(conditional, 2)}
        try_files $uri/index.$onestop_lang.json =404;
        add_header Cache-Control ${quote(CATALOGUE_CACHE)} always;
${indent(corsHeaders, 2)}
    }

    location /v1/files/ {
${indent(preflight, 2)}
        if ($request_method !~ ^(GET|HEAD)$) { return 405; }
${indent(conditional, 2)}
        try_files $uri =404;
        add_header Cache-Control $onestop_files_cache always;
        add_header Content-Disposition $onestop_disposition;
${indent(corsHeaders, 2)}
    }

    location /v1/ {
${indent(preflight, 2)}
        if ($request_method !~ ^(GET|HEAD)$) { return 405; }
${indent(conditional, 2)}
        try_files $uri/index.$onestop_lang.json $uri/index.$onestop_lang.zip $uri =404;
        add_header Cache-Control ${quote(CATALOGUE_CACHE)} always;
        add_header Content-Disposition $onestop_disposition;
${indent(corsHeaders, 2)}
    }

    location / {
        return 404;
    }
}
`;
  if (!options.standalone) return `# OneStop catalogue export: include in the http {} block.\n${http}`;
  const { prefix, runAsRoot } = options.standalone;
  return `# OneStop catalogue export: a whole nginx.conf for one server on ${listen}.
${runAsRoot ? 'user root;\n' : ''}daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
${http
  .split('\n')
  .map((line) => (line ? `    ${line}` : line))
  .join('\n')}
}
`;
}

/** The problem+json bodies nginx answers with (written into the export by the export script). */
export const STATIC_PROBLEMS: Record<string, object> = {
  '404.json': { type: '/v1/problems/not-found', title: 'No such resource', status: 404, detail: 'Nothing is published at this address in the catalogue export.' },
  '405.json': { type: '/v1/problems/method-not-allowed', title: 'Only GET and HEAD are served here', status: 405 },
  'search.json': {
    type: '/v1/problems/search-unavailable',
    title: 'Search is not available on the static catalogue',
    status: 400,
    detail: 'Load /v1/services and search its names on the device, or ask the live API.',
  },
};
