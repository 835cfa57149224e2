// TICKscript names that are also members of Object.prototype: as variable, function, property,
// chain method, template var and match-expression names they behave exactly like any unknown
// or ordinary name. Each script is compared with the same script using a neutral name of the
// same length (so positions in messages agree), with the name put back into the result.

import { describe, expect, it } from 'vitest';
import { compileMatch } from '../../src/alert/match.js';
import type { TaskVar } from '../../src/pipeline/evaluate.js';
import { evaluate, evalError, props } from './helpers.js';

const builtinNames = [
  'toString',
  'constructor',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
];

/** Same length, not on Object.prototype. */
const neutral = (name: string): string => 'q'.repeat(name.length);

const scripts = (n: string): string[] => [
  `var ${n} = 'cpu'\nstream|from().measurement(${n})`,
  `var ${n} = lambda: "a" > 1\nstream|from().where(${n})`,
  `var ${n} = 5m\nstream|from()|window().period(${n})`,
  `var ${n} string\nstream|from().measurement(${n})`,
  `stream|from().where(lambda: ${n}("x"))`,
  `stream|from()|eval(lambda: ${n}())`,
  `stream|from().measurement(${n})`,
  `stream|from().where(lambda: ${n})`,
  `var x = ${n}\nstream|from()`,
  `stream|from().${n}('x')`,
  `stream|from()|${n}()`,
  `stream|from()|alert().${n}()`,
  `stream|from()|alert().post('http://x').${n}('a')`,
  `stream|from()|eval(lambda: 1).as('a').${n}()`,
  `stream|from()@${n}()`,
];

function outcome(script: string, vars?: Record<string, TaskVar>): string {
  try {
    evaluate(script, vars ? { vars } : {});
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}

function matchOutcome(expr: string): string {
  try {
    compileMatch(expr);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('TICKscript names that are Object.prototype members', () => {
  it('var toString = ... is an ordinary declaration', () => {
    const p = evaluate(`var toString = 'cpu'\nstream|from().measurement(toString)`);
    expect(props(p, 'from1', 'from').measurement).toBe('cpu');
  });

  it('an API var named like a built-in overrides the declaration', () => {
    const p = evaluate(`var constructor = 'cpu'\nstream|from().measurement(constructor)`, {
      vars: Object.fromEntries([['constructor', { type: 'string', value: 'mem' } as TaskVar]]),
    });
    expect(props(p, 'from1', 'from').measurement).toBe('mem');
  });

  it('lambda: toString("x") is an unknown function, as in Kapacitor', () => {
    expect(evalError(`stream|from().where(lambda: toString("x"))`)).toBe(
      'line 1 char 21: Failed to compile from expression: undefined function: "toString"',
    );
  });

  it.each(builtinNames)('%s: every use gives what a neutral name gives', (name) => {
    const other = neutral(name);
    const mine = scripts(name);
    const theirs = scripts(other);
    for (const [i, script] of mine.entries()) {
      for (const supplied of [undefined, 'string'] as const) {
        const vars = (n: string) =>
          supplied ? { [n]: { type: supplied, value: 'cpu' } as TaskVar } : undefined;
        const want = outcome(theirs[i]!, vars(other)).split(other).join(name);
        expect(outcome(script, vars(name)), script).toBe(want);
      }
    }
    for (const expr of [`${name}() == 1`, `level() > ${name}`, `"${name}" == 'x'`]) {
      const want = matchOutcome(expr.split(name).join(other)).split(other).join(name);
      expect(matchOutcome(expr), expr).toBe(want);
    }
  });

  it.each(['__proto__', '__defineGetter__'])(
    '%s cannot be an identifier at all (a lexer error, as for any name starting with _)',
    (name) => {
      expect(evalError(`var ${name} = 'a'\nstream|from()`)).toMatch(
        /unexpected unknown state, last char: '_' line 1 char 5/,
      );
      expect(matchOutcome(`${name}() == 1`)).toMatch(/unknown state, last char: '_'/);
    },
  );
});
