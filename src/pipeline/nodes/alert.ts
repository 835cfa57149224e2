// The |alert() node (alert-node.md §1): Kapacitor's AlertNodeData fields and methods, plus the
// handler properties from the registry in src/pipeline/alert.ts.

import type { GoDuration } from '../../common/duration.js';
import { idShapeProblem } from '../../alert/ids.js';
import { lambdaProp } from '../lambda-prop.js';
import type { AlertProps } from '../model.js';
import {
  asBigint,
  asNumber,
  asString,
  asStrings,
  field,
  flag,
  method,
  type CompiledLambdaCheck,
  type FieldProperty,
  type NodeSpec,
} from '../node-spec.js';
import { handlerProperty, isKapacitorHandlerProperty } from './alert-handlers.js';

export function defaultAlertProps(): AlertProps {
  return {
    id: '{{ .Name }}:{{ .Group }}',
    message: '{{ .ID }} is {{ .Level }}',
    details: '{{ json . }}',
    all: false,
    noRecoveries: false,
    stateChangesOnly: false,
    stateChangesOnlyInterval: 0n,
    history: 21,
    levelTag: '',
    levelField: '',
    messageField: '',
    durationField: '',
    idTag: '',
    idField: '',
    topic: '',
    category: '',
    inhibitors: [],
    handlers: [],
  };
}

type StringProp =
  | 'id'
  | 'message'
  | 'details'
  | 'levelTag'
  | 'levelField'
  | 'messageField'
  | 'durationField'
  | 'idTag'
  | 'idField'
  | 'topic'
  | 'category';

const text = (key: StringProp): FieldProperty<'alert'> =>
  field('string', (n, v) => void (n.props[key] = asString(v)));

type LevelProp = 'info' | 'warn' | 'crit' | 'infoReset' | 'warnReset' | 'critReset';
const levels: LevelProp[] = ['info', 'warn', 'crit', 'infoReset', 'warnReset', 'critReset'];

const level = (key: LevelProp): FieldProperty<'alert'> =>
  field('*ast.LambdaNode', (n, v) => void (n.props[key] = lambdaProp(v)));

export const alertSpec: NodeSpec<'alert'> = {
  type: 'alert',
  goType: '*pipeline.AlertNode',
  chains: 'chain',
  properties: {
    Id: text('id'),
    Message: text('message'),
    Details: text('details'),
    LevelTag: text('levelTag'),
    LevelField: text('levelField'),
    MessageField: text('messageField'),
    DurationField: text('durationField'),
    IdTag: text('idTag'),
    IdField: text('idField'),
    Topic: text('topic'),
    Category: text('category'),
    Info: level('info'),
    Warn: level('warn'),
    Crit: level('crit'),
    InfoReset: level('infoReset'),
    WarnReset: level('warnReset'),
    CritReset: level('critReset'),
    History: field('int64', (n, v) => void (n.props.history = Math.max(2, Number(asBigint(v))))),
    All: flag((n) => void (n.props.all = true)),
    NoRecoveries: flag((n) => void (n.props.noRecoveries = true)),
    StateChangesOnly: method(
      ['time.Duration'],
      (n, maxInterval) => {
        n.props.stateChangesOnly = true;
        // Kapacitor uses the interval only when exactly one is given.
        if (maxInterval.length === 1) {
          n.props.stateChangesOnlyInterval = (maxInterval[0] as GoDuration).ns;
        }
      },
      true,
    ),
    Flapping: method(['float64', 'float64'], (n, [low, high]) => {
      n.props.flapping = { low: asNumber(low), high: asNumber(high) };
    }),
    Inhibit: method(
      ['string', 'string'],
      (n, [category, ...tags]) => {
        n.props.inhibitors.push({ category: asString(category), equalTags: asStrings(tags) });
      },
      true,
    ),
  },
  dynamicProperty: handlerProperty,
  knownProperty: isKapacitorHandlerProperty,
  validate({ props }) {
    // Kapacitor checks this when the alert node starts; a stored task would never start.
    if (props.flapping && (props.flapping.low > 1 || props.flapping.high > 1)) {
      return 'alert flap thresholds are percentages and should be between 0 and 1';
    }
    // The topic becomes an API resource (/alerts/topics/<topic>): the API's length and
    // `.`/`..` rules apply, not its character rule (Kapacitor takes any topic name here).
    const topicShape = props.topic === '' ? undefined : idShapeProblem(props.topic);
    if (topicShape !== undefined) return `invalid topic ID: ${topicShape}`;
    return undefined;
  },
  lambdas({ props }) {
    const checks: CompiledLambdaCheck[] = [];
    for (const key of levels) {
      const lambda = props[key];
      if (lambda) {
        checks.push({ lambda, context: `Failed to compile stateful expression for ${key}` });
      }
    }
    return checks;
  },
};
