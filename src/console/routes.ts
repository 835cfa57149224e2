// The console on the host's own port: `/` redirects to `/console/`, which serves the built
// files of dist/console (only names the build listed, gzip when accepted) with a
// Content-Security-Policy that allows nothing but this origin. The files are the same for
// everyone and hold no data, so they are served without credentials: the console then asks
// for the API's credentials itself (a login form) when [http] auth-enabled is on.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../server/http/reply.js';
import { consoleOutDir, readManifest, type ConsoleManifest } from './build.js';

export const consoleRoot = '/console/';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const assetPattern = /^\/console\/[A-Za-z0-9][\w.-]*$/;
/** Built files named by their content hash never change. */
const hashed = /-[A-Z0-9]{8}\.(js|css)$/;

/** Paths served without credentials: the redirect and the console's own files. */
export function isConsolePath(url: string): boolean {
  const path = url.split('?')[0]!;
  return path === '/' || path === '/console' || path === consoleRoot || assetPattern.test(path);
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', contentSecurityPolicy)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cross-Origin-Opener-Policy', 'same-origin');
}

export function registerConsoleRoutes(app: FastifyInstance): void {
  let manifest: ConsoleManifest | undefined;

  const redirect = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.code(302).header('Location', consoleRoot).send();
  app.get('/', redirect);
  app.get('/console', redirect);

  const serve = async (name: string, req: FastifyRequest, reply: FastifyReply) => {
    // index.html names the current build's files: re-read the manifest with it.
    if (name === 'index.html' || !manifest) manifest = readManifest();
    // Own entries only: a name like `toString` is not a file of the build.
    const file = manifest && Object.hasOwn(manifest.files, name) ? manifest.files[name] : undefined;
    if (!manifest) {
      return sendError(
        reply,
        503,
        'the console is not built: `npm install` or `npm start` builds it (dist/console)',
      );
    }
    if (!file) return sendError(reply, 404, 'Not Found');
    const gzip = file.gzipBytes > 0 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    let body: Buffer;
    try {
      body = await readFile(join(consoleOutDir, gzip ? `${name}.gz` : name));
    } catch {
      manifest = undefined;
      return sendError(reply, 503, 'the console build changed while serving it: reload the page');
    }
    securityHeaders(reply)
      .header(
        'Cache-Control',
        hashed.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
      .header('Vary', 'Accept-Encoding')
      .type(file.type);
    if (gzip) reply.header('Content-Encoding', 'gzip');
    return reply.code(200).send(body);
  };

  app.get(consoleRoot, (req, reply) => serve('index.html', req, reply));
  app.get<{ Params: { file: string } }>(`${consoleRoot}:file`, (req, reply) =>
    assetPattern.test(`${consoleRoot}${req.params.file}`)
      ? serve(req.params.file, req, reply)
      : sendError(reply, 404, 'Not Found'),
  );
}
