// Handler properties of |alert() (`.post(url)`, `.log(path)`, ...): the property call creates a
// handler declaration and returns a handler sub-object; later `.x()` calls go to the handler's
// own methods first (TickHandlerDef.methods), then to the alert node (see dispatch.ts).

import { GoDuration } from '../../common/duration.js';
import { alertHandlerProperties, findHandlerProperty } from '../alert.js';
import { MissingAlertPropertyError } from '../eval-error.js';
import { checkCallArgs, capitalizeFirst, type GoType } from '../go-call.js';
import type { TickArgType, TickArgValue, TickHandlerDef, TickMethod } from '../handler-property.js';
import type { MethodProperty } from '../node-spec.js';
import { formatExpression } from '../format.js';
import { HandlerObject, isAstValue, type TickValue } from '../values.js';

const goTypes: Record<TickArgType, GoType> = {
  string: 'string',
  int: 'int64',
  float: 'float64',
  bool: 'bool',
  duration: 'time.Duration',
  lambda: '*ast.LambdaNode',
  any: 'interface {}',
};

/** Every alert handler property Kapacitor has (handlers.md §4), installed here or not. */
export const kapacitorHandlerProperties = [
  'post',
  'tcp',
  'email',
  'exec',
  'log',
  'victorOps',
  'pagerDuty',
  'pagerDuty2',
  'pushover',
  'sensu',
  'slack',
  'discord',
  'bigPanda',
  'telegram',
  'hipChat',
  'alerta',
  'opsGenie',
  'opsGenie2',
  'talk',
  'mqtt',
  'snmpTrap',
  'kafka',
  'teams',
  'serviceNow',
  'zenoss',
];

const sameName = (a: string, b: string): boolean => capitalizeFirst(a) === capitalizeFirst(b);

export function isKapacitorHandlerProperty(name: string): boolean {
  return kapacitorHandlerProperties.some((p) => sameName(p, name));
}

function installedNames(): string {
  return Object.values(alertHandlerProperties)
    .map((d) => d.property)
    .sort()
    .join(', ');
}

/** Values as TickHandlerDef expects them: durations as ns bigint, lambdas as their source. */
function toArgValue(v: TickValue): TickArgValue {
  if (v instanceof GoDuration) return v.ns;
  if (typeof v === 'object' && isAstValue(v) && v.kind === 'lambda') {
    return formatExpression(v.expression);
  }
  return v as TickArgValue;
}

/** Go's reflect rules, for a signature whose last `optional` arguments may be left out. */
function checkHandlerArgs(
  types: readonly TickArgType[],
  optional: number,
  variadic: boolean,
  args: TickValue[],
): void {
  const declared = types.map((t) => goTypes[t]);
  if (args.length < types.length - optional || (!variadic && args.length > types.length)) {
    checkCallArgs(declared, variadic, args, variadic ? 0 : optional);
  }
  const params = args.map((_, i) => goTypes[types[Math.min(i, types.length - 1)]!]);
  checkCallArgs(params, false, args);
}

/**
 * The alert node's handler property `name`, or undefined when Kapacitor has no such handler.
 * A handler Kapacitor has but this host does not install fails with a clear message.
 */
export function handlerProperty(name: string): MethodProperty<'alert'> | undefined {
  const found = findHandlerProperty(name);
  if (found === undefined) {
    if (!isKapacitorHandlerProperty(name)) return undefined;
    const property = kapacitorHandlerProperties.find((p) => sameName(p, name))!;
    return {
      kind: 'method',
      // Checked against the handler's own signature when applied.
      params: ['interface {}'],
      variadic: true,
      apply: (_alert, _args, call) => {
        throw new MissingAlertPropertyError(
          `alert handler "${property}" is not installed in this host (installed: ${installedNames()})`,
          call.name,
          call.pos,
        );
      },
    };
  }
  const { folder, def } = found;
  return {
    kind: 'method',
    params: ['interface {}'],
    variadic: true,
    apply(alert, args, call) {
      checkHandlerArgs(def.args, def.optionalArgs ?? 0, def.variadic ?? false, args);
      const options = def.init(args.map(toArgValue));
      const decl = { folder, options, pos: call.pos };
      alert.props.handlers.push(decl);
      return new HandlerObject(alert, folder, def, decl);
    },
  };
}

/** A handler's own chained method (`.header(k, v)` after `.post()`), if it has one. */
export function handlerMethod(def: TickHandlerDef, name: string): TickMethod | undefined {
  const key = Object.keys(def.methods).find((m) => sameName(m, name));
  return key === undefined ? undefined : def.methods[key];
}

export function applyHandlerMethod(handler: HandlerObject, m: TickMethod, args: TickValue[]): void {
  checkHandlerArgs(m.args, m.optional ?? 0, m.variadic ?? false, args);
  m.apply(handler.decl.options, args.map(toArgValue));
}
