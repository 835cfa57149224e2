import { describe, expect, it } from 'vitest';
import { GoRegexp, RegexSyntaxError, translateRE2 } from '../../src/tick/regex.js';

const re = (p: string): GoRegexp => new GoRegexp(p);

describe('RE2 → JS translation', () => {
  it('translates named groups (?P<name>...)', () => {
    expect(translateRE2('(?P<host>\\w+)').source).toBe('(?<host>\\w+)');
    expect(re('(?P<host>\\w+)-(?P<n>\\d+)').replaceAll('web-12', '${n}:${host}')).toBe('12:web');
  });

  it('turns leading flags into RegExp flags', () => {
    expect(re('(?i)^WEB').test('web-1')).toBe(true);
    expect(re('^WEB').test('web-1')).toBe(false);
    expect(re('(?s)a.b').test('a\nb')).toBe(true);
    expect(re('a.b').test('a\nb')).toBe(false);
    expect(re('(?m)^b$').test('a\nb\nc')).toBe(true);
    expect(re('^b$').test('a\nb\nc')).toBe(false);
    expect(re('(?is)^A.B').test('a\nb')).toBe(true);
  });

  it('keeps RE2 dot semantics: . matches \\r but not \\n', () => {
    expect(re('a.b').test('a\rb')).toBe(true);
  });

  it('supports \\A and \\z anchors', () => {
    expect(re('\\Afoo').test('foo bar')).toBe(true);
    expect(re('\\Afoo').test('a foo')).toBe(false);
    expect(re('bar\\z').test('foo bar')).toBe(true);
    expect(re('bar\\z').test('bar\n')).toBe(false);
  });

  it('expands POSIX classes', () => {
    expect(re('^[[:alpha:]]+$').test('abcXYZ')).toBe(true);
    expect(re('^[[:alpha:]]+$').test('abc1')).toBe(false);
    expect(re('^[[:digit:][:upper:]]+$').test('A1B2')).toBe(true);
    expect(re('^[[:^space:]]+$').test('a-b')).toBe(true);
    expect(re('^[[:^space:]]+$').test('a b')).toBe(false);
  });

  it('keeps RE2 \\s ASCII-only and accepts escaped punctuation', () => {
    expect(re('\\s').test('\u00a0')).toBe(false);
    expect(re('\\s').test('\t')).toBe(true);
    expect(re('^a\\-b\\#c$').test('a-b#c')).toBe(true);
    expect(re('^[a\\-z]+$').test('a-z')).toBe(true);
  });

  it('treats a brace that is not a repeat as a literal', () => {
    expect(re('^a{2}$').test('aa')).toBe(true);
    expect(re('a{x').test('a{x')).toBe(true);
  });

  it('matches on code points', () => {
    expect(re('^.$').test('😀')).toBe(true);
    expect(re('^\\x{1F600}$').test('😀')).toBe(true);
    expect(re('^\\pL+$').test('héllo')).toBe(true);
    expect(re('^\\p{Greek}+$').test('αβγ')).toBe(true);
  });

  it('rejects backreferences and lookaround with a clear error', () => {
    expect(() => re('(a)\\1')).toThrow(RegexSyntaxError);
    expect(() => re('(a)\\1')).toThrow('RE2 has no backreferences');
    expect(() => re('a(?=b)')).toThrow(
      'error parsing regexp: invalid or unsupported Perl syntax: `(?=` (RE2 has no lookaround)',
    );
    expect(() => re('a(?!b)')).toThrow('(RE2 has no lookaround)');
    expect(() => re('(?<=a)b')).toThrow('(RE2 has no lookaround)');
    expect(() => re('(?<!a)b')).toThrow('(RE2 has no lookaround)');
  });

  it('reports syntax errors like Go', () => {
    expect(() => re('a(b')).toThrow('error parsing regexp: missing closing ): `a(b`');
    expect(() => re('a)b')).toThrow('error parsing regexp: unexpected ): `a)b`');
    expect(() => re('[ab')).toThrow('error parsing regexp: missing closing ]: `[ab`');
    expect(() => re('a{1001}')).toThrow('invalid repeat count');
    expect(() => re('\\q')).toThrow('invalid escape sequence: `\\q`');
  });
});

describe('Go ReplaceAllString', () => {
  it('expands $1, ${1}, $name and $$', () => {
    const r = re('(\\w+)@(?P<dom>\\w+)');
    expect(r.replaceAll('me@host', '$2/$1')).toBe('host/me');
    expect(r.replaceAll('me@host', '${1}x')).toBe('mex');
    // `$1x` is the (nonexistent) group named "1x"
    expect(r.replaceAll('me@host', '$1x')).toBe('');
    expect(r.replaceAll('me@host', '$dom $$')).toBe('host $');
    expect(r.replaceAll('me@host', 'cost: $')).toBe('cost: $');
  });

  it('ignores an empty match right after a previous match', () => {
    expect(re('a*').replaceAll('baaac', '-')).toBe('-b-c-');
    expect(re('x*').replaceAll('abc', '-')).toBe('-a-b-c-');
  });
});
