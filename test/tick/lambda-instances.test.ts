import { describe, expect, it } from 'vitest';
import { compileLambda } from '../../src/tick/lambda/index.js';
import { parseLambdaExpression } from '../../src/tick/parser.js';

const scope = { get: (name: string) => (name === 'value' ? 5 : undefined) };

describe('lambda instances per group', () => {
  it('share one instance when the expression keeps no state', () => {
    const lambda = compileLambda(
      parseLambdaExpression("\"value\" > 1.0 AND strHasPrefix('ab', 'a')"),
    );
    expect(lambda.newInstance()).toBe(lambda);
  });

  it('give every group its own state when a stateful function is used', () => {
    const lambda = compileLambda(parseLambdaExpression('count()'));
    const other = lambda.newInstance();
    expect(other).not.toBe(lambda);
    expect([lambda.eval(scope), lambda.eval(scope), other.eval(scope)]).toEqual([1n, 2n, 1n]);
  });
});
