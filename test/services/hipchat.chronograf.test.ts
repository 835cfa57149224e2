// HipChat as Chronograf's seed endpoint: configured as its "configure alert endpoints" page
// does, then `.hipChat().room(...)` from TICKscript as the docs show.

import { describe, expect, it } from 'vitest';
import { seedEndpoint } from '../helpers/chronograf-endpoint.js';

const endpoint = seedEndpoint();

describe('hipchat, configured as Chronograf does', () => {
  it('takes the fields of the configure page; the token stays secret', async () => {
    await endpoint.configure('hipchat/', {
      set: {
        enabled: true,
        url: `${endpoint.receiver.url}/hipchat/v2/room`,
        room: 'lobby',
        token: 'HSECRET',
      },
    });
    expect(await endpoint.shownConfig()).not.toContain('HSECRET');
  });

  it('delivers from a TICKscript using the methods its docs show', async () => {
    const [request] = await endpoint.fire([".hipChat().room('ops-room')"], 1);
    expect(request!.url).toBe('/hipchat/v2/room/ops-room/notification?auth_token=HSECRET');
    expect(JSON.parse(request!.body)).toEqual({
      color: 'red',
      from: 'kapacitor',
      message: 'cpu is CRITICAL',
      notify: true,
    });
  });
});
