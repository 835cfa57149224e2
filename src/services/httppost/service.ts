// The httppost service: the configured [[httppost]] endpoints, compiled once per config
// change, and the `httppost` service test.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { encodeAlertData, makeEvent } from '../../alert/event.js';
import { errorMessage } from '../../common/errors.js';
import { compileHandlerTemplate, type HandlerTemplate } from '../../alert/templates.js';
import { headerMap, httpURL, nanoseconds, string } from '../../config/fields.js';
import { sendHTTP } from '../../delivery/http.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import type { HttppostConfig } from './config.js';

export interface Endpoint {
  name: string;
  url: HandlerTemplate;
  headers: Record<string, string>;
  basicAuth?: { username: string; password: string };
  alertTemplate?: HandlerTemplate;
  rowTemplate?: HandlerTemplate;
}

const testOptions = z.strictObject({
  endpoint: string('example', 'Ignored (Kapacitor compatibility)'),
  url: httpURL('http://localhost:3000/', 'URL the test event is posted to'),
  // Kapacitor's example headers, typed in by whoever runs the test: not the config's secrets.
  headers: headerMap({ Auth: 'secret' }, 'Request headers', { redacted: false }),
  timeout: nanoseconds(0, 'Ignored (Kapacitor compatibility)'),
});

function readTemplate(text: string, file: string, key: string): string {
  if (file === '') return text;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${key}: cannot read ${file}: ${errorMessage(err)}`, { cause: err });
  }
}

function compileEndpoint(c: HttppostConfig): Endpoint {
  const alert = readTemplate(c['alert-template'], c['alert-template-file'], 'alert-template-file');
  const row = readTemplate(c['row-template'], c['row-template-file'], 'row-template-file');
  const auth = c['basic-auth'];
  return {
    name: c.endpoint,
    // Inline templates get json/jsonCompact; file templates do not (as in Kapacitor).
    url: compileHandlerTemplate(`${c.endpoint} url`, c.url, { json: true }),
    headers: { ...c.headers },
    basicAuth: auth && auth.username !== '' && auth.password !== '' ? { ...auth } : undefined,
    alertTemplate:
      alert === ''
        ? undefined
        : compileHandlerTemplate(`${c.endpoint} alert-template`, alert, {
            json: c['alert-template-file'] === '',
          }),
    rowTemplate: row === '' ? undefined : compileHandlerTemplate(`${c.endpoint} row-template`, row),
  };
}

function compileAll(config: HttppostConfig[]): Map<string, Endpoint> {
  return new Map(config.map((c) => [c.endpoint, compileEndpoint(c)]));
}

export class HttppostService implements Service<HttppostConfig[]> {
  readonly name = 'httppost';
  private endpoints: Map<string, Endpoint>;

  constructor(config: HttppostConfig[], _deps: ServiceDeps) {
    this.endpoints = compileAll(config);
  }

  update(config: HttppostConfig[]): void {
    // Compile everything first so a bad template leaves the running config untouched.
    this.endpoints = compileAll(config);
  }

  endpoint(name: string): Endpoint | undefined {
    return this.endpoints.get(name);
  }

  readonly test: ServiceTest<typeof testOptions> = {
    options: testOptions,
    defaults: () => ({}),
    run: async (options) => {
      // Kapacitor posts the AlertData of an empty event and does not check the status.
      const body = encodeAlertData(makeEvent({}));
      await sendHTTP({
        url: options.url,
        headers: { ...options.headers, 'Content-Type': 'application/json' },
        body,
        isSuccess: () => true,
      });
    },
  };
}
