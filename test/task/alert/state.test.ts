// The per-group state machine in isolation: Kapacitor's quirky flap percentage (both tables
// of alert-node.md §8), hysteresis, trigger times and saturated durations.

import { describe, expect, it } from 'vitest';
import { Level } from '../../../src/alert/level.js';
import { MAX_INT64 } from '../../../src/common/duration.js';
import { GoTime } from '../../../src/common/gotime.js';
import { nextFlapping, percentChange } from '../../../src/task/alert/flapping.js';
import { AlertGroupState, saturatingSub } from '../../../src/task/alert/state.js';
import { at } from './harness.js';

const { OK, INFO, WARNING, CRITICAL } = Level;
const letter = (l: Level): string => 'OIWC'[l]!;

describe('percentChange', () => {
  it('scores a single OK→CRITICAL after an all-OK history 21 as (0.8 + 0.82) / 20', () => {
    const history = new Array<Level>(21).fill(OK);
    history[1] = CRITICAL;
    expect(percentChange(history, 1)).toBeCloseTo((0.8 + 0.82) / 20, 12);
    expect(percentChange(history, 1).toFixed(3)).toBe('0.081');
  });

  it('is 0 for a constant history and counts the wrap-around pair', () => {
    expect(percentChange(new Array<Level>(6).fill(CRITICAL), 3)).toBe(0);
    // Only the newest slot differs from the oldest: that "transition" still counts.
    const history = [OK, OK, CRITICAL, OK, OK, OK];
    expect(percentChange(history, 2)).toBeGreaterThan(0);
  });

  it('uses exactly 0.8 as the first weight (Go folds 1.2/1.5 exactly)', () => {
    // history 2: one term, weight 0.8, divided by 1.
    expect(percentChange([OK, CRITICAL], 1)).toBe(0.8);
  });
});

describe('nextFlapping', () => {
  it('switches on above high and off below low only', () => {
    expect(nextFlapping(false, 0.5, 0.25, 0.5)).toBe(false);
    expect(nextFlapping(false, 0.51, 0.25, 0.5)).toBe(true);
    expect(nextFlapping(true, 0.25, 0.25, 0.5)).toBe(true);
    expect(nextFlapping(true, 0.24, 0.25, 0.5)).toBe(false);
  });
});

