// The error a promise rejects with, checked to be of the expected class: the test fails when
// the promise resolves or rejects with something else.

import { expect } from 'vitest';
import { DeliveryError } from '../../src/delivery/errors.js';

export async function rejection<E>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as E;
}

/** The DeliveryError a send rejects with. */
export function deliveryFailure(p: Promise<unknown>): Promise<DeliveryError> {
  return rejection(p, DeliveryError);
}
