// /service-tests: list each service's test options and run a test (spec/http-api.md §5).

import type { FastifyInstance } from 'fastify';
import type { ServiceTestEntry } from '../../../api/kapacitor.js';
import { decodeHandlerOptions, OptionsError } from '../../../alert/options.js';
import { errorMessage } from '../../../common/errors.js';
import { fieldLookup } from '../../../config/fields.js';
import {
  redactObject,
  RedactedValueError,
  redactText,
  restoreRedacted,
  secretStrings,
} from '../../../config/redact.js';
import { BadPatternError, globMatcher } from '../../../common/glob.js';
import type { Service, ServiceTest } from '../../service.js';
import type { ApiContext } from '../context.js';
import { HttpError, jsonBody, queryParam, sendCompact } from '../reply.js';

export function registerServiceTestRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  base: string,
): void {
  const root = `${base}/service-tests`;
  const testable = (): Array<[string, ServiceTest]> =>
    [...ctx.services.values()]
      .filter((s): s is Service & { test: ServiceTest } => s.test !== undefined)
      .map((s) => [s.name, s.test] as [string, ServiceTest])
      .sort(([a], [b]) => (a < b ? -1 : 1));
  // Defaults may come from the config (a configured token): shown redacted, like the config.
  const entry = (name: string, test: ServiceTest): ServiceTestEntry => ({
    link: { rel: 'self', href: `${root}/${name}` },
    name,
    options: redactObject(fieldLookup(test.options), test.options.parse(test.defaults())),
  });
  const find = (name: string): ServiceTest => {
    if (name === '') throw new HttpError(400, 'must provide service name');
    const t = testable().find(([n]) => n === name);
    if (!t) throw new HttpError(404, `service ${JSON.stringify(name)} not found`);
    return t[1];
  };

  app.get(root, async (req, reply) => {
    let match: (s: string) => boolean;
    try {
      match = globMatcher(queryParam(req, 'pattern') ?? '*');
    } catch (err) {
      if (err instanceof BadPatternError) throw new HttpError(400, `bad pattern: ${err.message}`);
      throw err;
    }
    const services = testable()
      .filter(([n]) => match(n))
      .map(([n, t]) => entry(n, t));
    return sendCompact(reply, 200, { link: { rel: 'self', href: root }, services });
  });

  app.get<{ Params: { name: string } }>(`${root}/:name`, async (req, reply) =>
    sendCompact(reply, 200, entry(req.params.name, find(req.params.name))),
  );

  app.post<{ Params: { name: string } }>(`${root}/:name`, async (req, reply) => {
    const test = find(req.params.name);
    const text =
      req.body === undefined || req.body === null || String(req.body).trim() === ''
        ? '{}'
        : undefined;
    const body = text ? {} : jsonBody(req, 'failed to decode JSON body:');
    let options: Record<string, unknown>;
    try {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new HttpError(400, 'failed to decode JSON body: expected a JSON object');
      }
      const defaults = test.options.parse(test.defaults()) as Record<string, unknown>;
      // Redacted defaults sent back unchanged stand for the real ones.
      const given = restoreRedacted(fieldLookup(test.options), { ...defaults, ...body }, defaults);
      options = decodeHandlerOptions(req.params.name, test.options, given);
    } catch (err) {
      if (err instanceof OptionsError)
        throw new HttpError(400, `failed to decode JSON body: ${err.message}`);
      if (err instanceof RedactedValueError)
        throw new HttpError(400, `failed to decode JSON body: option "${err.key}": ${err.message}`);
      throw err;
    }
    try {
      await test.run(options);
      return sendCompact(reply, 200, { success: true, message: '' });
    } catch (err) {
      // A peer's answer may quote a credential of the test or of the section.
      const secrets = [
        ...secretStrings(fieldLookup(test.options), options),
        ...ctx.config.secretValues(req.params.name),
      ];
      return sendCompact(reply, 200, {
        success: false,
        message: redactText(errorMessage(err), secrets),
      });
    }
  });
}
