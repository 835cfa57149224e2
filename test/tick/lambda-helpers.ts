// Shared helpers for lambda tests: compile a lambda body and evaluate it against a field map.

import type { GoTime } from '../../src/common/gotime.js';
import {
  compileLambda,
  type CompileOptions,
  type CompiledLambda,
  type Scope,
  type Value,
} from '../../src/tick/lambda/index.js';
import { parseLambdaExpression } from '../../src/tick/parser.js';

export function compile(body: string, options?: CompileOptions): CompiledLambda {
  return compileLambda(parseLambdaExpression(body), options);
}

export function scope(fields: Record<string, Value> = {}, time?: GoTime): Scope {
  return {
    get: (name) => (Object.hasOwn(fields, name) ? fields[name] : undefined),
    names: () => Object.keys(fields),
    ...(time ? { time } : {}),
  };
}

export function ev(body: string, fields: Record<string, Value> = {}, time?: GoTime): Value {
  return compile(body).eval(scope(fields, time));
}

export function evalError(body: string, fields: Record<string, Value> = {}): string {
  try {
    ev(body, fields);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected ${body} to fail`);
}

export function compileError(body: string): string {
  try {
    compile(body);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected ${body} to fail to compile`);
}
