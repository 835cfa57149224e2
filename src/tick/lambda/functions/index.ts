// The table of lambda built-in functions.

import { conversionFunctions } from './conversion.js';
import { mathFunctions } from './math.js';
import { miscFunctions } from './misc.js';
import { statefulFunctions } from './stateful.js';
import { stringFunctions } from './strings.js';
import type { FunctionTable } from './types.js';

export type { ArgType, FunctionImpl, FunctionTable, LambdaFunction, Signature } from './types.js';
export { sig, stateless } from './types.js';

export const builtinFunctions: FunctionTable = {
  ...conversionFunctions,
  ...mathFunctions,
  ...stringFunctions,
  ...miscFunctions,
  ...statefulFunctions,
};
