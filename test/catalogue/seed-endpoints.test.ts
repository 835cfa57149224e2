// Slack, Telegram and HipChat configured as Chronograf's "configure alert endpoints" page does
// (the config API, with the fields that page uses), then used from TICKscript as the docs show:
// `.slack().channel(...)`, `.telegram().chatId(...)`, `.hipChat().room(...)`. One real host,
// one real receiver standing in for the three services' APIs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver, type HTTPReceiver } from '../helpers/receivers.js';

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

async function configure(path: string, body: unknown): Promise<void> {
  const res = await host.api('POST', `/kapacitor/v1/config/${path}`, body);
  expect(res.status, res.text).toBe(204);
}

describe("the seeds' endpoints, configured as Chronograf does", () => {
  it('take the fields of the configure page, secrets redacted when read back', async () => {
    await configure('slack/', {
      set: {
        enabled: true,
        url: `${receiver.url}/slack/T000/B000/XXXX`,
        channel: '#general',
        username: 'kapacitor-bot',
        'icon-emoji': ':bell:',
      },
    });
    // A second workspace, added by name as the page's "add another" does.
    await configure('slack', {
      add: { workspace: 'ops', enabled: true, url: `${receiver.url}/slack/ops`, channel: '#ops' },
    });
    await configure('telegram/', {
      set: {
        enabled: true,
        url: `${receiver.url}/telegram/bot`,
        token: '123:SECRET',
        'chat-id': '-100',
        'parse-mode': 'Markdown',
        'disable-web-page-preview': true,
        'disable-notification': false,
      },
    });
    await configure('hipchat/', {
      set: {
        enabled: true,
        url: `${receiver.url}/hipchat/v2/room`,
        room: 'lobby',
        token: 'HSECRET',
      },
    });
    const shown = (await host.api('GET', '/kapacitor/v1/config')).text;
    for (const secret of ['123:SECRET', 'HSECRET', 'XXXX']) expect(shown).not.toContain(secret);
    const slack = (await host.api('GET', '/kapacitor/v1/config/slack')).json as {
      elements: Array<{ options: Record<string, unknown> }>;
    };
    expect(slack.elements.map((e) => e.options.workspace).sort()).toEqual(['', 'ops']);
  });

  it('deliver from a TICKscript using the methods their docs show', async () => {
    const script = [
      "stream|from().measurement('cpu')",
      '  |alert()',
      "    .id('cpu')",
      "    .message('cpu is {{ .Level }}')",
      '    .crit(lambda: "usage" > 90)',
      "    .slack().channel('#alerts')",
      "    .slack().workspace('ops')",
      "    .telegram().chatId('-200').parseMode('HTML')",
      "    .hipChat().room('ops-room')",
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
    await receiver.waitFor(4);

    // Request paths as received: the receiver's own path, then what each kind appends.
    const base = new URL(receiver.url).pathname;
    const by = (prefix: string) => receiver.received.filter((r) => r.url.startsWith(base + prefix));
    const [slackDefault] = by('/slack/T000/B000/XXXX');
    expect(JSON.parse(slackDefault!.body)).toMatchObject({
      channel: '#alerts',
      username: 'kapacitor-bot',
      icon_emoji: ':bell:',
      text: '',
      attachments: [{ color: 'danger', text: 'cpu is CRITICAL' }],
    });
    const [slackOps] = by('/slack/ops');
    expect(JSON.parse(slackOps!.body)).toMatchObject({ channel: '#ops' });

    const [telegram] = by('/telegram/bot');
    expect(telegram!.url).toBe(`${base}/telegram/bot123:SECRET/sendMessage`);
    expect(JSON.parse(telegram!.body)).toEqual({
      chat_id: '-200',
      text: 'cpu is CRITICAL',
      parse_mode: 'HTML',
      disable_web_page_preview: true, // disable_notification false: omitted, as Go's omitempty
    });

    const [hipchat] = by('/hipchat/v2/room');
    expect(hipchat!.url).toBe(`${base}/hipchat/v2/room/ops-room/notification?auth_token=HSECRET`);
    expect(JSON.parse(hipchat!.body)).toEqual({
      color: 'red',
      from: 'kapacitor',
      message: 'cpu is CRITICAL',
      notify: true,
    });
  });
});
