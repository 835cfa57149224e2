// The lambda scope of one point: its fields and tags by name, `"time"` = the point's time.
// One scope object per node is re-pointed at each point, so evaluating allocates nothing
// unless the expression reads "time".

import type { Fields, Tags } from '../../alert/event.js';
import { GoTime } from '../../common/gotime.js';
import { own } from '../../common/own.js';
import { LambdaEvalError, type Scope, type Value } from '../../tick/lambda/index.js';

const noFields: Fields = {};
const noTags: Tags = {};

/** A field value of the point, ignoring Object.prototype members such as `constructor`. */
export function ownField(fields: Fields, name: string): Value | undefined {
  const v = own(fields, name);
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'string':
    case 'boolean':
      return v;
    default:
      return undefined;
  }
}

/** A tag value of the point, ignoring Object.prototype members. */
export function ownTag(tags: Tags, name: string): string | undefined {
  const v = own(tags, name);
  return typeof v === 'string' ? v : undefined;
}

export function duplicateNameError(name: string): LambdaEvalError {
  return new LambdaEvalError(`cannot have field and tags with same name "${name}"`);
}

export class PointScope implements Scope {
  private fields: Fields = noFields;
  private tags: Tags = noTags;
  private ns = 0n;

  /** Point the scope at a point (or batch point); returns itself for chaining. */
  set(fields: Fields, tags: Tags, ns: bigint): this {
    this.fields = fields;
    this.tags = tags;
    this.ns = ns;
    return this;
  }

  get(name: string): Value | undefined {
    const field = ownField(this.fields, name);
    const tag = ownTag(this.tags, name);
    if (field !== undefined) {
      if (tag !== undefined) throw duplicateNameError(name);
      return field;
    }
    return tag;
  }

  get time(): GoTime {
    return new GoTime(this.ns);
  }

  names(): string[] {
    return [...Object.keys(this.fields), ...Object.keys(this.tags)].sort();
  }
}
