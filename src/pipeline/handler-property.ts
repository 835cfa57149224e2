// How a handler kind appears in TICKscript: `|alert().post('http://x').header('k', 'v')`.
// The property call and each chained method write into an options object that uses the
// API option names, so TICKscript handlers go through the same strict option schema as
// topic handlers.

import { CondenserError } from '../common/errors.js';

/** The TICKscript value types a property or method argument accepts. */
export type TickArgType = 'string' | 'int' | 'float' | 'bool' | 'duration' | 'lambda' | 'any';

/** A TICKscript value as the evaluator passes it: durations are ns bigint, ints bigint. */
export type TickArgValue = string | bigint | number | boolean;

export type HandlerOptionsDraft = Record<string, unknown>;

export interface TickMethod {
  /** Argument types in order; `variadic` repeats the last one. */
  args: readonly TickArgType[];
  variadic?: boolean;
  /** How many of `args` may be left out (from the end). */
  optional?: number;
  apply(options: HandlerOptionsDraft, args: TickArgValue[]): void;
}

export interface TickHandlerDef {
  /** The property name on |alert(): `post` for `.post()`. Matched with its first letter in any case. */
  property: string;
  /** Arguments of the property call itself, e.g. `.post([url])`, `.exec(prog, args...)`. */
  args: readonly TickArgType[];
  /** How many of `args` may be left out (from the end). */
  optionalArgs?: number;
  variadic?: boolean;
  /** Options set by the property call from its arguments. */
  init(args: TickArgValue[]): HandlerOptionsDraft;
  /** Chained methods on the handler (`.endpoint('x')`); unknown ones fall back to the alert node. */
  methods: Readonly<Record<string, TickMethod>>;
}

export function defineTickHandler(def: TickHandlerDef): TickHandlerDef {
  return def;
}

export class TickArgumentError extends CondenserError {
  constructor(message: string) {
    super('tick_argument_invalid', message, 400);
    this.name = 'TickArgumentError';
  }
}

/** Shorthand for a method that sets one option from one argument. */
export function setOption(
  option: string,
  type: TickArgType,
  convert: (v: TickArgValue) => unknown = (v) => v,
): TickMethod {
  return { args: [type], apply: (o, [v]) => void (o[option] = convert(v!)) };
}

/** Shorthand for a no-argument method that sets a boolean option. */
export function flag(option: string): TickMethod {
  return { args: [], apply: (o) => void (o[option] = true) };
}

/** Shorthand for a variadic string method that replaces a list option. */
export function stringList(option: string): TickMethod {
  return { args: ['string'], variadic: true, apply: (o, vs) => void (o[option] = vs.map(String)) };
}

/**
 * Shorthand for `.attribute(k, v)`-style methods that add one entry to a map option. With
 * `value: 'any'` the value may be of any type (Go's `interface{}`: sensu's `.metadata('k', 5)`);
 * integers become JSON numbers.
 */
export function mapEntry(option: string, value: TickArgType = 'string'): TickMethod {
  return {
    args: ['string', value],
    apply: (o, [k, v]) =>
      void (o[option] = {
        ...((o[option] as Record<string, unknown>) ?? {}),
        [String(k)]: typeof v === 'bigint' ? Number(v) : v,
      }),
  };
}

/** Durations arrive as ns bigint; options hold ns numbers. */
export const durationToNs = (v: TickArgValue): number => Number(v);

/** Shorthand for a variadic string method that appends to a list option on each call. */
export function appendList(option: string): TickMethod {
  return {
    args: ['string'],
    variadic: true,
    apply: (o, vs) =>
      void (o[option] = [...((o[option] as string[] | undefined) ?? []), ...vs.map(String)]),
  };
}

/**
 * Shorthand for `.link(href[, text])`-style methods that add one object to a list option;
 * the last `optional` members may be left out (they stay '').
 */
export function pushObject(option: string, members: readonly string[], optional = 0): TickMethod {
  return {
    args: members.map(() => 'string' as const),
    optional,
    apply: (o, vs) => {
      const element = Object.fromEntries(
        members.map((m, i) => [m, vs[i] === undefined ? '' : String(vs[i])]),
      );
      o[option] = [...((o[option] as unknown[] | undefined) ?? []), element];
    },
  };
}

/** A method Kapacitor accepts and drops (servicenow's `.username()`): checked, then ignored. */
export function ignored(...args: TickArgType[]): TickMethod {
  return { args, apply: () => {} };
}
