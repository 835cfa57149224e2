import { describe, expect, it } from 'vitest';
import { TickParseError } from '../../src/tick/errors.js';
import { parseProgram } from '../../src/tick/parser.js';

// The "an operand was required" expected list, verbatim from Kapacitor (including its "==").
const OPERAND = '"number","string","duration","identifier","TRUE","FALSE","==","(","-","!"';

interface Case {
  src: string;
  message: string;
  line?: number;
  column?: number;
}

const cases: Case[] = [
  // Upstream examples (tick/ast/parser_test.go)
  {
    src: 'a\n\n\nvar b = ',
    message: `parser: unexpected EOF line 4 char 9 in "var b = ". expected: ${OPERAND}`,
    line: 4,
    column: 9,
  },
  {
    src: 'a\n\n\nvar b = stream.window()var period)\n\nvar x = 1',
    message: 'parser: unexpected ) line 4 char 34 in "var period)". expected: "identifier"',
    line: 4,
    column: 34,
  },
  {
    src: 'a\n\n\nvar b = stream.window(\nb.period(10s)',
    message: 'parser: unexpected EOF line 5 char 14 in "eriod(10s)". expected: ")"',
    line: 5,
    column: 14,
  },
  // Lexer errors surface as the unexpected "token"
  {
    src: "var x = 'abc",
    message: `parser: unexpected unterminated string line 1 char 9 in "var x = 'abc". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: "var x = '''abc''",
    message: `parser: unexpected unterminated string line 1 char 9 in "var x = '''abc''". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: 'var x = "abc',
    message: `parser: unexpected unterminated field reference line 1 char 9 in "var x = "abc". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: 'var s = "unterminated \\"',
    message: `parser: unexpected unterminated field reference line 1 char 9 in "var s = "untermina". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: 'var x = /abc',
    message: `parser: unexpected unterminated regex line 1 char 9 in "var x = /abc". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: 'var x = 1.2.3',
    message: `parser: unexpected multiple decimals in number line 1 char 9 in "var x = 1.2.3". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: 'var x = 5 # comment',
    message: `parser: unexpected unknown state, last char: '#' line 1 char 11 in "var x = 5 # comment". expected: ${OPERAND}`,
    line: 1,
    column: 11,
  },
  {
    src: 'var _x = 5',
    message: `parser: unexpected unknown state, last char: '_' line 1 char 5 in "var _x = 5". expected: "identifier"`,
    line: 1,
    column: 5,
  },
  {
    src: 'var x = +5',
    message: `parser: unexpected unknown state, last char: '+' line 1 char 9 in "var x = +5". expected: ${OPERAND}`,
    line: 1,
    column: 9,
  },
  {
    src: 'stream|from()\n    .where(lambda: "host" == \'a\' &&  "b")',
    message: `parser: unexpected unknown state, last char: '&' line 2 char 34 in "t" == 'a' &&  "b")". expected: ")"`,
    line: 2,
    column: 34,
  },
  {
    src: 'stream|alert().crit(lambda :"x")',
    message: `parser: unexpected unknown state, last char: ':' line 1 char 28 in "it(lambda :"x")". expected: ")"`,
    line: 1,
    column: 28,
  },
  {
    src: 'stream|from().where(lambda: "a" == = 2)',
    message: `parser: unexpected unknown state, last char: '=' line 1 char 36 in "a: "a" == = 2)". expected: ${OPERAND}`,
    line: 1,
    column: 36,
  },
  // Multi-byte characters count as several columns
  {
    src: 'var héllo = 5 ~',
    message: `parser: unexpected unknown state, last char: '~' line 1 char 16 in "éllo = 5 ~". expected: ${OPERAND}`,
    line: 1,
    column: 16,
  },
  // Grammar errors
  {
    src: 'stream|from(',
    message: `parser: unexpected EOF line 1 char 13 in "ream|from(". expected: ${OPERAND}`,
    line: 1,
    column: 13,
  },
  {
    src: 'stream|from()|',
    message: 'parser: unexpected EOF line 1 char 15 in "am|from()|". expected: "identifier"',
    line: 1,
    column: 15,
  },
  {
    src: 'stream|from().',
    message: 'parser: unexpected EOF line 1 char 15 in "am|from().". expected: "identifier"',
    line: 1,
    column: 15,
  },
  {
    src: 'stream|from())',
    message: `parser: unexpected ) line 1 char 14 in "eam|from())". expected: ${OPERAND}`,
    line: 1,
    column: 14,
  },
  {
    src: 'stream|window().period(10s',
    message: 'parser: unexpected EOF line 1 char 27 in "period(10s". expected: ")"',
    line: 1,
    column: 27,
  },
  {
    src: 'var = 5',
    message: 'parser: unexpected = line 1 char 5 in "var = 5". expected: "identifier"',
    line: 1,
    column: 5,
  },
  {
    src: 'var x',
    message: 'parser: unexpected EOF line 1 char 6 in "var x". expected: "identifier"',
    line: 1,
    column: 6,
  },
  {
    src: 'var 5 = 1',
    message: 'parser: unexpected number line 1 char 5 in "var 5 = 1". expected: "identifier"',
    line: 1,
    column: 5,
  },
  {
    src: 'stream|alert().crit(lambda: "x" >)',
    message: `parser: unexpected ) line 1 char 34 in "bda: "x" >)". expected: ${OPERAND}`,
    line: 1,
    column: 34,
  },
  {
    src: 'stream|from().where(lambda: "a" AND AND "b")',
    message: `parser: unexpected AND line 1 char 37 in ": "a" AND AND "b")". expected: ${OPERAND}`,
    line: 1,
    column: 37,
  },
  {
    src: 'stream|from().where(lambda: "value" > 1e5)',
    message: 'parser: unexpected identifier line 1 char 40 in "value" > 1e5)". expected: ")"',
    line: 1,
    column: 40,
  },
  {
    src: "stream|alert().message('a').crit(lambda: !)",
    message: `parser: unexpected ) line 1 char 43 in "(lambda: !)". expected: ${OPERAND}`,
    line: 1,
    column: 43,
  },
  {
    src: "stream|groupBy(['a' 'b'])",
    message: `parser: unexpected string line 1 char 21 in "upBy(['a' 'b'])". expected: "]"`,
    line: 1,
    column: 21,
  },
  {
    src: "stream|groupBy(['a', 5])",
    message: `parser: unexpected number line 1 char 22 in "pBy(['a', 5])". expected: "identifier","string","*"`,
    line: 1,
    column: 22,
  },
  {
    src: 'var x = [',
    message:
      'parser: unexpected EOF line 1 char 10 in "var x = [". expected: "identifier","string","*"',
    line: 1,
    column: 10,
  },
  {
    src: 'stream\n|from()\n|eval(lambda: "a" * ) ',
    message: `parser: unexpected ) line 3 char 21 in "da: "a" * ) ". expected: ${OPERAND}`,
    line: 3,
    column: 21,
  },
  {
    src: 'var x = (1 + 2',
    message: 'parser: unexpected EOF line 1 char 15 in "x = (1 + 2". expected: ")"',
    line: 1,
    column: 15,
  },
  {
    src: '|from()',
    message: `parser: unexpected | line 1 char 1 in "|from()". expected: ${OPERAND}`,
    line: 1,
    column: 1,
  },
  {
    src: 'var x = lambda: ',
    message: `parser: unexpected EOF line 1 char 17 in "= lambda: ". expected: ${OPERAND}`,
    line: 1,
    column: 17,
  },
  {
    src: 'var t = 5 // c\nvar',
    message: 'parser: unexpected EOF line 2 char 4 in "var". expected: "identifier"',
    line: 2,
    column: 4,
  },
  {
    src: 'dbrp "db"',
    message: 'parser: unexpected EOF line 1 char 10 in "dbrp "db"". expected: "."',
    line: 1,
    column: 10,
  },
  {
    src: "dbrp 'db'.'rp'",
    message: `parser: unexpected string line 1 char 6 in "dbrp 'db'.'rp'". expected: "reference"`,
    line: 1,
    column: 6,
  },
  // Literal conversion errors: upstream's message, located like the others
  {
    src: 'var x = 08',
    message: 'parser: illegal number syntax: "08" line 1 char 9 in "var x = 08"',
    line: 1,
    column: 9,
  },
  {
    src: 'var x = 10000000000000000000',
    message:
      'parser: illegal number syntax: "10000000000000000000" line 1 char 9 in "var x = 1000000000"',
    line: 1,
    column: 9,
  },
  {
    src: 'var x = /a(b/',
    message:
      'parser: error parsing regexp: missing closing ): `a(b` line 1 char 9 in "var x = /a(b/"',
    line: 1,
    column: 9,
  },
  {
    src: 'var x = /a\\1/',
    message:
      'parser: error parsing regexp: invalid escape sequence: `\\1` (RE2 has no backreferences) line 1 char 9 in "var x = /a\\1/"',
    line: 1,
    column: 9,
  },
];

describe('malformed scripts', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$src', ({ src, message, line, column }) => {
    let caught: unknown;
    try {
      parseProgram(src);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TickParseError);
    const err = caught as TickParseError;
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
    expect(err.column).toBe(column);
  });
});
