// Lambda expressions: types, compilation and evaluation (tickscript.md §4).

export {
  compileLambda,
  type CompileOptions,
  type CompiledLambda,
  type IdentifierValue,
  type Scope,
} from './compile.js';
export { LambdaCompileError, LambdaEvalError } from './errors.js';
export {
  builtinFunctions,
  sig,
  stateless,
  type ArgType,
  type FunctionImpl,
  type FunctionTable,
  type LambdaFunction,
  type Signature,
} from './functions/index.js';
export { MISSING, Missing, typeOf, type Value, type ValueType } from './values.js';
