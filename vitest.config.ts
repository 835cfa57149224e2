import { defineConfig } from 'vitest/config';
import { FirstLongestSequencer } from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temporary directory per run, on a RAM file system where there is one (see the file).
    globalSetup: ['test/global-setup.ts'],
    // Room for tests that start processes (a host, the scaffolder, a bundle build) while the
    // suite-after-generation test runs the whole suite beside them on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share their worker's module cache: importing the host's modules once per worker
    // rather than once per file takes most of the suite's CPU time off (every file still
    // starts its own hosts, stores and servers; none relies on a fresh module).
    isolate: false,
    // Many files wait on child processes and sockets: on two cores, three files at a time
    // keep both busy (vitest's default is one fewer worker than cores, here one).
    maxWorkers: 3,
    sequence: { sequencer: FirstLongestSequencer },
  },
});
