import { defineConfig } from 'vitest/config';
import { FirstLongestSequencer } from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Many files wait on child processes and sockets: on two cores, three files at a time
    // keep both busy (vitest's default is one fewer worker than cores, here one).
    maxWorkers: 3,
    sequence: { sequencer: FirstLongestSequencer },
  },
});
