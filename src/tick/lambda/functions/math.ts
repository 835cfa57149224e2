// Math built-ins (Go `math` semantics). Arguments must be floats: there is no int→float promotion.

import { goErf, goErfc, goGamma, goJn, goLogb, goPow, goPow10, goYn } from './gomath.js';
import { sig, stateless, type FunctionTable, type LambdaFunction } from './types.js';

const math1 = (f: (x: number) => number): LambdaFunction =>
  stateless([sig(['float'], 'float')], (a) => f(a[0] as number));

const math2 = (f: (x: number, y: number) => number): LambdaFunction =>
  stateless([sig(['float', 'float'], 'float')], (a) => f(a[0] as number, a[1] as number));

const intFloat = (f: (n: number, x: number) => number): LambdaFunction =>
  stateless([sig(['int', 'float'], 'float')], (a) => f(Number(a[0] as bigint), a[1] as number));

export const mathFunctions: FunctionTable = {
  abs: math1(Math.abs),
  acos: math1(Math.acos),
  acosh: math1(Math.acosh),
  asin: math1(Math.asin),
  asinh: math1(Math.asinh),
  atan: math1(Math.atan),
  atanh: math1(Math.atanh),
  cbrt: math1(Math.cbrt),
  ceil: math1(Math.ceil),
  cos: math1(Math.cos),
  cosh: math1(Math.cosh),
  erf: math1(goErf),
  erfc: math1(goErfc),
  exp: math1(Math.exp),
  exp2: math1((x) => 2 ** x),
  expm1: math1(Math.expm1),
  floor: math1(Math.floor),
  gamma: math1(goGamma),
  j0: math1((x) => goJn(0, x)),
  j1: math1((x) => goJn(1, x)),
  log: math1(Math.log),
  log10: math1(Math.log10),
  log1p: math1(Math.log1p),
  log2: math1(Math.log2),
  logb: math1(goLogb),
  sin: math1(Math.sin),
  sinh: math1(Math.sinh),
  sqrt: math1(Math.sqrt),
  tan: math1(Math.tan),
  tanh: math1(Math.tanh),
  trunc: math1(Math.trunc),
  y0: math1((x) => goYn(0, x)),
  y1: math1((x) => goYn(1, x)),
  atan2: math2(Math.atan2),
  hypot: math2(Math.hypot),
  max: math2(Math.max),
  min: math2(Math.min),
  // Go's Mod and JS `%` agree: the result has the sign of the dividend.
  mod: math2((x, y) => x % y),
  pow: math2(goPow),
  pow10: stateless([sig(['int'], 'float')], (a) => goPow10(a[0] as bigint)),
  jn: intFloat(goJn),
  yn: intFloat(goYn),
};
