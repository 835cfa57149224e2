import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/errors.js';
import { parseTCPAddress, sendTCP } from '../../src/delivery/tcp.js';
import { closeAll, refusedPort, startBlackHole, startTCPReceiver } from '../helpers/receivers.js';
import { deliveryFailure } from '../helpers/rejection.js';

afterEach(closeAll);

describe('sendTCP', () => {
  it('writes the data on its own connection and closes', async () => {
    const rx = await startTCPReceiver();
    await sendTCP({ address: rx.address, data: '{"id":"a"}\n\n' });
    await sendTCP({ address: rx.address, data: Buffer.from('second') });
    await rx.waitFor(2);
    expect(rx.messages.map(String)).toEqual(['{"id":"a"}\n\n', 'second']);
  });

  it('reads the reply to EOF when asked', async () => {
    const rx = await startTCPReceiver((data) => `ACK ${data.toString().toUpperCase()}`);
    const reply = await sendTCP({ address: rx.address, data: 'hello', readReply: true });
    expect(reply.toString()).toBe('ACK HELLO');
  });

  it('connection refused is a retryable connection error', async () => {
    const port = await refusedPort();
    const err = await deliveryFailure(sendTCP({ address: `127.0.0.1:${port}`, data: 'x' }));
    expect([err.reason, err.retryable]).toEqual(['connection', true]);
  });

  it('a peer that never answers is cut by the signal (timeout)', async () => {
    const hole = await startBlackHole();
    const err = await deliveryFailure(
      sendTCP({
        address: hole.address,
        data: 'x',
        readReply: true,
        signal: AbortSignal.timeout(50),
      }),
    );
    expect(err.reason).toBe('timeout');
  });

  it('rejects malformed addresses without dialling', async () => {
    const err = await deliveryFailure(sendTCP({ address: 'no-port', data: 'x' }));
    expect([err.reason, err.retryable]).toEqual(['protocol', false]);
  });
});

describe('parseTCPAddress', () => {
  it('splits host:port like net.SplitHostPort', () => {
    expect(parseTCPAddress('127.0.0.1:9000')).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(parseTCPAddress('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(parseTCPAddress(':80')).toEqual({ host: 'localhost', port: 80 });
    expect(() => parseTCPAddress('::1:80')).toThrow(DeliveryError);
    expect(() => parseTCPAddress('h:70000')).toThrow(DeliveryError);
  });
});
