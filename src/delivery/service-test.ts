// A service test answers what happens now: a delivery that would wait for a peer that is away
// (an MQTT broker reconnecting in the background) fails at once instead, saying why, as
// Kapacitor's service tests do. Generated services send their test event with this signal;
// transports that keep a connection ask `isServiceTest` before waiting for it.

const tests = new WeakSet<AbortSignal>();

/** The deadline of one service test (Kapacitor's default: 30 s), marked as a service test. */
export function serviceTestSignal(ms = 30_000): AbortSignal {
  const signal = AbortSignal.timeout(ms);
  tests.add(signal);
  return signal;
}

export function isServiceTest(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && tests.has(signal);
}
