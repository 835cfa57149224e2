// Go's %T names for lambda values, used in Kapacitor's error messages.

import { typeOf, type Value, type ValueType } from '../../tick/lambda/index.js';

const goNames: Record<ValueType, string> = {
  float: 'float64',
  int: 'int64',
  string: 'string',
  bool: 'bool',
  duration: 'time.Duration',
  time: 'time.Time',
  regex: '*regexp.Regexp',
  missing: '*ast.Missing',
};

export function goTypeName(v: Value): string {
  return goNames[typeOf(v)];
}
