import { describe, expect, it } from 'vitest';
import type {
  BinaryExpr,
  ChainExpr,
  Declaration,
  Expr,
  FunctionCall,
  LambdaExpr,
} from '../../src/tick/ast.js';
import { formatExpr } from '../../src/tick/format.js';
import { parseLambdaExpression, parseProgram } from '../../src/tick/parser.js';

const single = (src: string): Expr => {
  const p = parseProgram(src);
  expect(p.statements).toHaveLength(1);
  return p.statements[0] as Expr;
};

const declValue = (src: string): Expr => (single(src) as unknown as Declaration).value;

describe('literals', () => {
  it('parses integers, octal integers and floats', () => {
    expect(declValue('var x = 42')).toMatchObject({ kind: 'int', value: 42n });
    expect(declValue('var x = 010')).toMatchObject({ kind: 'int', value: 8n, literal: '010' });
    expect(declValue('var x = 0')).toMatchObject({ kind: 'int', value: 0n });
    expect(declValue('var x = 10.25')).toMatchObject({ kind: 'float', value: 10.25 });
    expect(declValue('var x = .5')).toMatchObject({ kind: 'float', value: 0.5 });
    expect(declValue('var x = 1.')).toMatchObject({ kind: 'float', value: 1 });
    expect(declValue('var x = 9223372036854775807')).toMatchObject({ value: 9223372036854775807n });
  });

  it('parses durations with every unit', () => {
    const cases: [string, bigint][] = [
      ['5u', 5_000n],
      ['5µ', 5_000n],
      ['5ms', 5_000_000n],
      ['5s', 5_000_000_000n],
      ['5m', 300_000_000_000n],
      ['2h', 7_200_000_000_000n],
      ['1d', 86_400_000_000_000n],
      ['1w', 604_800_000_000_000n],
    ];
    for (const [lit, ns] of cases) {
      expect(declValue(`var x = ${lit}`)).toMatchObject({
        kind: 'duration',
        value: ns,
        literal: lit,
      });
    }
  });

  it('parses single- and triple-quoted strings', () => {
    expect(declValue("var x = 'it\\'s'")).toMatchObject({ kind: 'string', value: "it's" });
    expect(declValue("var x = 'a\\nb'")).toMatchObject({ value: 'a\\nb' });
    expect(declValue("var x = ''")).toMatchObject({ value: '', tripleQuoted: false });
    expect(declValue("var x = ''''''")).toMatchObject({ value: '', tripleQuoted: true });
    expect(declValue("var x = '''it's \"raw\"\n'''")).toMatchObject({
      value: 'it\'s "raw"\n',
      tripleQuoted: true,
    });
    expect(declValue("var x = '''\\'a'''")).toMatchObject({ value: "\\'a" });
  });

  it('parses references with escaped quotes and booleans', () => {
    expect(declValue('var x = "cpu.usage \\"idle\\""')).toMatchObject({
      kind: 'reference',
      name: 'cpu.usage "idle"',
    });
    expect(declValue('var x = TRUE')).toMatchObject({ kind: 'bool', value: true });
    expect(declValue('var x = FALSE')).toMatchObject({ kind: 'bool', value: false });
    expect(declValue('var x = true')).toMatchObject({ kind: 'identifier', name: 'true' });
  });

  it('parses regexes, unescaping \\/', () => {
    const re = declValue('var x = /^a\\/b\\d+$/');
    expect(re).toMatchObject({ kind: 'regex', literal: '^a\\/b\\d+$' });
    if (re.kind !== 'regex') throw new Error('not a regex');
    expect(re.value.source).toBe('^a/b\\d+$');
    expect(re.value.test('a/b12')).toBe(true);
  });
});

describe('statements', () => {
  it('parses declarations, type declarations and dbrp statements', () => {
    const p = parseProgram('dbrp "telegraf"."autogen"\nvar threshold float\nvar x = 5');
    expect(p.statements.map((s) => s.kind)).toEqual(['dbrp', 'typeDeclaration', 'declaration']);
    expect(p.statements[0]).toMatchObject({
      db: { kind: 'reference', name: 'telegraf' },
      rp: { kind: 'reference', name: 'autogen' },
    });
    expect(p.statements[1]).toMatchObject({
      name: { name: 'threshold' },
      type: { name: 'float' },
    });
  });

  it('treats lambda without a colon as an identifier', () => {
    expect(declValue('var x = lambda')).toMatchObject({ kind: 'identifier', name: 'lambda' });
    expect(declValue('var x = lambda: "v" > 1')).toMatchObject({ kind: 'lambda' });
  });

  it('records byte positions (line, 1-based byte column)', () => {
    const p = parseProgram('var é = 1\nvar y = "ü" + 2');
    const second = p.statements[1] as Declaration;
    expect(second.pos).toEqual({ offset: 11, line: 2, column: 1 });
    const bin = second.value as BinaryExpr;
    expect(bin.left.pos).toEqual({ offset: 19, line: 2, column: 9 });
    // "ü" is 4 bytes including quotes, so `+` is at byte column 14
    expect(bin.pos).toEqual({ offset: 24, line: 2, column: 14 });
    expect(bin.right.pos.column).toBe(16);
  });
});

