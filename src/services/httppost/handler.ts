// The `post` handler: POST the AlertData JSON (or an endpoint's alert template) to a URL.

import { encodeAlertData } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { alertDataTemplateData } from '../../alert/template-data.js';
import { compileHandlerTemplate } from '../../alert/templates.js';
import { DeliveryError } from '../../delivery/errors.js';
import { sendHTTP } from '../../delivery/http.js';
import { postOptions } from './options.js';
import type { HttppostService } from './service.js';

const is2xx = (status: number): boolean => status >= 200 && status < 300;

export const httppostHandler = defineHandlerKind<typeof postOptions, HttppostService>({
  kind: 'post',
  service: 'httppost',
  external: true,
  options: postOptions,
  create(options, { service, logger }) {
    if (options.endpoint === '' && options.url === '') {
      throw new OptionsError('post', 'url', 'url or endpoint is required');
    }
    if (options.endpoint !== '' && !service.endpoint(options.endpoint) && options.url === '') {
      throw new OptionsError(
        'post',
        'endpoint',
        `unknown endpoint "${options.endpoint}" and no url given`,
      );
    }
    const ownURL =
      options.url === ''
        ? undefined
        : compileHandlerTemplate('post url', options.url, { json: true });
    const timeoutMs = options.timeout > 0 ? options.timeout / 1e6 : 0;

    return {
      // The AlertData body, sent whenever no endpoint template replaces it.
      prepare: (event) => encodeAlertData(event),
      async handle(event, signal, prepared) {
        // Look the endpoint up per event: a config change through the API applies at once.
        const endpoint = options.endpoint !== '' ? service.endpoint(options.endpoint) : undefined;
        const url = endpoint?.url ?? ownURL;
        if (!url)
          throw new DeliveryError('protocol', `endpoint "${options.endpoint}" no longer exists`, {
            retryable: false,
          });
        // Endpoint headers first, then the handler's own (they override).
        const headers: Record<string, string> = {
          ...(endpoint?.headers ?? {}),
          ...options.headers,
        };
        const auth = endpoint?.basicAuth;
        if (auth)
          headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
        const template = endpoint?.alertTemplate;
        // The templates' data only when a template reads it (a plain URL does not).
        const data = template || url.constant === undefined ? alertDataTemplateData(event) : {};
        const body = template
          ? template.render(data)
          : typeof prepared === 'string'
            ? prepared
            : encodeAlertData(event);
        if (!template) headers['Content-Type'] = 'application/json';
        await sendHTTP({
          url: url.constant ?? url.render(data),
          headers,
          body,
          signal:
            timeoutMs > 0 ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : signal,
          insecureSkipVerify: options['skip-ssl-verification'],
          isSuccess: is2xx,
          describeFailure: (status, text) => {
            if (options['capture-response'])
              logger.error({ status, body: text }, 'post handler response');
            return `failed to POST alert data: unexpected response code ${status}${options['capture-response'] && text ? `: ${text}` : ''}`;
          },
        });
      },
    };
  },
});
