// InfluxQL per-point transformations (difference, cumulativeSum, movingAverage, elapsed):
// stateful per group on a stream, fresh per batch; each point may produce one value.

import type { FieldValue } from '../../../alert/event.js';
import type { InfluxQLProps } from '../../../pipeline/model.js';
import { add, subtract, toFloat, type Entry } from './values.js';

export type TransformMethod = 'difference' | 'cumulativeSum' | 'movingAverage' | 'elapsed';

export const transformMethods: ReadonlySet<string> = new Set<TransformMethod>([
  'difference',
  'cumulativeSum',
  'movingAverage',
  'elapsed',
]);

export interface Transform {
  /** The value for this point, or undefined when it produces none (yet). */
  push(e: Entry): FieldValue | undefined;
}

class Difference implements Transform {
  private prev: FieldValue | undefined;
  push(e: Entry): FieldValue | undefined {
    const prev = this.prev;
    this.prev = e.value;
    return prev === undefined ? undefined : subtract(e.value, prev);
  }
}

class CumulativeSum implements Transform {
  private total: FieldValue | undefined;
  push(e: Entry): FieldValue {
    this.total = this.total === undefined ? e.value : add(this.total, e.value);
    return this.total;
  }
}

class MovingAverage implements Transform {
  private readonly window: number[] = [];
  private sum = 0;
  constructor(private readonly n: number) {}
  push(e: Entry): FieldValue | undefined {
    const v = toFloat(e.value);
    this.window.push(v);
    this.sum += v;
    if (this.window.length > this.n) this.sum -= this.window.shift()!;
    return this.window.length < this.n ? undefined : this.sum / this.n;
  }
}

class Elapsed implements Transform {
  private prev: bigint | undefined;
  constructor(private readonly unit: bigint) {}
  push(e: Entry): FieldValue | undefined {
    const prev = this.prev;
    this.prev = e.time;
    return prev === undefined ? undefined : (e.time - prev) / this.unit;
  }
}

export function newTransform(method: TransformMethod, props: InfluxQLProps): Transform {
  switch (method) {
    case 'difference':
      return new Difference();
    case 'cumulativeSum':
      return new CumulativeSum();
    case 'movingAverage':
      return new MovingAverage(Math.max(1, props.n ?? 1));
    case 'elapsed':
      return new Elapsed(props.unit !== undefined && props.unit > 0n ? props.unit : 1n);
  }
}
