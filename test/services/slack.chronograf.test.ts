// Slack as Chronograf's seed endpoint: configured as its "configure alert endpoints" page does
// (a default workspace, then another added by name), then `.slack().channel(...)` and
// `.slack().workspace(...)` from TICKscript as the docs show.

import { describe, expect, it } from 'vitest';
import { seedEndpoint } from '../helpers/chronograf-endpoint.js';

const endpoint = seedEndpoint();

describe('slack, configured as Chronograf does', () => {
  it('takes the fields of the configure page and another workspace by name; the webhook stays secret', async () => {
    const { receiver } = endpoint;
    await endpoint.configure('slack/', {
      set: {
        enabled: true,
        url: `${receiver.url}/slack/T000/B000/XXXX`,
        channel: '#general',
        username: 'kapacitor-bot',
        'icon-emoji': ':bell:',
      },
    });
    // A second workspace, added by name as the page's "add another" does.
    await endpoint.configure('slack', {
      add: { workspace: 'ops', enabled: true, url: `${receiver.url}/slack/ops`, channel: '#ops' },
    });
    expect(await endpoint.shownConfig()).not.toContain('XXXX');
    const slack = (await endpoint.host.api('GET', '/kapacitor/v1/config/slack')).json as {
      elements: Array<{ options: Record<string, unknown> }>;
    };
    expect(slack.elements.map((e) => e.options.workspace).sort()).toEqual(['', 'ops']);
  });

  it('delivers from a TICKscript using the methods its docs show', async () => {
    const received = await endpoint.fire(
      [".slack().channel('#alerts')", ".slack().workspace('ops')"],
      2,
    );
    const by = (path: string) => received.find((r) => r.url === path);
    expect(JSON.parse(by('/slack/T000/B000/XXXX')!.body)).toMatchObject({
      channel: '#alerts',
      username: 'kapacitor-bot',
      icon_emoji: ':bell:',
      text: '',
      attachments: [{ color: 'danger', text: 'cpu is CRITICAL' }],
    });
    expect(JSON.parse(by('/slack/ops')!.body)).toMatchObject({ channel: '#ops' });
  });
});
