// Telegram as Chronograf's seed endpoint: configured as its "configure alert endpoints" page
// does, then `.telegram().chatId(...).parseMode(...)` from TICKscript as the docs show.

import { describe, expect, it } from 'vitest';
import { seedEndpoint } from '../helpers/chronograf-endpoint.js';

const endpoint = seedEndpoint();

describe('telegram, configured as Chronograf does', () => {
  it('takes the fields of the configure page; the token stays secret', async () => {
    await endpoint.configure('telegram/', {
      set: {
        enabled: true,
        url: `${endpoint.receiver.url}/telegram/bot`,
        token: '123:SECRET',
        'chat-id': '-100',
        'parse-mode': 'Markdown',
        'disable-web-page-preview': true,
        'disable-notification': false,
      },
    });
    expect(await endpoint.shownConfig()).not.toContain('123:SECRET');
  });

  it('delivers from a TICKscript using the methods its docs show', async () => {
    const [request] = await endpoint.fire([".telegram().chatId('-200').parseMode('HTML')"], 1);
    expect(request!.url).toBe('/telegram/bot123:SECRET/sendMessage');
    expect(JSON.parse(request!.body)).toEqual({
      chat_id: '-200',
      text: 'cpu is CRITICAL',
      parse_mode: 'HTML',
      disable_web_page_preview: true, // disable_notification false: omitted, as Go's omitempty
    });
  });
});
