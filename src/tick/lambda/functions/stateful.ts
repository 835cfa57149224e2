// Stateful built-ins: their state lives in the closure made by instantiate(), so each compiled
// lambda instance (one per group, or one shared, depending on the node) counts on its own.

import { type FunctionTable } from './types.js';
import { sig } from './types.js';

const MAX_INT63 = (1n << 63n) - 1n;

function randomInt63(): bigint {
  const hi = BigInt(Math.floor(Math.random() * 2 ** 31));
  const lo = BigInt(Math.floor(Math.random() * 2 ** 32));
  return ((hi << 32n) | lo) & MAX_INT63;
}

export const statefulFunctions: FunctionTable = {
  count: {
    stateful: true,
    signatures: [sig([], 'int')],
    instantiate: () => {
      let n = 0n;
      return () => ++n;
    },
  },
  // Running mean/variance (Welford, sample variance); returns |x - mean| / stddev.
  sigma: {
    stateful: true,
    signatures: [sig(['float'], 'float')],
    instantiate: () => {
      let n = 0;
      let mean = 0;
      let m2 = 0;
      return (a) => {
        const x = a[0] as number;
        n++;
        const delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        const variance = m2 / (n - 1);
        if (n < 2 || variance === 0) return 0;
        return Math.abs(x - mean) / Math.sqrt(variance);
      };
    },
  },
  spread: {
    stateful: true,
    signatures: [sig(['float'], 'float')],
    instantiate: () => {
      let min = Infinity;
      let max = -Infinity;
      return (a) => {
        const x = a[0] as number;
        if (x < min) min = x;
        if (x > max) max = x;
        return max - min;
      };
    },
  },
  rand: {
    signatures: [sig([], 'int'), sig(['int'], 'int')],
    instantiate: () => (a) => {
      if (a.length === 0) return randomInt63();
      const n = a[0] as bigint;
      if (n <= 0n) throw new Error('invalid argument to Int63n');
      return randomInt63() % n;
    },
  },
};
