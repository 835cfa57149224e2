// /config: read sections with secrets redacted, and change them live (spec/http-api.md §6).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConfigElement, ConfigSectionResponse } from '../../../api/kapacitor.js';
import { apiElement, configNamePattern, parseOverrideRequest } from '../../../config/overrides.js';
import type { SectionDef } from '../../../config/section.js';
import type { ApiContext } from '../context.js';
import { HttpError, jsonBody, sendCompact, sendNoContent } from '../reply.js';

export function registerConfigRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  base: string,
  enabled: () => boolean,
): void {
  const root = `${base}/config`;
  const guard = (): void => {
    if (!enabled()) throw new HttpError(403, 'config override service is not enabled');
  };
  const sectionOr404 = (name: string): SectionDef => {
    if (!configNamePattern.test(name)) throw new HttpError(400, `invalid section name "${name}"`);
    const def = ctx.config.section(name);
    if (!def) throw new HttpError(404, `unknown section: ${name}`);
    return def;
  };
  const elementJSON = (
    def: SectionDef,
    key: string,
    value: Record<string, unknown>,
  ): ConfigElement => ({
    link: { rel: 'self', href: `${root}/${def.name}/${key}` },
    ...apiElement(def, value),
  });
  const sectionJSON = (def: SectionDef): ConfigSectionResponse => ({
    link: { rel: 'self', href: `${root}/${def.name}` },
    elements: ctx.config.elements(def).map((e) => elementJSON(def, e.key, e.value)),
  });
  const findElement = (def: SectionDef, element: string) => {
    const el = ctx.config.elements(def).find((e) => e.key === element);
    if (!el || (!def.list && element !== ''))
      throw new HttpError(404, `unknown section/element: ${def.name}/${element}`);
    return el;
  };

  app.get(root, async (_req, reply) => {
    guard();
    const sections: Record<string, unknown> = {};
    for (const def of ctx.config.sections()) sections[def.name] = sectionJSON(def);
    return sendCompact(reply, 200, { link: { rel: 'self', href: root }, sections });
  });

  app.get(`${root}/`, async () => {
    guard();
    throw new HttpError(400, "section not specified, do you have an extra trailing '/'?");
  });

  app.get<{ Params: { section: string } }>(`${root}/:section`, async (req, reply) => {
    guard();
    return sendCompact(reply, 200, sectionJSON(sectionOr404(req.params.section)));
  });

  const getElement = async (
    req: FastifyRequest<{ Params: { section: string; element?: string } }>,
  ) => {
    guard();
    const def = sectionOr404(req.params.section);
    const el = findElement(def, req.params.element ?? '');
    return elementJSON(def, el.key, el.value);
  };
  app.get<{ Params: { section: string } }>(`${root}/:section/`, async (req, reply) =>
    sendCompact(reply, 200, await getElement(req)),
  );
  app.get<{ Params: { section: string; element: string } }>(
    `${root}/:section/:element`,
    async (req, reply) => sendCompact(reply, 200, await getElement(req)),
  );

  const post = async (
    req: FastifyRequest<{ Params: { section: string; element?: string } }>,
    element: string | undefined,
  ) => {
    guard();
    const def = sectionOr404(req.params.section);
    if (element !== undefined && element !== '' && !configNamePattern.test(element)) {
      throw new HttpError(400, `invalid element name "${element}"`);
    }
    const request = parseOverrideRequest(jsonBody(req, 'failed to decode JSON body: '));
    await ctx.config.apply(def, element, request, ctx.applySection);
  };
  app.post<{ Params: { section: string } }>(`${root}/:section`, async (req, reply) => {
    await post(req, undefined);
    return sendNoContent(reply);
  });
  app.post<{ Params: { section: string } }>(`${root}/:section/`, async (req, reply) => {
    await post(req, '');
    return sendNoContent(reply);
  });
  app.post<{ Params: { section: string; element: string } }>(
    `${root}/:section/:element`,
    async (req, reply) => {
      await post(req, req.params.element);
      return sendNoContent(reply);
    },
  );
}
