// Prettier in a worker thread (generators/format-worker.js) answers exactly as prettier in this
// thread: formatted text, a file .prettierignore covers, a syntax error; and it never keeps a
// process alive that has nothing left to format.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatText, withFormatWorker } from '../../generators/format.js';
import { startFormatWorker } from '../../generators/format-worker.js';
import { Plan } from '../../generators/plan.js';
import { repoRoot } from '../helpers/repo-copy.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'condenser-format-worker-'));
  // `plugins` makes every text uncacheable (generators/format-cache.ts): each answer below is
  // prettier's own, never the format cache's.
  writeFileSync(path.join(root, '.prettierrc.json'), '{ "printWidth": 40, "plugins": [] }\n');
  writeFileSync(path.join(root, '.prettierignore'), 'ignored\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cases: Array<[what: string, file: string, text: string, crlf?: boolean]> = [
  ['TypeScript', 'src/a.ts', 'export const a  =  {b:1, c: "x", d: [1,2,3], e: "a long string"}\n'],
  [
    'Markdown',
    'docs/a.md',
    '# Title\n* one\n* two\n\nA paragraph   that is long enough to wrap.\n',
  ],
  ['CRLF', 'src/b.ts', 'export const b  =  1\r\nexport const c = 2\r\n', true],
  ['an ignored file', 'ignored/c.ts', 'export const   left  =  "as is"\n'],
];

async function answer(file: string, text: string, crlf = false): Promise<string> {
  try {
    return await formatText(new Plan({ root }), file, text, crlf);
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

describe('formatting in a worker thread', () => {
  it.each(cases)('formats %s as prettier does in this thread', async (_, file, text, crlf) => {
    const here = await answer(file, text, crlf);
    const there = await withFormatWorker(repoRoot, () => answer(file, text, crlf));
    expect(there).toBe(here);
    if (file.startsWith('ignored/')) expect(there).toBe(text);
    else expect(there).not.toBe(text);
  });

  it('fails on a syntax error with the message prettier gives in this thread', async () => {
    const here = await answer('src/bad.ts', 'export const = ;\n');
    expect(here).toMatch(/^error: src\/bad\.ts: cannot be formatted: /);
    expect(await withFormatWorker(repoRoot, () => answer('src/bad.ts', 'export const = ;\n'))).toBe(
      here,
    );
  });

  it('answers jobs directly, and refuses them once closed', async () => {
    const worker = startFormatWorker(repoRoot);
    const job = { file: path.join(root, 'src/d.ts'), text: 'let d  = 1\n', crlf: false };
    const ignorePath = path.join(root, '.prettierignore');
    expect(await worker.format({ ...job, ignorePath })).toEqual({ text: 'let d = 1;\n' });
    expect(
      await worker.format({ ...job, file: path.join(root, 'ignored/d.ts'), ignorePath }),
    ).toEqual({ ignored: true });
    await worker.close();
    await expect(worker.format({ ...job, ignorePath })).rejects.toThrow(/closed/);
  });

  it('answers the same for files whose settings it resolved ahead (prepare)', async () => {
    const worker = startFormatWorker(repoRoot);
    const ignorePath = path.join(root, '.prettierignore');
    const kept = path.join(root, 'src/e.ts');
    const ignored = path.join(root, 'ignored/e.ts');
    try {
      worker.prepare([kept, ignored, path.join(root, 'missing/dir/f.ts')], ignorePath);
      const text = 'export const e  =  {b:1, c: "x", d: [1,2,3], e: "a long string"}\n';
      const here = await answer('src/e.ts', text);
      // Twice each: the second answer comes from the settings resolved for the first.
      for (let i = 0; i < 2; i++) {
        expect(await worker.format({ file: kept, text, crlf: false, ignorePath })).toEqual({
          text: here,
        });
        expect(await worker.format({ file: ignored, text, crlf: false, ignorePath })).toEqual({
          ignored: true,
        });
      }
    } finally {
      await worker.close();
    }
  });

  it('never keeps a process alive once its jobs are answered', () => {
    const script = `
      import { startFormatWorker } from './generators/format-worker.js';
      const worker = startFormatWorker(process.cwd());
      const out = await worker.format({ file: process.cwd() + '/x.ts', text: 'let x  = 1', crlf: false, ignorePath: '/nonexistent' });
      process.stdout.write(out.text);
    `;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(r.error).toBeUndefined(); // not killed by the timeout: it exited by itself
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('let x = 1;\n');
    expect(r.status).toBe(0);
  });
});
