// Live alert updates: the host's server-sent event stream read with fetch (EventSource cannot
// send the Authorization header), reconnecting with backoff when the connection drops.

import type { AlertStreamMessage } from '../../src/api/condenser.js';
import { condenser, requestHeaders } from './api.js';
import { markUnauthorized } from './auth.js';
import { sseMessages } from './sse.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export function watchAlerts(
  onMessage: (m: AlertStreamMessage) => void,
  onState: (s: StreamState) => void,
): () => void {
  const abort = new AbortController();
  let delay = 500;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetch(`${condenser}/alerts/stream`, {
          headers: requestHeaders(false),
          credentials: 'omit',
          cache: 'no-store',
          signal: abort.signal,
        });
        if (res.status === 401) {
          markUnauthorized();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const split = sseMessages(buffer + value);
          buffer = split.rest;
          for (const m of split.messages) {
            onMessage(JSON.parse(m) as AlertStreamMessage);
            onState('live');
            delay = 500;
          }
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  onState('connecting');
  void run();
  return () => abort.abort();
}
