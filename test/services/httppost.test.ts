// The post handler's own paths beside the conformance vectors: the body it prepares ahead (the
// queue runs `prepare` for the next event while a delivery waits) and its plain-URL fast path.

import { afterEach, describe, expect, it } from 'vitest';
import { encodeAlertData, makeEvent, type AlertEvent } from '../../src/alert/event.js';
import type { AlertHandler } from '../../src/alert/handler.js';
import { Level } from '../../src/alert/level.js';
import { decodeHandlerOptions } from '../../src/alert/options.js';
import { compileHandlerTemplate } from '../../src/alert/templates.js';
import { silentLogger } from '../../src/common/logger.js';
import { httppostConfig } from '../../src/services/httppost/config.js';
import { httppostHandler } from '../../src/services/httppost/handler.js';
import { postOptions } from '../../src/services/httppost/options.js';
import { HttppostService } from '../../src/services/httppost/service.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

afterEach(closeAll);

const event: AlertEvent = makeEvent({
  topic: 'cpu',
  state: { id: 'cpu:host=a', message: 'a <b> & "c"', level: Level.CRITICAL, time: 1_500_000n },
});

function postHandler(options: Record<string, unknown>, endpoints: unknown[] = []): AlertHandler {
  const service = new HttppostService(
    endpoints.map((e) => httppostConfig.schema.parse(e)),
    { logger: silentLogger, host: { apiURL: 'http://127.0.0.1:9092/kapacitor/v1' } },
  );
  return httppostHandler.create(decodeHandlerOptions('post', postOptions, options), {
    service,
    logger: silentLogger,
    topics: { collect: () => {} },
    handlerId: 'cpu/post',
  });
}

describe('post handler', () => {
  it('prepares the AlertData body it sends, and sends what was prepared', async () => {
    const rx = await startHTTPReceiver();
    const handler = postHandler({ url: rx.url });
    const prepared = handler.prepare!(event);
    expect(prepared).toBe(encodeAlertData(event));
    await handler.handle(event, new AbortController().signal);
    // A prepared body is sent as it is: the handler does not encode the event again.
    await handler.handle(event, new AbortController().signal, 'prepared body\n');
    expect(rx.received.map((r) => r.body)).toEqual([prepared, 'prepared body\n']);
  });

  it("sends an endpoint's alert template, not the prepared AlertData", async () => {
    const rx = await startHTTPReceiver();
    const handler = postHandler({ endpoint: 'hook' }, [
      { endpoint: 'hook', url: rx.url, 'alert-template': '{{.ID}} is {{.Level}}' },
    ]);
    await handler.handle(event, new AbortController().signal, handler.prepare!(event));
    expect(rx.received.map((r) => r.body)).toEqual(['cpu:host=a is CRITICAL']);
  });

  it('renders a templated URL per event and a plain one once', async () => {
    const rx = await startHTTPReceiver();
    const base = new URL('/', rx.url).href;
    expect(compileHandlerTemplate('u', `${base}plain`).constant).toBe(`${base}plain`);
    expect(compileHandlerTemplate('u', `${base}{{.ID}}`).constant).toBeUndefined();
    await postHandler({ url: `${base}alerts/{{.Level}}` }).handle(
      event,
      new AbortController().signal,
    );
    await postHandler({ url: `${base}plain` }).handle(event, new AbortController().signal);
    expect(rx.received.map((r) => r.url)).toEqual(['/alerts/CRITICAL', '/plain']);
  });
});
