// Bench-only preload (`node --expose-gc --import ./bench/lib/gc-probe.ts ...`): on SIGUSR2,
// force a full GC and write process.memoryUsage() as one JSON line to $GC_PROBE_FILE, so the
// api bench can read the heap after GC of a server in another process.

import { appendFileSync } from 'node:fs';

const file = process.env.GC_PROBE_FILE;
const gc = (globalThis as { gc?: () => void }).gc;
if (file && gc) {
  process.on('SIGUSR2', () => {
    gc();
    appendFileSync(file, JSON.stringify(process.memoryUsage()) + '\n');
  });
}
