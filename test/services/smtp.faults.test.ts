// Faults of the smtp kind through the running host (test/helpers/kind-faults.ts): a 554 answer,
// and a server down at start, then up, then away and back.

import { describe, expect, it } from 'vitest';
import { kindFaults } from '../helpers/kind-faults.js';
import { startSMTPPeer } from '../helpers/smtp-peer.js';
import { refusedPort } from '../helpers/receivers.js';

const { hostWith, fire, vars, settled, failureLog, noSecretLogged, secret } = kindFaults();

describe('smtp', () => {
  it('a 554 answer is not retried, is counted as smtp_5xx and logged; the other handler gets every event', async () => {
    const peer = await startSMTPPeer({
      auth: 'any',
      starttls: false,
      reject: () => ({ code: 554, message: 'rejected by policy' }),
    });
    const { host: h, other } = await hostWith(
      {
        smtp: {
          enabled: true,
          host: '127.0.0.1',
          port: peer.port,
          username: 'alerts',
          password: secret,
          from: 'k@example.com',
          to: ['oncall@example.com'],
        },
      },
      'smtp',
      {},
    );
    for (const id of ['e1', 'e2', 'e3']) fire(h, id);
    await other.waitFor(3);
    const counts = await settled(h, 3);
    expect(counts).toMatchObject({ sent: 0, failed: 3, retried: 0, failed_smtp_5xx: 3 });
    expect((await vars(h))[`smtp:127.0.0.1:${peer.port}`]?.values).toMatchObject({ failed_smtp_5xx: 3 }); // prettier-ignore
    expect(failureLog(h, 'smtp-5xx')).toMatchObject({ status: 554, attempts: 1 });
    noSecretLogged(h);
  });

  it('a server down at start, then up, then away and back: failures counted as connection, later mails go', async () => {
    const port = await refusedPort();
    const { host: h, other } = await hostWith(
      { smtp: { enabled: true, host: '127.0.0.1', port, from: 'k@example.com' } },
      'smtp',
      { to: ['oncall@example.com'] },
    );
    fire(h, 'e1');
    await other.waitFor(1);
    expect(await settled(h, 1)).toMatchObject({ failed: 1, retried: 2, failed_connection: 1 });
    failureLog(h, 'connection');
    const peer = await startSMTPPeer({ starttls: false }, port);
    fire(h, 'e2');
    await peer.waitFor(1);
    await peer.stop();
    fire(h, 'e3');
    expect(await settled(h, 3)).toMatchObject({ sent: 1, failed: 2, failed_connection: 2 });
    await peer.start();
    fire(h, 'e4');
    await peer.waitFor(2);
    await other.waitFor(4);
    expect(peer.mails.map((m) => /Subject: (\S+)/.exec(m.raw.toString())?.[1])).toEqual([
      'e2',
      'e4',
    ]);
  });
});
