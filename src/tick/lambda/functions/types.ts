// The shape of a lambda built-in: its accepted signatures (checked before every call, no
// implicit conversions) and a factory for its implementation, so stateful functions (count,
// sigma, ...) get fresh state for every compiled lambda instance.

import type { Value, ValueType } from '../values.js';

/** `any` accepts every type including missing (isPresent). */
export type ArgType = ValueType | 'any';

export interface Signature {
  args: readonly ArgType[];
  returns: ValueType;
}

/** Throws a plain Error with the reason; the caller adds `error calling "<name>": `. */
export type FunctionImpl = (args: readonly Value[]) => Value;

export interface LambdaFunction {
  signatures: readonly Signature[];
  instantiate(): FunctionImpl;
  /** Keeps state between calls: each lambda instance (per group) needs its own. */
  stateful?: boolean;
}

export type FunctionTable = Readonly<Record<string, LambdaFunction>>;

export function stateless(signatures: readonly Signature[], impl: FunctionImpl): LambdaFunction {
  return { signatures, instantiate: () => impl };
}

/** Shorthand: `sig(['float'], 'float')`. */
export function sig(args: readonly ArgType[], returns: ValueType): Signature {
  return { args, returns };
}