describe('AlertGroupState flapping', () => {
  it('follows the TestStream_AlertFlapping table (history 21, flapping(0.25, 0.5))', () => {
    const s = new AlertGroupState({
      history: 21,
      flapping: { low: 0.25, high: 0.5 },
      stateChangesOnly: false,
      maxInterval: 0n,
    });
    const levels = [
      OK,
      CRITICAL,
      OK,
      WARNING,
      CRITICAL,
      OK,
      CRITICAL,
      OK,
      WARNING,
      OK,
      CRITICAL,
      OK,
    ];
    const pcs = [
      '0.000',
      '0.081',
      '0.040',
      '0.140',
      '0.198',
      '0.214',
      '0.311',
      '0.325',
      '0.420',
      '0.432',
      '0.525',
      '0.535',
    ];
    const sent: boolean[] = [];
    levels.forEach((l, t) => {
      s.addEvent(at(t), l);
      expect(s.percentChange().toFixed(3), `t=${t}`).toBe(pcs[t]);
      expect(s.flapping, `t=${t}`).toBe(t >= 10);
      const send = s.sendsPoint(l);
      if (send) s.triggered(at(t));
      sent.push(send);
    });
    expect(sent.filter(Boolean)).toHaveLength(9);
    expect(sent).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('follows the synthetic_crit90_flapping ring table (history 6)', () => {
    const s = new AlertGroupState({
      history: 6,
      flapping: { low: 0.25, high: 0.5 },
      stateChangesOnly: false,
      maxInterval: 0n,
    });
    const values = [50, 95, 50, 95, 50, 95, 50, 95, 95, 95, 95, 95, 95, 50, 50];
    const table: Record<number, { ring: string; pc: string; flapping: boolean }> = {
      0: { ring: 'OOOOOO', pc: '0.000', flapping: false },
      1: { ring: 'OOCOOO', pc: '0.336', flapping: false },
      2: { ring: 'OOCOOO', pc: '0.160', flapping: false },
      3: { ring: 'OOCOCO', pc: '0.560', flapping: true },
      4: { ring: 'OOCOCO', pc: '0.592', flapping: true },
      11: { ring: 'COCCCC', pc: '0.368', flapping: true },
      12: { ring: 'CCCCCC', pc: '0.000', flapping: false },
      13: { ring: 'CCOCCC', pc: '0.336', flapping: false },
      14: { ring: 'CCOOCC', pc: '0.176', flapping: false },
    };
    const events: Array<{ t: number; level: Level; duration: bigint }> = [];
    values.forEach((v, t) => {
      const level = v > 90 ? CRITICAL : OK;
      s.addEvent(at(t), level);
      const row = table[t];
      if (row) {
        expect(s.historySlots().map(letter).join(''), `ring t=${t}`).toBe(row.ring);
        expect(s.percentChange().toFixed(3), `pc t=${t}`).toBe(row.pc);
        expect(s.flapping, `flapping t=${t}`).toBe(row.flapping);
      }
      if (s.sendsPoint(level)) {
        s.triggered(at(t));
        events.push({ t, level, duration: s.duration() });
      }
    });
    expect(events).toEqual([
      { t: 1, level: CRITICAL, duration: 0n },
      { t: 2, level: OK, duration: 1_000_000_000n },
      { t: 12, level: CRITICAL, duration: 11_000_000_000n },
      { t: 13, level: OK, duration: 12_000_000_000n },
    ]);
  });
});

describe('AlertGroupState times', () => {
  const plain = { history: 21, stateChangesOnly: false, maxInterval: 0n };

  it('starts with zero trigger times; a duration against the zero time saturates', () => {
    const s = new AlertGroupState(plain);
    expect(s.firstTriggered).toBe(GoTime.zero.ns);
    s.addEvent(at(0), CRITICAL);
    s.addEvent(at(1), CRITICAL);
    // triggered while the previous level is not OK: the episode start stays the zero time
    s.triggered(at(1));
    expect(s.duration()).toBe(MAX_INT64);
  });

  it('resets the episode start only when triggered after an OK', () => {
    const s = new AlertGroupState(plain);
    s.addEvent(at(0), INFO);
    s.triggered(at(0));
    s.addEvent(at(3), CRITICAL);
    s.triggered(at(3));
    expect(s.duration()).toBe(3_000_000_000n);
    s.addEvent(at(5), OK);
    s.triggered(at(5));
    expect(s.duration()).toBe(5_000_000_000n);
    s.addEvent(at(6), WARNING);
    s.triggered(at(6));
    expect(s.duration()).toBe(0n);
  });

  it('marks an unchanged level expired once maxInterval has passed since the last trigger', () => {
    const s = new AlertGroupState({
      history: 21,
      stateChangesOnly: true,
      maxInterval: 2_000_000_000n,
    });
    s.addEvent(at(1), CRITICAL);
    expect(s.sendsPoint(CRITICAL)).toBe(true);
    s.triggered(at(1));
    s.addEvent(at(2), CRITICAL);
    expect([s.expired, s.sendsPoint(CRITICAL)]).toEqual([false, false]);
    s.addEvent(at(3), CRITICAL);
    expect([s.expired, s.sendsPoint(CRITICAL)]).toEqual([true, true]);
  });

  it('on batches sends a recovery even while flapping, but not a steady OK', () => {
    const s = new AlertGroupState({
      history: 2,
      flapping: { low: 0.1, high: 0.2 },
      stateChangesOnly: false,
      maxInterval: 0n,
    });
    s.addEvent(at(0), CRITICAL);
    expect(s.flapping).toBe(true);
    expect(s.sendsBatch(CRITICAL)).toBe(false);
    s.addEvent(at(1), OK);
    expect(s.flapping).toBe(true);
    expect(s.sendsPoint(OK)).toBe(false);
    expect(s.sendsBatch(OK)).toBe(true);
    s.addEvent(at(2), OK);
    expect(s.sendsBatch(OK)).toBe(false);
  });

  it('saturatingSub clamps to int64', () => {
    expect(saturatingSub(at(0), GoTime.zero.ns)).toBe(MAX_INT64);
    expect(saturatingSub(GoTime.zero.ns, at(0))).toBe(-MAX_INT64 - 1n);
    expect(saturatingSub(at(2), at(1))).toBe(1_000_000_000n);
  });
});