describe('chains', () => {
  it('parses |chain, .property and @dynamic calls left-associatively', () => {
    const e = single(
      "stream|from().measurement('cpu')@movingAvg().field('v')|window()",
    ) as ChainExpr;
    expect(formatExpr(e)).toBe("stream|from().measurement('cpu')@movingAvg().field('v')|window()");
    expect(e.operator).toBe('|');
    expect((e.right as FunctionCall).callType).toBe('chain');
    const ops: string[] = [];
    let cur: Expr = e;
    while (cur.kind === 'chain') {
      ops.unshift(cur.operator);
      cur = cur.left;
    }
    expect(ops).toEqual(['|', '.', '@', '.', '|']);
    expect(cur).toMatchObject({ kind: 'identifier', name: 'stream' });
  });

  it('parses property reads, star and string lists', () => {
    const e = single("stream|groupBy(*)|alert().id.x|groupBy(['host', tag, *])") as ChainExpr;
    const groupBy = e.right as FunctionCall;
    expect(groupBy.args[0]).toMatchObject({
      kind: 'list',
      items: [{ kind: 'string', value: 'host' }, { kind: 'identifier' }, { kind: 'star' }],
    });
    const prop = ((e.left as ChainExpr).left as ChainExpr).right;
    expect(prop).toMatchObject({ kind: 'identifier', name: 'id' });
  });

  it('parses a global function call followed by a chain', () => {
    expect(formatExpr(single("f('x').y()"))).toBe("f('x').y()");
    expect(single('f(1) + 2')).toMatchObject({ kind: 'binary', operator: '+' });
  });
});

describe('lambda expressions', () => {
  const lambda = (body: string): Expr =>
    (declValue(`var l = lambda: ${body}`) as LambdaExpr).expression;

  it('applies precedence levels OR < AND < equality < ordering < additive < multiplicative', () => {
    expect(formatExpr(paren(lambda('"a" OR "b" AND "c"')))).toBe('("a" OR ("b" AND "c"))');
    expect(formatExpr(paren(lambda('"a" > 1 == TRUE')))).toBe('(("a" > 1) == TRUE)');
    expect(formatExpr(paren(lambda('1 + 2 * 3 - 4 % 2')))).toBe('((1 + (2 * 3)) - (4 % 2))');
    expect(formatExpr(paren(lambda('1 - 2 - 3')))).toBe('((1 - 2) - 3)');
    expect(formatExpr(paren(lambda('"a" =~ /x/ AND "b" !~ /y/')))).toBe(
      '(("a" =~ /x/) AND ("b" !~ /y/))',
    );
  });

  it('binds unary operators tighter than binary ones', () => {
    expect(formatExpr(paren(lambda('!"a" AND "b"')))).toBe('(!"a" AND "b")');
    expect(lambda('-"x" * 2')).toMatchObject({
      kind: 'binary',
      left: { kind: 'unary', operator: '-' },
    });
  });

  it('keeps explicit parentheses', () => {
    const e = lambda('("a" + 1) * 2') as BinaryExpr;
    expect(e.left).toMatchObject({ kind: 'binary', parens: true });
  });

  it('distinguishes regex from division', () => {
    expect(lambda('"a" / 2 / "b"')).toMatchObject({
      kind: 'binary',
      operator: '/',
      left: { operator: '/' },
    });
    expect(lambda('"a" =~ /b/')).toMatchObject({ right: { kind: 'regex' } });
    expect(lambda('"a" !~ /b/')).toMatchObject({ right: { kind: 'regex' } });
    expect(lambda('(2) / 2')).toMatchObject({ operator: '/' });
    expect(lambda('regexReplace(/a/, "s", \'b\')')).toMatchObject({
      kind: 'call',
      args: [{ kind: 'regex' }, { kind: 'reference' }, { kind: 'string' }],
    });
    expect(declValue('var r = /x/')).toMatchObject({ kind: 'regex' });
  });

  it('parses function calls with expression arguments', () => {
    const e = lambda("if(\"v\" > 0.0, 'pos', 'neg')") as FunctionCall;
    expect(e).toMatchObject({ kind: 'call', callType: 'global', name: 'if' });
    expect(e.args.map((a) => a.kind)).toEqual(['binary', 'string', 'string']);
  });

  it('parseLambdaExpression parses a bare expression', () => {
    const l = parseLambdaExpression('"host" == \'a\' AND level() >= WARNING');
    expect(l.kind).toBe('lambda');
    expect(formatExpr(l.expression)).toBe('"host" == \'a\' AND level() >= WARNING');
  });
});

describe('comments', () => {
  it('attaches comment blocks to the next node and merges consecutive lines', () => {
    const p = parseProgram(
      '// The threshold\n// in percent\nvar t = 90 // trailing\n\nstream // s\n|from()\n// end',
    );
    const decl = p.statements[0] as Declaration;
    expect(decl.comment?.lines).toEqual(['The threshold', 'in percent']);
    const chain = p.statements[1] as ChainExpr;
    expect(chain.left.comment?.lines).toEqual(['trailing']);
    expect(chain.comment?.lines).toEqual(['s']);
    expect(p.statements[2]).toMatchObject({ kind: 'comment', lines: ['end'] });
  });

  it('ends a comment at end of line inside a lambda', () => {
    const p = parseProgram('stream|alert().crit(lambda: "v" > 95 // x\n AND "w" < 1)');
    const call = (p.statements[0] as ChainExpr).right as FunctionCall;
    expect(call.args[0]).toMatchObject({ kind: 'lambda', expression: { operator: 'AND' } });
  });
});

/** Format with parentheses around every binary node, to show the tree shape. */
function paren(e: Expr): Expr {
  if (e.kind === 'binary')
    return { ...e, parens: true, left: paren(e.left), right: paren(e.right) };
  if (e.kind === 'unary') return { ...e, operand: paren(e.operand) };
  return e;
}
