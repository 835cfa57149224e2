// Compiles a lambda expression once into a tree of closures, so evaluating it per point is a
// few direct calls with `typeof` checks (no AST walking, no string switches).
//
// API
//   compileLambda(expr, { functions?, identifiers? }) → CompiledLambda
//     expr         a LambdaExpr (`lambda: ...`) or a bare expression node.
//     functions    extra functions (override built-ins with the same name), e.g. match-only
//                  functions such as level().
//     identifiers  values of bare identifiers (TICKscript vars, OK/INFO/...); a LambdaExpr value
//                  is inlined as a sub-expression, as Kapacitor inlines lambda vars.
//     Throws LambdaCompileError for type errors between constants, unknown functions/names.
//   CompiledLambda.eval(scope) → Value, evalBool(scope) → boolean; both throw LambdaEvalError.
//     Scope.get(name) returns a field or tag value, undefined when the point has neither;
//     scope.time is the value of "time"; scope.names() (optional) lists names for messages.
//   CompiledLambda.newInstance() → an independent copy with fresh stateful-function state
//     (count(), sigma(), ... state is shared by all calls of one function name in one instance).

import { GoDuration } from '../../common/duration.js';
import type { GoTime } from '../../common/gotime.js';
import { own } from '../../common/own.js';
import type { BinaryExpr, Expr, FunctionCall, LambdaExpr, UnaryExpr } from '../ast.js';
import { formatExpr } from '../format.js';
import { LambdaCompileError, LambdaEvalError } from './errors.js';
import { builtinFunctions } from './functions/index.js';
import type { FunctionImpl, FunctionTable, Signature } from './functions/types.js';
import {
  applyUnary,
  binaryImpls,
  binaryResultType,
  binaryTypeErrorMessage,
  binaryValueError,
  unaryResultType,
  unaryTypeErrorMessage,
} from './operators.js';
import { MISSING, typeOf, type Value, type ValueType } from './values.js';

export interface Scope {
  /** A field or tag of the current point; undefined when it has neither (a missing value). */
  get(name: string): Value | undefined;
  /** The point's time, the value of `"time"`. */
  time?: GoTime;
  /** Names in scope, listed in "argument is missing" errors. */
  names?(): string[];
}

export type IdentifierValue = Value | LambdaExpr;

export interface CompileOptions {
  functions?: FunctionTable;
  identifiers?: Readonly<Record<string, IdentifierValue>>;
}

export interface CompiledLambda {
  readonly expression: Expr;
  /** The result type when it is known without a point (constants), else undefined. */
  readonly type: ValueType | undefined;
  eval(scope: Scope): Value;
  evalBool(scope: Scope): boolean;
  /** Uses a stateful function (count(), sigma(), spread()): groups need their own instance. */
  readonly stateful: boolean;
  newInstance(): CompiledLambda;
}

type Evaluator = (scope: Scope) => Value;

interface Compiled {
  run: Evaluator;
  /** Statically known type (constants and operators on constants). */
  type: ValueType | undefined;
  /** Name of the field/tag when the node is a reference, for "missing value" messages. */
  reference?: string;
}

export function compileLambda(
  expr: LambdaExpr | Expr,
  options: CompileOptions = {},
): CompiledLambda {
  const expression = expr.kind === 'lambda' ? expr.expression : expr;
  const compiler = new Compiler(options);
  const compiled = compiler.compile(expression);
  return new CompiledLambdaImpl(expression, options, compiled, compiler.stateful);
}

class CompiledLambdaImpl implements CompiledLambda {
  readonly type: ValueType | undefined;
  readonly eval: Evaluator;

  constructor(
    readonly expression: Expr,
    private readonly options: CompileOptions,
    compiled: Compiled,
    readonly stateful: boolean,
  ) {
    this.eval = compiled.run;
    this.type = compiled.type;
  }

  evalBool(scope: Scope): boolean {
    const v = this.eval(scope);
    if (typeof v === 'boolean') return v;
    throw new LambdaEvalError(`expression returned unexpected type ${typeOf(v)}`);
  }

  newInstance(): CompiledLambda {
    // Without state there is nothing to keep apart: every group can share one instance.
    return this.stateful ? compileLambda(this.expression, this.options) : this;
  }
}

