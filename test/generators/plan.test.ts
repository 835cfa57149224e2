import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Plan, type CommitFileSystem } from '../../generators/plan.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'condenser-plan-'));
  mkdirSync(path.join(root, 'src/a'), { recursive: true });
  writeFileSync(path.join(root, 'src/a/one.ts'), 'one\n');
  writeFileSync(path.join(root, 'src/a/two.ts'), 'two\n');
  writeFileSync(path.join(root, 'keep.ts'), 'keep\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under root, relative, with its content. */
function snapshot(dir = root): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(root, full)] = readFileSync(full, 'utf8');
  }
  return files;
}

describe('Plan staging', () => {
  it('reads staged content over the disk and lists folders after staging', () => {
    const plan = new Plan({ root });
    plan.write('src/b/new.ts', 'new\n');
    plan.write('src/a/one.ts', 'ONE\n');
    plan.delete('src/a/two.ts');
    expect(plan.read('src/a/one.ts')).toBe('ONE\n');
    expect(plan.exists('src/a/two.ts')).toBe(false);
    expect(plan.list('src')).toEqual(['a', 'b']);
    expect(plan.list('src/a')).toEqual(['one.ts']);
    expect(snapshot()['src/a/one.ts']).toBe('one\n');
  });

  it('reports created, updated and deleted files, and no change for identical content', () => {
    const plan = new Plan({ root });
    plan.write('keep.ts', 'keep\n');
    plan.write('src/a/one.ts', 'ONE\n');
    plan.write('src/b/new.ts', 'new\n');
    plan.delete('src/a/two.ts');
    expect(plan.changes().map((c) => [c.path, c.kind])).toEqual([
      ['src/a/one.ts', 'updated'],
      ['src/a/two.ts', 'deleted'],
      ['src/b/new.ts', 'created'],
    ]);
  });

  it('deletes whole folders, and a created-then-deleted file is no change at all', () => {
    const plan = new Plan({ root });
    plan.write('src/a/three.ts', 'three\n');
    plan.delete('src/a');
    expect(plan.isDirectory('src/a')).toBe(false);
    expect(plan.changes().map((c) => [c.path, c.kind])).toEqual([
      ['src/a/one.ts', 'deleted'],
      ['src/a/two.ts', 'deleted'],
    ]);
    expect(() => plan.delete('src/nothing')).toThrow('src/nothing: nothing to delete');
  });

  it('refuses paths outside the root', () => {
    const plan = new Plan({ root });
    expect(() => plan.write('../escape.ts', 'x')).toThrow('relative to the repository root');
  });

  it('diffs every change with repo-relative paths', () => {
    const plan = new Plan({ root });
    plan.write('src/a/one.ts', 'ONE\n');
    plan.write('src/b/new.ts', 'new\n');
    plan.delete('src/a/two.ts');
    expect(plan.diff()).toBe(
      [
        '--- a/src/a/one.ts',
        '+++ b/src/a/one.ts',
        '@@ -1,1 +1,1 @@',
        '-one',
        '+ONE',
        '--- a/src/a/two.ts',
        '+++ /dev/null',
        '@@ -1,1 +0,0 @@',
        '-two',
        '--- /dev/null',
        '+++ b/src/b/new.ts',
        '@@ -0,0 +1,1 @@',
        '+new',
        '',
      ].join('\n'),
    );
  });
});

describe('Plan commit', () => {
  it('writes, creates folders, deletes and removes emptied folders', async () => {
    const plan = new Plan({ root });
    plan.write('src/a/one.ts', 'ONE\n');
    plan.write('src/b/c/new.ts', 'new\n');
    plan.delete('src/a/two.ts');
    const committed = await plan.commit();
    expect(committed).toHaveLength(3);
    expect(snapshot()).toEqual({
      'keep.ts': 'keep\n',
      'src/a/one.ts': 'ONE\n',
      'src/b/c/new.ts': 'new\n',
    });
    expect(plan.changes()).toEqual([]);

    const removal = new Plan({ root });
    removal.delete('src/b');
    await removal.commit();
    expect(fs.existsSync(path.join(root, 'src/b'))).toBe(false);
  });

  it('keeps the file mode of replaced files', async () => {
    fs.chmodSync(path.join(root, 'keep.ts'), 0o755);
    const plan = new Plan({ root });
    plan.write('keep.ts', 'changed\n');
    await plan.commit();
    expect(fs.statSync(path.join(root, 'keep.ts')).mode & 0o777).toBe(0o755);
  });

  // A failure at each rename/unlink step of the switch-over must leave the tree as it was:
  // same files, same contents, no temp or backup files left behind.
  for (const failAt of [1, 2, 3, 4]) {
    it(`leaves the tree unchanged when step ${failAt} of the switch-over fails`, async () => {
      const before = snapshot();
      let steps = 0;
      const failing: CommitFileSystem = {
        ...fs,
        renameSync: (from, to) => {
          if (++steps === failAt) throw new Error('disk on fire');
          fs.renameSync(from, to);
        },
        unlinkSync: (file) => {
          // Only count the switch-over's deletion of a target, not clean-up of temp files.
          if (!path.basename(String(file)).startsWith('.') && ++steps === failAt) {
            throw new Error('disk on fire');
          }
          fs.unlinkSync(file);
        },
      };
      const plan = new Plan({ root, fs: failing });
      plan.write('src/a/one.ts', 'ONE\n');
      plan.write('src/b/new.ts', 'new\n');
      plan.write('keep.ts', 'KEEP\n');
      plan.delete('src/a/two.ts');
      await expect(plan.commit()).rejects.toThrow('disk on fire');
      expect(snapshot()).toEqual(before);
      expect(fs.existsSync(path.join(root, 'src/b'))).toBe(false);
    });
  }

  it('leaves the tree unchanged when a temp file cannot be written', async () => {
    const before = snapshot();
    let writes = 0;
    const failing: CommitFileSystem = {
      ...fs,
      writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
        if (++writes === 2) throw new Error('no space left');
        fs.writeFileSync(...args);
      },
    };
    const plan = new Plan({ root, fs: failing });
    plan.write('src/a/one.ts', 'ONE\n');
    plan.write('src/z/new.ts', 'new\n');
    await expect(plan.commit()).rejects.toThrow('no space left');
    expect(snapshot()).toEqual(before);
    expect(fs.existsSync(path.join(root, 'src/z'))).toBe(false);
  });
});
