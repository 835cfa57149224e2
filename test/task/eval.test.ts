import { describe, expect, it } from 'vitest';
import type { EvalProps } from '../../src/pipeline/model.js';
import { batch, batches, lambda, nodeHarness, pointMsg, points, s } from './helpers.js';

function evalProps(exprs: string[], as: string[], over: Partial<EvalProps> = {}): EvalProps {
  return { expressions: exprs.map(lambda), as, tags: [], keep: false, keepList: [], ...over };
}

describe('eval()', () => {
  const input = { tags: { host: 'a' }, fields: { x: 2, y: 3n, s: 'str' }, time: s(1) };
  const cases: Array<{
    name: string;
    props: EvalProps;
    fields?: object;
    tags?: object;
    error?: string;
  }> = [
    {
      name: 'only the new fields without keep()',
      props: evalProps(['"x" * 2.0'], ['dbl']),
      fields: { dbl: 4 },
    },
    {
      name: 'later lambdas see earlier results',
      props: evalProps(['"x" * 2.0', '"dbl" + 1.0'], ['dbl', 'inc']),
      fields: { dbl: 4, inc: 5 },
    },
    {
      name: 'keep() keeps all fields plus the new ones',
      props: evalProps(['"y" + 1'], ['z'], { keep: true }),
      fields: { x: 2, y: 3n, s: 'str', z: 4n },
    },
    {
      name: 'keep(list) keeps only the listed names, results first',
      props: evalProps(['"x" + 10.0'], ['x'], { keep: true, keepList: ['x', 's'] }),
      fields: { x: 12, s: 'str' },
    },
    {
      name: 'keep(list) with an unknown name is an error',
      props: evalProps(['"x" + 1.0'], ['z'], { keep: true, keepList: ['nope'] }),
      error: 'cannot keep field "nope", field does not exist',
    },
    {
      name: 'tags() stores string results as tags',
      props: evalProps(["'big'", '"x" * 2.0'], ['size', 'dbl'], { tags: ['size'] }),
      fields: { dbl: 4 },
      tags: { host: 'a', size: 'big' },
    },
    {
      name: 'a non-string tag result is an error',
      props: evalProps(['"x" * 2.0'], ['size'], { tags: ['size'] }),
      error: 'result of a tag expression must be of type string, got float64',
    },
    {
      // Kapacitor's fillScope copies the field over the result, which then is what is stored.
      name: 'a later lambda sees the field, not the result, when names collide',
      props: evalProps(['"x" * 10.0', '"x" + 1.0'], ['x', 'next']),
      fields: { x: 2, next: 3 },
    },
    {
      name: 'a duration result is stored as int64 nanoseconds',
      props: evalProps(['2s'], ['d']),
      fields: { d: 2_000_000_000n },
    },
    {
      name: 'mixed int and float is an evaluation error',
      props: evalProps(['"y" + 1.0'], ['z']),
      error:
        'mismatched type to binary operator. got int + float. see bool(), int(), float(), string(), duration()',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const h = nodeHarness('eval', c.props);
      h.receive(pointMsg(input));
      if (c.error !== undefined) {
        expect(h.out).toEqual([]);
        expect(h.stats.errors).toBe(1);
        expect(String(h.logs[0]!.err)).toContain(c.error);
        return;
      }
      const [p] = points(h.out);
      expect(p!.fields).toEqual(c.fields);
      expect(p!.tags).toEqual(c.tags ?? input.tags);
    });
  }

  it('rejects mismatched .as() and tag names at start', () => {
    expect(() => nodeHarness('eval', evalProps(['1', '2'], ['a']))).toThrow(
      'must specify same number of expressions and .as() names: got 1 as names, and 2 expressions.',
    );
    expect(() => nodeHarness('eval', evalProps(['1'], ['a'], { tags: ['x'] }))).toThrow(
      'invalid tag name "x", name is not present is .as() names',
    );
  });

  it('keeps stateful functions per group', () => {
    const h = nodeHarness('eval', evalProps(['count()'], ['n']));
    const dims = { tagNames: ['host'], byMeasurement: false };
    for (const host of ['a', 'b', 'a'])
      h.receive(pointMsg({ tags: { host }, fields: { v: 1 }, time: s(1), dims }));
    expect(points(h.out).map((p) => p.fields.n)).toEqual([1n, 1n, 2n]);
  });

  it('regroups a point when a tag expression overwrites a dimension', () => {
    const h = nodeHarness('eval', evalProps(["'b'"], ['host'], { tags: ['host'] }));
    const dims = { tagNames: ['host'], byMeasurement: false };
    h.receive(pointMsg({ tags: { host: 'a' }, fields: { v: 1 }, time: s(1), dims }));
    expect(points(h.out)[0]!.group).toBe('host=b');
  });

  it('evaluates each batch point and drops failing ones', () => {
    const h = nodeHarness('eval', evalProps(['"v" * 2.0'], ['dbl']), { quiet: true });
    h.receive(
      batch({
        tmax: s(3),
        points: [
          { time: s(1), fields: { v: 1 } },
          { time: s(2), fields: { v: 1n } },
        ],
      }),
    );
    expect(batches(h.out)[0]!.points.map((p) => p.fields)).toEqual([{ dbl: 2 }]);
    expect(h.logs).toEqual([]);
    expect(h.stats.errors).toBe(1);
  });
});