class Compiler {
  private readonly functions: FunctionTable;
  private readonly identifiers: Readonly<Record<string, IdentifierValue>>;
  /** One implementation per function name per compiled lambda: stateful functions share state. */
  private readonly instances = new Map<string, FunctionImpl>();
  /** set when a stateful function was instantiated */
  stateful = false;

  constructor(options: CompileOptions) {
    this.functions = { ...builtinFunctions, ...options.functions };
    this.identifiers = options.identifiers ?? {};
  }

  compile(node: Expr): Compiled {
    switch (node.kind) {
      case 'int':
      case 'float':
      case 'string':
      case 'bool':
      case 'regex':
        return constant(node.value);
      case 'duration':
        return constant(new GoDuration(node.value));
      case 'reference':
        return reference(node.name);
      case 'identifier':
        return this.identifier(node.name);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return node.operator === 'AND' || node.operator === 'OR'
          ? this.logical(node)
          : this.binary(node);
      case 'call':
        return this.call(node);
      case 'lambda':
        return this.compile(node.expression);
      case 'star':
      case 'list':
      case 'chain':
        throw new LambdaCompileError(`invalid ${node.kind} node in lambda expression`);
    }
  }

  private identifier(name: string): Compiled {
    const value = own(this.identifiers, name);
    if (value === undefined) {
      const names = Object.keys(this.identifiers).sort().join(',');
      throw new LambdaCompileError(`name "${name}" is undefined. Names in scope: ${names}`, {
        located: false,
      });
    }
    if (isLambda(value)) return this.compile(value.expression);
    return constant(value);
  }

  private child(node: Expr, context: string): Compiled {
    try {
      return this.compile(node);
    } catch (err) {
      if (err instanceof LambdaCompileError && err.located) {
        throw new LambdaCompileError(`${context}: ${err.message}`);
      }
      throw err;
    }
  }

  private unary(node: UnaryExpr): Compiled {
    const op = node.operator;
    const operand = this.child(node.operand, 'Failed to handle node');
    let type: ValueType | undefined;
    if (operand.type !== undefined) {
      type = unaryResultType(op, operand.type);
      if (type === undefined) throw new LambdaCompileError(unaryTypeErrorMessage(op, operand.type));
    }
    const inner = operand.run;
    const name = operand.reference;
    const fail = (v: Value): never => {
      if (v === MISSING)
        throw new LambdaEvalError(`reference value "${name ?? ''}" is missing value`);
      throw new LambdaEvalError(unaryTypeErrorMessage(op, typeOf(v)));
    };
    if (op === '!') {
      return {
        type,
        run: (s) => {
          const v = inner(s);
          return typeof v === 'boolean' ? !v : fail(v);
        },
      };
    }
    return {
      type,
      run: (s) => {
        const v = inner(s);
        const r = applyUnary(op, v);
        return r === undefined ? fail(v) : r;
      },
    };
  }

  private operands(node: BinaryExpr): [Compiled, Compiled, ValueType | undefined] {
    const left = this.child(node.left, 'Failed to handle left node');
    const right = this.child(node.right, 'Failed to handle right node');
    let type: ValueType | undefined;
    if (left.type !== undefined && right.type !== undefined) {
      type = binaryResultType(node.operator, left.type, right.type);
      if (type === undefined) {
        throw new LambdaCompileError(binaryTypeErrorMessage(node.operator, left.type, right.type));
      }
    }
    return [left, right, type];
  }

  private binary(node: BinaryExpr): Compiled {
    const op = node.operator as keyof typeof binaryImpls;
    const [left, right, type] = this.operands(node);
    const impl = binaryImpls[op];
    const L = left.run;
    const R = right.run;
    const lName = left.reference;
    const rName = right.reference;
    return {
      type,
      run: (s) => {
        const l = L(s);
        const r = R(s);
        const v = impl(l, r);
        if (v !== undefined) return v;
        throw binaryValueError(op, l, r, lName, rName);
      },
    };
  }

