// Every fenced example of README.md is run against real parts (test/helpers/doc-examples.ts
// says how): files are written, `sh` commands must succeed, `console` transcripts must print
// what the README shows, and requests the receiver on 127.0.0.1:8080 is shown to get must
// arrive. Each `## ` section is one example session: a fresh directory and host, with the
// files of the sections above it ("the kapacitor.conf above"). A block the README marks
// not-run="reason" is not run: the reasons are listed by the last test, and each must be one
// a reader accepts (it installs, generates into the repository, runs for minutes, or needs a
// store broken by hand); anything else in the README runs.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from 'vitest';
import {
  commandsOf,
  fencedBlocks,
  runTranscript,
  Scene,
  transcriptSteps,
  type Block,
} from '../helpers/doc-examples.js';
import { startInfluxd, type Influxd } from '../helpers/influxdb.js';
import { closeAll } from '../helpers/receivers.js';
import { repoRoot } from '../helpers/repo-copy.js';

const blocks = fencedBlocks(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
const sections = [...new Set(blocks.map((b) => b.section))];

let influxd: Promise<Influxd> | undefined;
beforeAll(() => {
  // Dates print in the reader's zone; the README shows UTC.
  vi.stubEnv('TZ', 'UTC');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await (await influxd)?.stop();
  await closeAll();
  // Stopping influxd and the receivers can take a while on a loaded machine.
}, 120_000);

/** Files written so far, by name, as the README shows them (addresses not yet rewritten). */
const files = new Map<string, string>();

const where = (b: Block) => `README.md:${b.line}`;

describe('README.md examples', () => {
  it.each(sections.filter((s) => blocks.some((b) => b.section === s && !b.attrs['not-run'])))(
    '## %s',
    async (section) => {
      const scene = new Scene({ influxd: () => (influxd ??= startInfluxd()) });
      // A transcript's read-only command runs until it prints what is shown: on a timeout,
      // show what it printed instead.
      onTestFailed(() => {
        if (scene.lastAttempt)
          console.error(`$ ${scene.lastAttempt.command}\n${scene.lastAttempt.out}`);
      });
      try {
        await scene.writeFiles(files);
        for (const block of blocks.filter((b) => b.section === section)) {
          if (block.attrs['not-run'] !== undefined) continue;
          const name = block.attrs.file;
          if (name !== undefined) {
            files.set(name, block.text);
            await scene.writeFile(name, block.text);
          } else if (block.lang === 'sh') {
            for (const command of commandsOf(block.text)) await scene.runChecked(command);
          } else if (block.lang === 'console') {
            for (const step of transcriptSteps(block.text))
              if (step.kind === 'file') files.set(step.name, step.text);
            await runTranscript(scene, block.text, (what, actual, expected) =>
              expect(actual, `${where(block)}: ${what}`).toEqual(expected),
            );
          } else {
            expect.fail(
              `${where(block)}: a block is a file (file=NAME), sh, console, or not-run="why"`,
            );
          }
        }
      } finally {
        await scene.close();
      }
    },
    // A section starts a host (and InfluxDB once) and waits for deliveries with their retries.
    120_000,
  );

  it('runs everything but what it says it does not run, and says why', () => {
    const notRun = blocks
      .filter((b) => b.attrs['not-run'] !== undefined)
      .map((b) => `${where(b)} ${b.lang}: ${b.attrs['not-run']}`);
    // The README's own account of what it does not run: change it with the README.
    expect(notRun).toEqual([
      expect.stringMatching(/^README\.md:\d+ sh: installs the dependencies/),
      expect.stringMatching(/^README\.md:\d+ sh: installs the dependencies/),
      expect.stringMatching(/^README\.md:\d+ toml: needs an MQTT broker and a mail server/),
      expect.stringMatching(/^README\.md:\d+ console: a transcript of that run/),
      expect.stringMatching(/^README\.md:\d+ console: generates into the repository/),
      expect.stringMatching(/^README\.md:\d+ console: generates into the repository/),
      expect.stringMatching(/^README\.md:\d+ sh: generates into the repository/),
      expect.stringMatching(/^README\.md:\d+ console: generates into the repository/),
      expect.stringMatching(/^README\.md:\d+ console: needs a store file broken by hand/),
      expect.stringMatching(/^README\.md:\d+ sh: benchmarks/),
    ]);
    expect(blocks.length - notRun.length).toBeGreaterThan(notRun.length);
  });
});
