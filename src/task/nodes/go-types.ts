// Go's %T names for lambda values, used in Kapacitor's error messages.

import { GoDuration } from '../../common/duration.js';
import { GoTime } from '../../common/gotime.js';
import { GoRegexp } from '../../tick/regex.js';
import type { Value } from '../../tick/lambda/index.js';

export function goTypeName(v: Value): string {
  switch (typeof v) {
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoDuration) return 'time.Duration';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoRegexp) return '*regexp.Regexp';
  return '*ast.Missing';
}
