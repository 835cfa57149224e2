// One of Chronograf's seed endpoints (slack, telegram, hipchat) on a real host, configured as
// Chronograf's "configure alert endpoints" page does (the config API, with that page's fields)
// and then used from TICKscript as the docs show. Each kind's test is its own file
// (test/services/<kind>.chronograf.test.ts), so that `npm run remove-handler <kind>` takes it
// with the kind and the rest of the suite never needs that kind.

import { afterAll, beforeAll, expect } from 'vitest';
import { startHost, type Host } from './host.js';
import {
  closeAll,
  startHTTPReceiver,
  type HTTPReceiver,
  type ReceivedRequest,
} from './receivers.js';

export interface SeedEndpoint {
  host: Host;
  receiver: HTTPReceiver;
  /** POST /kapacitor/v1/config/<path> with `body`; the page expects 204. */
  configure(path: string, body: unknown): Promise<void>;
  /** The whole config as GET /kapacitor/v1/config shows it. */
  shownConfig(): Promise<string>;
  /**
   * Define and enable a task whose alert node has `handlers` (TICKscript chained after
   * `.crit(lambda: "usage" > 90)`, message `cpu is {{ .Level }}`), write one critical point
   * and return the first `count` requests the receiver got, with their paths relative to it.
   */
  fire(handlers: string[], count: number): Promise<ReceivedRequest[]>;
}

/** Starts a host and a receiver standing in for the service's API before the file's tests. */
export function seedEndpoint(): SeedEndpoint {
  let host: Host;
  let receiver: HTTPReceiver;
  beforeAll(async () => {
    receiver = await startHTTPReceiver();
    host = await startHost();
  });
  afterAll(async () => {
    await host.stop();
    await closeAll();
  });
  return {
    get host() {
      return host;
    },
    get receiver() {
      return receiver;
    },
    async configure(path, body) {
      const res = await host.api('POST', `/kapacitor/v1/config/${path}`, body);
      expect(res.status, res.text).toBe(204);
    },
    async shownConfig() {
      return (await host.api('GET', '/kapacitor/v1/config')).text;
    },
    async fire(handlers, count) {
      const script = [
        "stream|from().measurement('cpu')",
        '  |alert()',
        "    .id('cpu')",
        "    .message('cpu is {{ .Level }}')",
        '    .crit(lambda: "usage" > 90)',
        ...handlers.map((h) => `    ${h}`),
      ].join('\n');
      const task = await host.api('POST', '/kapacitor/v1/tasks', {
        id: 'seeds',
        type: 'stream',
        dbrps: [{ db: 'telegraf', rp: 'autogen' }],
        script,
        status: 'enabled',
      });
      expect(task.status, task.text).toBe(200);
      const write = await host.api(
        'POST',
        '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s',
        'cpu usage=95 1700000000',
      );
      expect(write.status).toBe(204);
      await receiver.waitFor(count);
      const base = new URL(receiver.url).pathname;
      return receiver.received
        .slice(0, count)
        .map((r) => ({ ...r, url: r.url.slice(base.length) }));
    },
  };
}