  // AND/OR short-circuit: the right side is not evaluated when the left decides the result.
  private logical(node: BinaryExpr): Compiled {
    const op = node.operator;
    const [left, right, type] = this.operands(node);
    const L = left.run;
    const R = right.run;
    const lName = left.reference;
    const rName = right.reference;
    const decisive = op === 'OR';
    return {
      type,
      run: (s) => {
        const l = L(s);
        if (l === decisive) return decisive;
        if (l !== !decisive) throw binaryValueError(op, l, undefined, lName, rName);
        const r = R(s);
        if (typeof r === 'boolean') return r;
        throw binaryValueError(op, l, r, lName, rName);
      },
    };
  }

  private call(node: FunctionCall): Compiled {
    const name = node.name;
    const fn = own(this.functions, name);
    if (fn === undefined) {
      throw new LambdaCompileError(`undefined function: "${name}"`, { located: false });
    }
    const args = node.args.map((a, i) => this.child(a, `Failed to handle ${i + 1} argument`));
    const literals = node.args.map(formatExpr);
    const signatures = fn.signatures;

    const staticTypes = args.map((a) => a.type);
    if (staticTypes.every((t): t is ValueType => t !== undefined)) {
      if (findSignature(signatures, staticTypes) === undefined) {
        throw new LambdaCompileError(
          wrongSignatureMessage(name, literals, staticTypes, signatures),
        );
      }
    }

    let impl = this.instances.get(name);
    if (impl === undefined) {
      impl = fn.instantiate();
      this.instances.set(name, impl);
      if (fn.stateful) this.stateful = true;
    }
    const call = impl;
    const runs = args.map((a) => a.run);
    const n = runs.length;
    return {
      type: undefined,
      run: (s) => {
        const values: Value[] = new Array<Value>(n);
        const types: ValueType[] = new Array<ValueType>(n);
        for (let i = 0; i < n; i++) {
          let v: Value;
          try {
            v = runs[i]!(s);
          } catch (err) {
            if (err instanceof LambdaEvalError) {
              throw new LambdaEvalError(`Failed to handle ${i + 1} argument: ${err.message}`);
            }
            throw err;
          }
          values[i] = v;
          types[i] = typeOf(v);
        }
        if (findSignature(signatures, types) === undefined) {
          throw new LambdaEvalError(signatureError(name, literals, types, signatures, s));
        }
        try {
          return call(values);
        } catch (err) {
          throw new LambdaEvalError(`error calling "${name}": ${(err as Error).message}`);
        }
      },
    };
  }
}

function constant(value: Value): Compiled {
  return { type: typeOf(value), run: () => value };
}

function reference(name: string): Compiled {
  if (name === 'time') {
    return { type: undefined, reference: name, run: (s) => s.time ?? s.get(name) ?? MISSING };
  }
  return {
    type: undefined,
    reference: name,
    run: (s) => {
      const v = s.get(name);
      return v === undefined ? MISSING : v;
    },
  };
}

function isLambda(v: IdentifierValue): v is LambdaExpr {
  return typeof v === 'object' && 'kind' in v && v.kind === 'lambda';
}

function findSignature(
  signatures: readonly Signature[],
  types: readonly ValueType[],
): Signature | undefined {
  return signatures.find(
    (sig) =>
      sig.args.length === types.length && sig.args.every((t, i) => t === 'any' || t === types[i]),
  );
}

function signatureError(
  name: string,
  literals: string[],
  types: ValueType[],
  signatures: readonly Signature[],
  scope: Scope,
): string {
  const missing = literals.filter((_, i) => types[i] === 'missing');
  if (missing.length > 0) {
    const inScope = (scope.names?.() ?? []).join(', ');
    return missing.length === 1
      ? `Cannot call function "${name}" argument ${missing[0]} is missing, values in scope are [${inScope}]`
      : `Cannot call function "${name}" arguments ${missing.join(', ')} are missing, values in scope are [${inScope}]`;
  }
  return wrongSignatureMessage(name, literals, types, signatures);
}

function wrongSignatureMessage(
  name: string,
  literals: string[],
  types: readonly ValueType[],
  signatures: readonly Signature[],
): string {
  const args = literals.map((l, i) => `${l}: ${types[i]}`).join(',');
  const available = signatures.map((s) => `(${s.args.join(',')})`).join(', ');
  return `Cannot call function "${name}" with args (${args}), available signatures are [${available}].`;
}
