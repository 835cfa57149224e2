import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/pipeline/dot.js';
import { evaluate } from './helpers.js';

describe('toDot', () => {
  it('a plain pipeline in walk order', () => {
    const p = evaluate(`var data = stream|from()
data|window().period(1s)|count('v')
data|alert()`);
    expect(toDot(p, 'cpu')).toBe(
      'digraph cpu {\nstream0 -> from1;\nfrom1 -> window2;\nfrom1 -> alert4;\nwindow2 -> count3;\n}',
    );
  });

  it('the walk visits sources in reverse and reverses the result: stream first, then stats', () => {
    const p = evaluate('stream|from()|deadman(1.0, 10s)');
    expect(toDot(p, 't')).toBe(
      'digraph t {\nstream0 -> from1;\nfrom1 -> noop3;\nstats2 -> derivative4;\nderivative4 -> alert5;\n}',
    );
  });

  it('with stats as attributes', () => {
    const p = evaluate('stream|from()|alert()');
    const dot = toDot(p, 't', {
      throughput: 1.5,
      nodes: {
        stream0: { values: { errors: 0, avg_exec_time_ns: '0s' }, processed: { from1: 7 } },
        from1: { values: { errors: 1 }, processed: { alert2: 3 } },
      },
    });
    expect(dot).toBe(
      'digraph t {\ngraph [throughput="1.50 points/s"];\n' +
        '\nstream0 [avg_exec_time_ns="0s" errors="0" ];\nstream0 -> from1 [processed="7"];\n' +
        '\nfrom1 [errors="1" ];\nfrom1 -> alert2 [processed="3"];\n' +
        '\nalert2 [];\n}',
    );
  });

  it('with stats as labels', () => {
    const p = evaluate('stream|from()');
    const dot = toDot(
      p,
      't',
      { throughput: 0, nodes: { stream0: { values: { b: 2, a: 1 }, processed: { from1: 4 } } } },
      'labels',
    );
    expect(dot).toBe(
      'digraph t {\ngraph [label="Throughput: 0.00 points/s" forcelabels=true pad="0.8,0.5"];\n' +
        '\nstream0 [xlabel="a: 1\\rb: 2"];\nstream0 -> from1 [label="processed=4"];\n' +
        '\nfrom1 [xlabel=""];\n}',
    );
  });
});
