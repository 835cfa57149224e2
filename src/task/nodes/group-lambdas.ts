// Lambdas whose stateful functions (count(), sigma(), ...) keep state per group: one
// independent instance of the compiled expression per group id, created on first use.

import { compileLambda, type CompiledLambda } from '../../tick/lambda/index.js';
import type { LambdaProp } from '../../pipeline/model.js';

export class GroupLambdas {
  private readonly base: CompiledLambda;
  private readonly byGroup = new Map<string, CompiledLambda>();

  constructor(prop: LambdaProp) {
    // Compiling here surfaces compile errors when the task starts, not on the first point.
    this.base = compileLambda(prop.expr);
  }

  forGroup(group: string): CompiledLambda {
    // Without state every group shares the one instance: no map entry per group.
    if (!this.base.stateful) return this.base;
    let lambda = this.byGroup.get(group);
    if (lambda === undefined) {
      lambda = this.byGroup.size === 0 ? this.base : this.base.newInstance();
      this.byGroup.set(group, lambda);
    }
    return lambda;
  }
}
