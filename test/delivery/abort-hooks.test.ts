// Abort callbacks of the delivery queue's signals (abort-hooks.ts): called once, after the
// signal is aborted, never after being cancelled; other signals go through a listener.

import { describe, expect, it } from 'vitest';
import { abortHooked, hookedController, onAbort } from '../../src/delivery/abort-hooks.js';

describe('abort hooks', () => {
  it('call a hooked signal’s callbacks once, after it is aborted', () => {
    const controller = hookedController();
    const seen: unknown[] = [];
    onAbort(controller.signal, () => seen.push(controller.signal.reason));
    const cancel = onAbort(controller.signal, () => seen.push('cancelled one'));
    cancel();
    abortHooked(controller, 'why');
    abortHooked(controller, 'again');
    expect(controller.signal.aborted).toBe(true);
    expect(seen).toEqual(['why']);
  });

  it('fall back to a listener for any other signal', () => {
    const controller = new AbortController();
    const seen: string[] = [];
    onAbort(controller.signal, () => seen.push('a'));
    const cancel = onAbort(controller.signal, () => seen.push('b'));
    cancel();
    controller.abort();
    expect(seen).toEqual(['a']);
  });
});