describe('default()', () => {
  const props = { fields: { v: 0, extra: 'x' }, tags: { host: 'unknown', dc: 'eu' } };
  it('adds absent fields and absent or empty tags', () => {
    const h = nodeHarness('default', props);
    const dims = { tagNames: ['host'], byMeasurement: false };
    h.receive(pointMsg({ tags: { host: '', dc: 'us' }, fields: { v: 5 }, time: s(1), dims }));
    const [p] = points(h.out);
    expect(p!.fields).toEqual({ v: 5, extra: 'x' });
    expect(p!.tags).toEqual({ host: 'unknown', dc: 'us' });
    expect(p!.group).toBe('host=unknown');
  });

  it('forwards an already complete point as is', () => {
    const h = nodeHarness('default', props);
    const msg = pointMsg({
      tags: { host: 'a', dc: 'us' },
      fields: { v: 5, extra: 'y' },
      time: s(1),
    });
    h.receive(msg);
    expect(h.out[0]).toBe(msg);
  });

  it('applies to batch tags and batch points', () => {
    const h = nodeHarness('default', props);
    h.receive(
      batch({ tmax: s(1), tags: { host: '' }, points: [{ time: s(1), fields: {}, tags: {} }] }),
    );
    const [b] = batches(h.out);
    expect(b!.tags).toEqual({ host: 'unknown', dc: 'eu' });
    expect(b!.points[0]).toEqual({
      time: s(1),
      fields: { v: 0, extra: 'x' },
      tags: { host: 'unknown', dc: 'eu' },
    });
  });
});

describe('delete()', () => {
  it('removes fields and tags; a deleted dimension leaves the group', () => {
    const h = nodeHarness('delete', { fields: ['a', 'nope'], tags: ['host'] });
    const dims = { tagNames: ['dc', 'host'], byMeasurement: false };
    h.receive(
      pointMsg({ tags: { host: 'a', dc: 'eu' }, fields: { a: 1, b: 2 }, time: s(1), dims }),
    );
    const [p] = points(h.out);
    expect(p!.fields).toEqual({ b: 2 });
    expect(p!.tags).toEqual({ dc: 'eu' });
    expect(p!.dimensions.tagNames).toEqual(['dc']);
    expect(p!.group).toBe('dc=eu');
  });

  it('applies to batches', () => {
    const h = nodeHarness('delete', { fields: ['a'], tags: ['host'] });
    h.receive(
      batch({ tmax: s(1), tags: { host: 'a' }, points: [{ time: s(1), fields: { a: 1, b: 2 } }] }),
    );
    const [b] = batches(h.out);
    expect(b!.group).toBe('');
    expect(b!.tags).toEqual({});
    expect(b!.points[0]).toEqual({ time: s(1), fields: { b: 2 }, tags: {} });
  });
});
