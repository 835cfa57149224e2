import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../src/common/duration.js';
import { makeEvent, type AlertEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { compileMatch } from '../../src/alert/match.js';

function event(init: {
  level?: Level;
  previousLevel?: Level;
  tags?: Record<string, string>;
  duration?: bigint;
}): AlertEvent {
  return makeEvent({
    state: { level: init.level ?? Level.OK, duration: init.duration ?? 0n, id: 'cpu:host=a' },
    data: { name: 'cpu', taskName: 'cpu_alert', tags: init.tags ?? {} },
    previousLevel: init.previousLevel ?? Level.OK,
  });
}

describe('compileMatch', () => {
  it('matches tags and levels', () => {
    const m = compileMatch('"host" == \'serverA\' AND level() == CRITICAL');
    expect(m.matches(event({ level: Level.CRITICAL, tags: { host: 'serverA' } }))).toBe(true);
    expect(m.matches(event({ level: Level.WARNING, tags: { host: 'serverA' } }))).toBe(false);
    expect(m.matches(event({ level: Level.CRITICAL, tags: { host: 'serverB' } }))).toBe(false);
  });

  it('knows OK INFO WARNING CRITICAL as 0-3', () => {
    const m = compileMatch('level() >= WARNING');
    expect(m.matches(event({ level: Level.INFO }))).toBe(false);
    expect(m.matches(event({ level: Level.WARNING }))).toBe(true);
    expect(
      compileMatch('OK == 0 AND INFO == 1 AND WARNING == 2 AND CRITICAL == 3').matches(event({})),
    ).toBe(true);
  });

  it('changed() compares with the previous level in the topic', () => {
    const m = compileMatch('changed() == TRUE');
    expect(m.matches(event({ level: Level.CRITICAL, previousLevel: Level.OK }))).toBe(true);
    expect(m.matches(event({ level: Level.CRITICAL, previousLevel: Level.CRITICAL }))).toBe(false);
  });

  it('alertDuration() is a duration', () => {
    const m = compileMatch('alertDuration() < 1m');
    expect(m.matches(event({ duration: 30n * SECOND }))).toBe(true);
    expect(m.matches(event({ duration: 2n * MINUTE }))).toBe(false);
  });

  it('name() and taskName() read the event data', () => {
    expect(compileMatch("name() == 'cpu' AND taskName() == 'cpu_alert'").matches(event({}))).toBe(
      true,
    );
  });

  it('supports the stateless built-ins', () => {
    const m = compileMatch('strHasPrefix("host", \'db\') AND "host" =~ /-\\d+$/');
    expect(m.matches(event({ tags: { host: 'db-1' } }))).toBe(true);
    expect(m.matches(event({ tags: { host: 'web-1' } }))).toBe(false);
  });

  it('throws when a referenced tag is missing', () => {
    const m = compileMatch('"host" == \'serverA\'');
    expect(() => m.matches(event({ tags: { dc: 'eu' } }))).toThrow(
      'left reference value "host" is missing value',
    );
  });

  it('the empty expression matches everything', () => {
    expect(compileMatch('').matches(event({}))).toBe(true);
  });

  it('rejects bad expressions with a prefixed message', () => {
    expect(() => compileMatch('level() >=')).toThrow(
      'invalid match expression: parser: unexpected EOF line 1 char 11 in "level() >=". expected: "number","string","duration","identifier","TRUE","FALSE","==","(","-","!"',
    );
    expect(() => compileMatch('duration() > 1m')).toThrow('invalid match expression:');
    expect(() => compileMatch('level() == WARN')).toThrow(
      'invalid match expression: name "WARN" is undefined. Names in scope: CRITICAL,INFO,OK,WARNING',
    );
    expect(() => compileMatch('nope()')).toThrow(
      'invalid match expression: undefined function: "nope"',
    );
    expect(() => compileMatch("level() + 'a'")).not.toThrow();
  });

  it('does not allow lambda: prefix', () => {
    expect(() => compileMatch('lambda: TRUE')).toThrow(
      'invalid match expression: parser: unexpected lambda',
    );
  });
});
