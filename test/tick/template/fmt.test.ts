import { describe, expect, it } from 'vitest';
import { formatFloat, sprint, sprintf, sprintln } from '../../../src/tick/template/index.js';
import { render } from './helpers.js';

describe('float64 printing with %v (alert-node.md §3.3)', () => {
  it.each([
    [10.0, '10'],
    [97.1, '97.1'],
    [123456.0, '123456'],
    [1000000.0, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [0, '0'],
    [-0, '-0'],
    [-2.5, '-2.5'],
    [1e100, '1e+100'],
    [5e-324, '5e-324'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%s prints as %s', (v, expected) => {
    expect(render('{{ .V }}', { V: v })).toBe(expected);
    expect(sprint([v])).toBe(expected);
  });
});

describe('strconv.FormatFloat rounding', () => {
  it.each([
    [2.5, 'f', 0, '2'],
    [3.5, 'f', 0, '4'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [2.675, 'f', 2, '2.67'],
    [0.5, 'f', 0, '0'],
    [9.9999, 'f', 2, '10.00'],
    [0.0001, 'f', 2, '0.00'],
    [1234.5678, 'e', 6, '1.234568e+03'],
    [1234.5678, 'g', 3, '1.23e+03'],
    [1234.5678, 'g', -1, '1234.5678'],
    [100, 'g', 3, '100'],
    [1, 'g', 3, '1'],
    [0, 'e', 2, '0.00e+00'],
    [1e-7, 'g', -1, '1e-07'],
  ] as const)('%s %s %s → %s', (v, fmt, prec, expected) => {
    expect(formatFloat(v, fmt, prec)).toBe(expected);
  });
});

describe('printf', () => {
  const args = { Count: 10n, Strs: ['a', 'b'], Nil: null, Struct: { Name: 'a', N: 1n } };
  it.each([
    ['%.1f', [97.123], '97.1'],
    ['%0.3f', [5], '5.000'],
    ['%5.1f|', [3.14159], '  3.1|'],
    ['%-10s|', ['ab'], 'ab        |'],
    ['%10s|', ['ab'], '        ab|'],
    ['%.3s', ['abcdef'], 'abc'],
    ['%05d', [42n], '00042'],
    ['%05d', [-42n], '-0042'],
    ['%-5d|', [3n], '3    |'],
    ['%+d', [5n], '+5'],
    ['%x %X %#x %o %b', [255n, 255n, 255n, 8n, 5n], 'ff FF 0xff 10 101'],
    ['%c %q %U', [65n, 65n, 65n], "A 'A' U+0041"],
    ['%q', ['hi "x"\n'], '"hi \\"x\\"\\n"'],
    ['%x', ['hi'], '6869'],
    ['% x', ['hi'], '68 69'],
    ['%e %E', [1234.5678, 1234.5678], '1.234568e+03 1.234568E+03'],
    ['%10.3e|', [1234.5678], ' 1.235e+03|'],
    ['%g %.3g', [1234.5678, 1234.5678], '1234.5678 1.23e+03'],
    ['%6.2f|', [-1.5], ' -1.50|'],
    ['%+.1f', [1], '+1.0'],
    ['%08.3f', [-3.14159], '-003.142'],
    ['%f', [1e21], '1000000000000000000000.000000'],
    ['%F', [2.5], '2.500000'],
    ['%t %v %5t|', [true, false, true], 'true false  true|'],
    ['%v %d', [1.5, 7n], '1.5 7'],
    ['100%%', [], '100%'],
    ['%*d|', [5n, 42n], '   42|'],
    ['%[2]d %[1]d', [1n, 2n], '2 1'],
    ['%s', [3.5], '%!s(float64=3.5)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%t', [10n], '%!t(int64=10)'],
    ['%z', [true], '%!z(bool=true)'],
    ['%d %d', [1n], '1 %!d(MISSING)'],
    ['%d', [1n, 'x', 2.5], '1%!(EXTRA string=x, float64=2.5)'],
    ['%v %d', [null, null], '<nil> %!d(<nil>)'],
    ['%', [], '%!(NOVERB)'],
    ['%v', [['a', 'b']], '[a b]'],
    ['%d', [['a', 'b']], '[%!d(string=a) %!d(string=b)]'],
    [
      '%v',
      [
        new Map([
          ['b', 2n],
          ['a', 1n],
        ]),
      ],
      'map[a:1 b:2]',
    ],
    [
      '%v|%+v',
      [
        { Name: 'a', N: 1n },
        { Name: 'a', N: 1n },
      ],
      '{a 1}|{Name:a N:1}',
    ],
    ['%v', [new Map<string, unknown>([['x', undefined]])], 'map[x:<nil>]'],
  ])('sprintf(%j, …)', (format, values, expected) => {
    expect(sprintf(format, values)).toBe(expected);
  });

  it('works from templates, including the pipeline value as last argument', () => {
    expect(render('{{ printf "%s=%d" "count" .Count }}', args)).toBe('count=10');
    expect(render('{{ .Count | printf "%05d" }}', args)).toBe('00010');
    expect(render('{{ printf "%d" .Count .Count }}', args)).toBe('10%!(EXTRA int64=10)');
  });

  it('Sprint adds spaces only between non-string operands; Sprintln always', () => {
    expect(sprint([1n, 2n, 'a', 3n, 'b', 'c'])).toBe('1 2a3bc');
    expect(sprintln([1n, 2n, 'a', 3n])).toBe('1 2 a 3\n');
    expect(render('{{ print 1 2 "a" }}|{{ println "x" 1 }}')).toBe('1 2a|x 1\n');
  });
});
