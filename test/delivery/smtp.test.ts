// The SMTP transport against a real SMTP server (smtp-server on 127.0.0.1, started here):
// the mail as received, connection reuse and the idle timeout, STARTTLS and certificate
// checks, AUTH, and faults (server down at start, gone and back, 4xx/5xx, a server that
// never answers), each failure with its reason and no secret in its message.

import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { kapacitorMail } from '../../src/delivery/mail-format.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';
import { credentialsNeedTLS, SMTPMailer, type SMTPSettings } from '../../src/delivery/smtp.js';
import { closeAll, refusedPort, startBlackHole } from '../helpers/receivers.js';
import { splitMail, startSMTPPeer, stopSMTPPeers, type SMTPPeer } from '../helpers/smtp-peer.js';
import { deliveryFailure } from '../helpers/rejection.js';

const mailers: SMTPMailer[] = [];
afterEach(async () => {
  await Promise.all(mailers.splice(0).map((m) => m.close()));
  await stopSMTPPeers();
  await closeAll();
});

function mailer(
  settings: Partial<SMTPSettings> & { port: number },
  trustLoopback = true,
): SMTPMailer {
  const m = new SMTPMailer(
    {
      host: '127.0.0.1',
      username: '',
      password: '',
      noVerify: true,
      idleTimeoutMs: 30_000,
      ...settings,
    },
    { trustLoopback, socketTimeoutMs: 5_000 },
  );
  mailers.push(m);
  return m;
}

const mail = (subject = 'message', html = 'details') =>
  kapacitorMail({
    from: 'test@example.com',
    to: ['oncall@example.com', 'backup@example.com'],
    subject,
    html,
    date: new Date(0),
  });

