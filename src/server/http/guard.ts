// Who may talk to the API from a browser. Every request passes here before auth and before
// any route: a web page on another origin must not be able to drive the host (a "simple"
// cross-origin POST needs no preflight), and a DNS-rebinding page must not reach a host bound
// to loopback under a name of its own. Clients that are not browsers (curl, Telegraf, the
// CLI, Node's fetch) send neither Origin nor Sec-Fetch-Site and are not affected.

import { isIP } from 'node:net';
import { normalizeOrigin } from '../../config/validators.js';

export interface GuardOptions {
  /** `[http] cors-allowed-origins`: other origins whose pages may call the API. */
  allowedOrigins: readonly string[];
  /** `[http] allowed-hosts`: Host names (or host:port) accepted besides loopback ones. */
  allowedHosts: readonly string[];
  /** The API listens on a loopback address only. */
  loopback: boolean;
}

export interface GuardRequest {
  method: string;
  /** path without the query */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Verdict =
  | { ok: true; /** the allowed cross-origin to answer CORS headers for */ cors?: string }
  | { ok: false; status: 403 | 415; message: string };

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

function header(req: GuardRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `Host` without its port, lower-case, IPv6 brackets removed. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/** A name that always resolves to this machine: localhost, *.localhost, 127/8, ::1. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** Write endpoints take line protocol, not JSON. */
function isWritePath(path: string): boolean {
  return (
    path === '/write' || path === '/kapacitor/v1/write' || path === '/kapacitor/v1preview/write'
  );
}

function isJSONType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = contentType.split(';')[0]!.trim().toLowerCase();
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

export class RequestGuard {
  private readonly origins: ReadonlySet<string>;
  private readonly hosts: ReadonlySet<string>;

  constructor(private readonly opts: GuardOptions) {
    this.origins = new Set(
      opts.allowedOrigins.map((o) => normalizeOrigin(o)).filter((o) => o !== undefined),
    );
    this.hosts = new Set(opts.allowedHosts.map((h) => h.trim().toLowerCase()));
  }

  /** A Host this API answers to under the current binding. */
  private trustedHost(host: string): boolean {
    const name = hostName(host);
    if (isLoopbackName(name)) return true;
    if (this.hosts.has(host.trim().toLowerCase()) || this.hosts.has(name)) return true;
    // Bound to a network address: IP literals cannot be rebound by DNS.
    return !this.opts.loopback && isIP(name) !== 0;
  }

  check(req: GuardRequest): Verdict {
    const host = header(req, 'host');
    const enforceHost = this.opts.loopback || this.hosts.size > 0;
    if (host !== undefined && enforceHost && !this.trustedHost(host)) {
      return {
        ok: false,
        status: 403,
        message: `host ${JSON.stringify(host)} is not allowed: the API answers to loopback names and [http] allowed-hosts`,
      };
    }
    const originHeader = header(req, 'origin');
    const fetchSite = header(req, 'sec-fetch-site');
    const browser = originHeader !== undefined || fetchSite !== undefined;
    let cors: string | undefined;
    if (originHeader !== undefined) {
      const origin = normalizeOrigin(originHeader);
      const sameOrigin =
        origin !== undefined &&
        host !== undefined &&
        this.trustedHost(host) &&
        (origin === normalizeOrigin(`http://${host}`) ||
          origin === normalizeOrigin(`https://${host}`));
      if (!sameOrigin) {
        if (origin === undefined || !this.origins.has(origin)) {
          return {
            ok: false,
            status: 403,
            message: `origin ${JSON.stringify(originHeader)} is not allowed: add it to [http] cors-allowed-origins`,
          };
        }
        cors = origin;
      }
    } else if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      // A browser request from another site that carries no Origin (an <img>, a <script>):
      // only a top-level navigation, which cannot read the answer, gets through.
      const navigate =
        header(req, 'sec-fetch-mode') === 'navigate' &&
        (req.method === 'GET' || req.method === 'HEAD');
      if (!navigate) {
        return {
          ok: false,
          status: 403,
          message: `cross-site request refused (Sec-Fetch-Site: ${fetchSite})`,
        };
      }
    }
    if (
      browser &&
      bodyMethods.has(req.method) &&
      !isWritePath(req.path) &&
      !isJSONType(header(req, 'content-type'))
    ) {
      return {
        ok: false,
        status: 415,
        message: 'requests from a browser must send Content-Type: application/json',
      };
    }
    return { ok: true, cors };
  }
}