/** Wait for a condition the test cannot await directly (a server-side close). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

describe('SMTPMailer: what the server receives', () => {
  it('delivers the formatted mail unchanged, ended by the line break of the DATA terminator', async () => {
    const peer = await startSMTPPeer();
    const formatted = mail();
    await mailer({ port: peer.port }).send(formatted);
    expect(peer.mails).toHaveLength(1);
    const got = peer.mails[0]!;
    expect(got.from).toBe('test@example.com');
    expect(got.to).toEqual(['oncall@example.com', 'backup@example.com']);
    expect(got.raw.toString('latin1')).toBe(`${formatted.raw}\r\n`);
  });

  it('a non-ASCII subject and body arrive intact for a standard mail parser', async () => {
    const peer = await startSMTPPeer();
    const subject = 'Störung: CPU über 90% — Ω ✓ '.repeat(3).trim();
    const html = '<p>Température élevée: 91 °C</p>\n<b>naïve café</b>';
    await mailer({ port: peer.port }).send(mail(subject, html));
    const parsed = await simpleParser(peer.mails[0]!.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.html).toBe(`${html}\n`);
    const { headers } = splitMail(peer.mails[0]!.raw);
    expect(headers.get('Content-Type')).toBe('text/html; charset=UTF-8');
    expect(headers.get('Content-Transfer-Encoding')).toBe('quoted-printable');
  });

  it('reuses one connection for several mails, in order', async () => {
    const peer = await startSMTPPeer();
    const m = mailer({ port: peer.port });
    for (let i = 0; i < 5; i++) await m.send(mail(`m${i}`));
    expect(peer.connections).toBe(1);
    expect(peer.mails.map((x) => splitMail(x.raw).headers.get('Subject'))).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
    expect(m.metrics.get('sent')).toBe(5);
  });

  it('closes the connection after idle-timeout and opens a new one for the next mail', async () => {
    const peer = await startSMTPPeer();
    const m = mailer({ port: peer.port, idleTimeoutMs: 50 });
    await m.send(mail());
    await until(() => peer.closed === 1);
    await m.send(mail());
    expect(peer.connections).toBe(2);
    expect(peer.mails).toHaveLength(2);
  });
});

describe('SMTPMailer: TLS and AUTH as Kapacitor (net/smtp + gomail)', () => {
  it('uses STARTTLS whenever the server offers it', async () => {
    const peer = await startSMTPPeer();
    await mailer({ port: peer.port }).send(mail());
    expect(peer.mails[0]!.secure).toBe(true);
  });

  it('sends in plaintext when the server offers no STARTTLS and no credentials are set', async () => {
    const peer = await startSMTPPeer({ starttls: false });
    await mailer({ port: peer.port }).send(mail());
    expect(peer.mails[0]!.secure).toBe(false);
  });

  it('verifies the certificate unless no-verify: a self-signed one is a tls failure', async () => {
    const peer = await startSMTPPeer();
    const err = await deliveryFailure(mailer({ port: peer.port, noVerify: false }).send(mail()));
    expect([err.reason, err.retryable]).toEqual(['tls', false]);
    expect(peer.mails).toHaveLength(0);
  });

  it('authenticates with the username and password', async () => {
    const peer = await startSMTPPeer({ auth: { username: 'alerts', password: 's3cret-pw' } });
    await mailer({ port: peer.port, username: 'alerts', password: 's3cret-pw' }).send(mail());
    expect(peer.mails[0]!.user).toBe('alerts');
    expect(peer.mails[0]!.secure).toBe(true);
  });

  it('a refused login is smtp-auth, not retried, and its message holds no password', async () => {
    const peer = await startSMTPPeer({ auth: { username: 'alerts', password: 'right-one' } });
    const m = mailer({ port: peer.port, username: 'alerts', password: 'wr0ng-Secret' });
    const err = await deliveryFailure(m.send(mail()));
    expect([err.reason, err.retryable, err.status]).toEqual(['smtp-auth', false, 535]);
    expect(err.message).not.toContain('wr0ng-Secret');
    expect(m.metrics.get('failed_smtp_auth')).toBe(1);
  });

  it('never sends credentials unencrypted: no STARTTLS on offer is smtp-auth, nothing sent', async () => {
    const peer = await startSMTPPeer({
      starttls: false,
      auth: { username: 'alerts', password: 'pw-123' },
    });
    const err = await deliveryFailure(
      mailer({ port: peer.port, username: 'alerts', password: 'pw-123' }, false).send(mail()),
    );
    expect([err.reason, err.retryable]).toEqual(['smtp-auth', false]);
    expect(err.message).toMatch(/unencrypted/);
    expect(peer.mails).toHaveLength(0);
  });

  it("requires TLS for credentials except to this machine (Go's PlainAuth rule)", () => {
    expect(credentialsNeedTLS('smtp.example.com', 'u')).toBe(true);
    expect(credentialsNeedTLS('10.0.0.1', 'u')).toBe(true);
    expect(credentialsNeedTLS('localhost', 'u')).toBe(false);
    expect(credentialsNeedTLS('127.0.0.1', 'u')).toBe(false);
    expect(credentialsNeedTLS('::1', 'u')).toBe(false);
    expect(credentialsNeedTLS('smtp.example.com', '')).toBe(false);
    expect(credentialsNeedTLS('localhost', 'u', false)).toBe(true);
  });
});

describe('SMTPMailer: faults', () => {
  it('a server down at start is a retryable connection failure; once it is up, mail goes', async () => {
    const port = await refusedPort();
    const registry = new DeliveryMetricsRegistry();
    const m = new SMTPMailer(
      {
        host: '127.0.0.1',
        port,
        username: '',
        password: '',
        noVerify: true,
        idleTimeoutMs: 30_000,
      },
      { metrics: registry },
    );
    mailers.push(m);
    const err = await deliveryFailure(m.send(mail()));
    expect([err.reason, err.retryable]).toEqual(['connection', true]);
    const peer = await startSMTPPeer({}, port);
    await m.send(mail());
    expect(peer.mails).toHaveLength(1);
    expect(registry.snapshot()[`smtp:127.0.0.1:${port}`]?.values).toMatchObject({
      sent: 1,
      failed: 1,
      failed_connection: 1,
    });
  });

  it('a server that goes away and comes back: the mail in between fails, later ones go', async () => {
    const peer: SMTPPeer = await startSMTPPeer();
    const m = mailer({ port: peer.port });
    await m.send(mail('before'));
    await peer.stop();
    const err = await deliveryFailure(m.send(mail('while away')));
    expect(err.retryable).toBe(true);
    expect(['connection', 'timeout']).toContain(err.reason);
    await peer.start();
    await m.send(mail('after'));
    expect(peer.mails.map((x) => splitMail(x.raw).headers.get('Subject'))).toEqual([
      'before',
      'after',
    ]);
  });

  it('a 5xx answer is smtp-5xx, not retried', async () => {
    const peer = await startSMTPPeer({
      reject: () => ({ code: 550, message: 'mailbox unavailable' }),
    });
    const err = await deliveryFailure(mailer({ port: peer.port }).send(mail()));
    expect([err.reason, err.retryable, err.status]).toEqual(['smtp-5xx', false, 550]);
    expect(err.message).toMatch(/550/);
  });

  it('a 4xx answer is smtp-4xx, worth a retry', async () => {
    const peer = await startSMTPPeer({ reject: () => ({ code: 451, message: 'try later' }) });
    const err = await deliveryFailure(mailer({ port: peer.port }).send(mail()));
    expect([err.reason, err.retryable, err.status]).toEqual(['smtp-4xx', true, 451]);
  });

  it('a server that never answers is cut by the attempt signal, and the next mail is not stuck', async () => {
    const hole = await startBlackHole();
    const port = Number(hole.address.split(':')[1]);
    const m = mailer({ port });
    const err = await deliveryFailure(m.send(mail(), AbortSignal.timeout(100)));
    expect(err.reason).toBe('timeout');
    const err2 = await deliveryFailure(m.send(mail(), AbortSignal.timeout(100)));
    expect(err2.reason).toBe('timeout');
    expect(hole.accepted()).toBe(2);
  });

  it('refuses to send after close', async () => {
    const peer = await startSMTPPeer();
    const m = mailer({ port: peer.port });
    await m.close();
    const err = await deliveryFailure(m.send(mail()));
    expect(err.reason).toBe('aborted');
  });
});
