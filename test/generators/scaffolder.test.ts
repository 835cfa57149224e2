// `npm run new-handler` end to end on a throw-away copy of the repository (a git repo of its
// own, so `git status` can prove what changed): what each kind of kind gets, generated code
// lints and is formatted, the host started from the copy uses the new kind, refusals change
// nothing. Generated code's typecheck and its own tests are suite-after-generation's.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNewHandler } from '../../generators/new-handler.js';
import { spawnHost } from '../helpers/process.js';
import { git, gitCopyOfRepo } from '../helpers/repo-copy.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';
import { unusedName } from '../helpers/installed.js';
import { notifierArgs, pagerSpec, peerKindArgs } from './sample-kinds.js';

// Kinds this file generates: names no installed kind has, so the file passes after any
// sequence of new-handler and remove-handler runs in the working tree.
const kind = unusedName('foo');
const other = unusedName('bar');
const pagerKind = unusedName('pager');
const widget = unusedName('widget');
const notifier = unusedName('gotify');
// Kinds of one's own on the transports that keep connections (mail, MQTT, Kafka, SNMP traps).
const mqKind = unusedName('mq');
const mailKind = unusedName('mail');
const kafKind = unusedName('kaf');
const trapKind = unusedName('trap');

function gitCopy(): string {
  return gitCopyOfRepo('condenser-scaffold-', { scaffoldBuild: true });
}

/** Run a scaffolder command of the copy as `npm run` does, as a real process without a terminal. */
function script(
  root: string,
  command: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['generators/launch.js', command, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) },
    out,
    err,
  };
}

describe('new-handler <kind>', () => {
  let root: string;
  let generated: ReturnType<typeof script>;
  beforeAll(() => {
    root = gitCopy();
    generated = script(root, 'new-handler', [kind]);
  }, 60_000);
  afterAll(async () => {
    await closeAll();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints the plan, writes the handler and wires all six touch points', () => {
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    expect(generated.stdout).toContain(
      `new-handler ${kind}: .${kind}(), config [${kind}], from generators/catalogue/${kind}.yaml`,
    );
    for (const tp of [
      'src/server/config.ts',
      'src/server/server.ts',
      'src/task/task-master.ts',
      'src/alert/service.ts',
      'src/pipeline/alert.ts',
      'src/task/alert-node.ts',
    ]) {
      expect(generated.stdout).toMatch(new RegExp(`${tp.replace(/\./g, '\\.')}\\s+added`));
    }
    expect(generated.stdout).toContain(`npm test -- ${kind}`);
    expect(generated.stdout).toContain(`|alert().crit(lambda: "value" > 90).${kind}()`);
    const status = git(root, 'status', '--porcelain', '-uall');
    expect(status.split('\n').filter(Boolean).sort()).toEqual([
      ' M src/alert/service.ts',
      ' M src/pipeline/alert.ts',
      ' M src/server/config.ts',
      ' M src/server/server.ts',
      ' M src/task/alert-node.ts',
      ' M src/task/task-master.ts',
      `?? generators/catalogue/${kind}.yaml`,
      ...['README.md', 'config.ts', 'handler.ts', 'options.ts', 'service.ts', 'tick.ts'].map(
        (f) => `?? src/services/${kind}/${f}`,
      ),
      `?? test/services/${kind}.test.ts`,
    ]);
    expect(readFileSync(path.join(root, `src/services/${kind}/options.ts`), 'utf8')).toContain(
      "room: string('', 'Room to send the alert to (default: the configured room)'),",
    );
  });

  // Its typecheck and its generated tests run with the other generated kinds' (below): one
  // tsc and one nested vitest for all of them.
  it('lints, and is formatted as prettier formats it', () => {
    // Exactly what new-handler wrote or changed (git says which): the rest of the tree is as
    // committed, and `npm run lint` and `format:check` answer for it.
    const written = git(root, 'status', '--porcelain', '-uall')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    expect(written).toContain(`src/services/${kind}/README.md`);
    expect(written).toContain('src/alert/service.ts');
    const code = written.filter((file) => file.endsWith('.ts'));
    const eslint = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/eslint/bin/eslint.js'), ...code],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(eslint.stdout + eslint.stderr).toBe('');
    expect(eslint.status).toBe(0);
    const prettier = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', ...written],
      { cwd: root, encoding: 'utf8' },
    );
    expect(prettier.status, prettier.stdout).toBe(0);
  }, 240_000);

  it(`runs in the host started from the copy: [${kind}] config, a .${kind}().room() task and a kind: ${kind} topic handler`, async () => {
    const receiver = await startHTTPReceiver();
    const dir = mkdtempSync(path.join(tmpdir(), `condenser-${kind}-host-`));
    const host = await spawnHost(
      dir,
      `[${kind}]\nenabled = true\nurl = "${receiver.url}"\nroom = "general"\n`,
      root,
    );
    try {
      const api = (method: string, p: string, body?: unknown) =>
        fetch(host.url + p, {
          method,
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      const task = await api('POST', '/kapacitor/v1/tasks', {
        id: 'foo_task',
        dbrps: [{ db: 'telegraf', rp: 'autogen' }],
        status: 'enabled',
        script: `stream|from().measurement('cpu')|alert().crit(lambda: "value" > 90).topic('cpu').${kind}().room('r')`,
      });
      expect(task.status, await task.text()).toBe(200);
      expect(
        (await api('POST', '/kapacitor/v1/alerts/topics/cpu/handlers', { id: 'h', kind })).status,
      ).toBe(200);
      expect(
        (
          await api(
            'POST',
            '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s',
            'cpu value=95 1',
          )
        ).status,
      ).toBe(204);
      await receiver.waitFor(2);
      const bodies = receiver.received
        .map((r) => JSON.parse(r.body) as { room: string; message: string })
        .sort((a, b) => a.room.localeCompare(b.room));
      expect(bodies).toEqual([
        { room: 'general', message: 'cpu:nil is CRITICAL' },
        { room: 'r', message: 'cpu:nil is CRITICAL' },
      ]);
    } finally {
      host.child.kill('SIGTERM');
      await host.exited;
    }
  }, 60_000);

  it('refuses to run twice and changes nothing', () => {
    const before = git(root, 'status', '--porcelain');
    const again = script(root, 'new-handler', [kind]);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      `new-handler: "${kind}" already exists in src/services/${kind}: pick another name, or remove it first with \`npm run remove-handler ${kind}\`\n`,
    );
    expect(git(root, 'status', '--porcelain')).toBe(before);
  });

  it('wire changes nothing (twice), and remove-handler leaves git status clean', () => {
    const before = git(root, 'diff');
    for (let i = 0; i < 2; i++) {
      const wire = script(root, 'wire', []);
      expect(wire.status).toBe(0);
      expect(wire.stdout).toContain('nothing changed');
    }
    expect(git(root, 'diff')).toBe(before);
    const removed = script(root, 'remove-handler', [kind, '--yes']);
    expect(removed.stderr).toBe('');
    expect(removed.status).toBe(0);
    expect(git(root, 'status', '--porcelain')).toBe('');
  }, 60_000);
});

describe('new-handler without writing', () => {
  let root: string;
  beforeAll(() => {
    root = gitCopy();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('--dry-run prints the diff of every file and writes nothing', async () => {
    const c = capture();
    expect(await runNewHandler([other, '--dry-run'], { root, io: c.io, isTTY: false })).toBe(0);
    const out = c.out.join('');
    expect(out).toContain(`--- /dev/null\n+++ b/src/services/${other}/handler.ts`);
    expect(out).toContain('+++ b/src/alert/service.ts');
    expect(out).toMatch(/^\+ {2}bar: barHandler,$/m);
    expect(out).toContain('--dry-run: nothing written (8 files to create, 6 to change)');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('--spec takes a whole kind spec, whose kind is the handler name unless another is given', async () => {
    // Kapacitor's hipchat spec under another name: a kind of one's own with its wire format.
    const mine = unusedName('myhip');
    const spec = path.join(root, 'dist', `${mine}.yaml`);
    const hipchat = readFileSync(path.join(root, 'generators/catalogue/hipchat.yaml'), 'utf8');
    const text = hipchat.replace(/^kind: hipchat$/m, `kind: ${mine}`);
    writeFileSync(spec, text.replace(/^ {2}property: hipChat$/m, `  property: ${mine}`));
    const c = capture();
    expect(
      await runNewHandler(['--spec', spec, '--dry-run'], { root, io: c.io, isTTY: false }),
    ).toBe(0);
    expect(c.err).toEqual([]);
    expect(c.out.join('')).toContain(`+++ b/src/services/${mine}/handler.ts`);
    const d = capture();
    expect(await runNewHandler([other, '--spec', spec], { root, io: d.io, isTTY: false })).toBe(1);
    expect(d.err.join('')).toBe(
      `new-handler: ${spec}: the spec is for "${mine}", not "${other}"\n`,
    );
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('aborts on a missing anchor, naming file and anchor, and writes nothing', async () => {
    const file = path.join(root, 'src/alert/service.ts');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('export const handlerKinds', 'export const kinds'));
    git(
      root,
      '-c',
      'user.email=t@example.com',
      '-c',
      'user.name=t',
      'commit',
      '-qam',
      'rename anchor',
    );
    try {
      const c = capture();
      expect(await runNewHandler([other], { root, io: c.io, isTTY: false })).toBe(1);
      expect(c.err.join('')).toBe(
        'new-handler: src/alert/service.ts: anchor "handlerKinds" (const object literal) not found — was it renamed?\n',
      );
      expect(git(root, 'status', '--porcelain')).toBe('');
      expect(existsSync(path.join(root, `src/services/${other}`))).toBe(false);
    } finally {
      writeFileSync(file, original);
      git(
        root,
        '-c',
        'user.email=t@example.com',
        '-c',
        'user.name=t',
        'commit',
        '-qam',
        'restore anchor',
      );
    }
  });

  it('never waits for input without a terminal', async () => {
    const child = spawn(process.execPath, ['generators/launch.js', 'new-handler'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // stdin stays open: a prompt would wait forever (and this test would time out).
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe(
      'new-handler: missing the handler name: npm run new-handler <kind> (no terminal to ask on)\n',
    );
  });

  type Row = [args: string[], exit: number, message: string];
  const rows: Row[] = [
    [[''], 1, 'the handler name is empty: give one, e.g. `npm run new-handler foo`'],
    [['Foo'], 1, '"Foo" must match ^[a-z][a-z0-9]*$ (lower-case letter first, then letters and digits): it names a folder, a config section and an API kind'],
    [['foo-bar'], 1, '"foo-bar" must match ^[a-z][a-z0-9]*$ (lower-case letter first, then letters and digits): it names a folder, a config section and an API kind'],
    [['9lives'], 1, '"9lives" must match ^[a-z][a-z0-9]*$ (lower-case letter first, then letters and digits): it names a folder, a config section and an API kind'],
    [['../evil'], 1, '"../evil" contains path or space characters: use lower-case letters and digits only, e.g. "foo2"'],
    [['log'], 1, '"log" already exists in src/services/log: pick another name, or remove it first with `npm run remove-handler log`'],
    [['slack', '--option', 'x:string'], 1, '--option: "slack" is Kapacitor\'s slack handler, whose wire format is fixed by generators/catalogue/slack.yaml; generate it without flags, or pick another name (e.g. "myslack") for a handler of your own'],
    [['httppost'], 1, '"httppost" already exists in src/services/httppost: pick another name, or remove it first with `npm run remove-handler httppost`'],
    [['alert'], 1, '"alert" is used by the host itself (a built-in or a config section): pick another name'],
    [['class'], 1, '"class" is a JavaScript reserved word: pick another name (e.g. "classhook")'],
    [['crit'], 1, '"crit" is already a property of |alert() in TICKscript: pick another name (e.g. "crithook")'],
    [['ping'], 1, '"ping" is a condenser CLI verb: pick another name (e.g. "pinghook")'],
    [['constructor'], 1, '"constructor" is a name every JavaScript object already has (Object.prototype): pick another name (e.g. "constructorhook")'],
    [['prototype'], 1, '"prototype" is a name every JavaScript object already has (Object.prototype): pick another name (e.g. "prototypehook")'],
    [[kind, '--transport', 'amqp'], 1, '--transport "amqp": use one of http-json, http-form, tcp, smtp, mqtt, snmptrap, kafka'],
    [[kind, '--transport', 'smtp', '--option', 'cc:string'], 1, '--option cc: a smtp handler sends what Kapacitor\'s smtp sends (a mail\'s From, To, Subject and HTML body), which has no room for options of its own; use --transport mqtt, kafka or http-json for a payload of your own'],
    [[kind, '--transport', 'snmptrap', '--config', 'site:string'], 1, '--config site: a snmptrap handler sends what Kapacitor\'s snmptrap sends (a trap\'s varbinds, from .data()), which has no room for options of its own; use --transport mqtt, kafka or http-json for a payload of your own'],
    [[kind, '--transport', 'mqtt', '--option', 'url:string'], 1, '--option url: "url" is already an option or config field of the mqtt transport (generators/catalogue/mqtt.yaml)'],
    [[kind, '--transport', 'kafka', '--config', 'brokers:string'], 1, '--config brokers: the kafka transport\'s config already has "brokers" (generators/catalogue/kafka.yaml)'],
    [[kind, '--transport', 'kafka', '--list-section', 'team'], 1, '--list-section: a kafka handler\'s config section is the kafka kind\'s (generators/catalogue/kafka.yaml); drop this flag'],
    [[kind, '--transport', 'mqtt', '--success', '204'], 1, '--success: a mqtt handler has no HTTP status'],
    [[kind, '--option', 'room'], 1, '--option "room": expected name:type[=default], e.g. room:string=general'],
    [[kind, '--option', 'room:strng'], 1, '--option "room:strng": unknown type "strng" (types: string, int, float, bool, duration, string-list, string-map)'],
    [[kind, '--option', 'Room:string'], 1, '--option "Room:string": name "Room" must be kebab-case (lower-case letters, digits, dashes), e.g. chat-id'],
    [[kind, '--option', 'n:int=x'], 1, '--option n: default "x" is not an int'],
    [[kind, '--option', 'd:duration=soon'], 1, '--option d: default "soon" is not a Go duration (e.g. 10s, 1m30s)'],
    [[kind, '--option', 'room:string', '--option', 'room:int'], 1, '--option room: given twice'],
    [[kind, '--option', 'class:string'], 1, '--option class: "class" is a JavaScript reserved word and cannot be a chained TICKscript method'],
    [[kind, '--config', 'url:string'], 1, '--config url: every generated handler already has "url"; drop this flag'],
    [[kind, '--option', 'message:string'], 1, '--option message: the request already carries the alert\'s message as "message" (and the service test has a "message" option); pick another name, e.g. "text"'],
    [[kind, '--transport', 'mqtt', '--config', 'message:string'], 1, '--config message: the request already carries the alert\'s message as "message" (and the service test has a "message" option); pick another name, e.g. "text"'],
    [[kind, '--option', 'site:string', '--config', 'site:int'], 1, '--option site: the config field "site" is its default when a task does not give it, so both need one type (the option is string, --config site is int)'],
    [[kind, '--config', 'n:int', '--secret', 'n'], 1, '--secret n: only string config fields can be secrets (it is int)'],
    [[kind, '--list-section', 'url'], 1, '--list-section url: "url" is already a config field; pick a key like "workspace" or "name"'],
    [[kind, '--tick-name', 'Foo'], 1, '--tick-name "Foo" must be a camelCase identifier starting with a lower-case letter, e.g. "fooBar"'],
    [[kind, '--tick-name', 'message'], 1, '--tick-name "message" is already a property of |alert() in TICKscript'],
    [[kind, '--tick-name', 'post'], 1, '--tick-name "post" is already the TICKscript property of src/services/httppost (.post()): pick another'],
    [[kind, '--tick-name', 'log'], 1, '--tick-name "log" is already the TICKscript property of src/services/log (.log()): pick another'],
    [[kind, '--tick-name', 'constructor'], 1, '--tick-name "constructor" is a name every JavaScript object already has (Object.prototype)'],
    [[kind, '--option', 'constructor:string'], 1, '--option constructor: "constructor" is a name every JavaScript object already has (Object.prototype); pick another'],
    [[kind, '--option', 'to-string:string'], 1, '--option to-string: "toString" is a name every JavaScript object already has (Object.prototype); pick another'],
    [[kind, '--config', 'value-of:int'], 1, '--config value-of: "valueOf" is a name every JavaScript object already has (Object.prototype); pick another'],
    [[kind, '--spec', '/nonexistent/spec.yaml'], 1, "--spec /nonexistent/spec.yaml: ENOENT: no such file or directory, open '/nonexistent/spec.yaml'"],
    [[kind, other], 2, `one handler name expected, got 2: ${kind} ${other}`],
  ]; // prettier-ignore

  it('has at least 15 refusals', () => expect(rows.length).toBeGreaterThanOrEqual(15));

  it.each(rows)('refuses %j', async (args, exit, message) => {
    const c = capture();
    expect(await runNewHandler(args, { root, io: c.io, isTTY: false })).toBe(exit);
    expect(c.err.join('')).toBe(`new-handler: ${message}\n`);
    expect(c.out).toEqual([]);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('refuses unknown flags as a usage error', async () => {
    const c = capture();
    expect(await runNewHandler([kind, '--bogus'], { root, io: c.io, isTTY: false })).toBe(2);
    expect(c.err.join('')).toMatch(/^new-handler: Unknown option '--bogus'/);
  });

  it('explains itself with --help', async () => {
    const c = capture();
    expect(await runNewHandler(['--help'], { root, io: c.io, isTTY: false })).toBe(0);
    expect(c.out.join('')).toContain('Usage: npm run new-handler <kind> [-- options]');
  });
});

describe('new-handler --spec, and flags new users tripped on', () => {
  let root: string;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("generates a handler with a list section, a secret and every option type, and one with a secret url, a bool fallback, .topic() and a 204; and kinds of one's own on the peer transports", async () => {
    root = gitCopy();
    const spec = path.join(root, `${pagerKind}.yaml`);
    writeFileSync(spec, pagerSpec(pagerKind));
    const c = capture();
    expect(await runNewHandler(['--spec', spec], { root, io: c.io, isTTY: false })).toBe(0);
    expect(c.err).toEqual([]);
    const config = readFileSync(path.join(root, `src/services/${pagerKind}/config.ts`), 'utf8');
    expect(config).toContain("key: 'team'");
    expect(config).toContain("token: secret('',");
    const tick = readFileSync(path.join(root, `src/services/${pagerKind}/tick.ts`), 'utf8');
    expect(tick).toContain(`property: '${pagerKind}Hook'`);

    // A Gotify/ntfy-like kind (sample-kinds.ts says what each flag is for).
    const f = capture();
    expect(await runNewHandler(notifierArgs(notifier), { root, io: f.io, isTTY: false })).toBe(0);
    expect(f.err).toEqual([]);
    const dir = path.join(root, `src/services/${notifier}`);
    expect(readFileSync(path.join(dir, 'config.ts'), 'utf8')).toMatch(
      /url: httpURL\('', '[^']*', \{ secret: true \}\)/,
    );
    const handler = readFileSync(path.join(dir, 'handler.ts'), 'utf8');
    expect(handler).toContain('success: [204]');
    expect(handler).toContain('priority: options.priority || config.priority');
    expect(handler).toMatch(/body: goMarshal\(/); // json.Marshal: no trailing newline
    expect(readFileSync(path.join(dir, 'tick.ts'), 'utf8')).toContain(
      "topic: setOption('topic', 'string')",
    );

    // Kinds of one's own on the peer transports.
    for (const args of peerKindArgs({ mq: mqKind, mail: mailKind, kaf: kafKind, trap: trapKind })) {
      const p = capture();
      expect(await runNewHandler(args, { root, io: p.io, isTTY: false }), p.err.join('')).toBe(0);
    }
    const mq = readFileSync(path.join(root, `src/services/${mqKind}/handler.ts`), 'utf8');
    expect(mq).toMatch(
      /payload: jsonString\(\{\s*room: options\.room,\s*token: config\.token,\s*message: event\.message,?\s*\}\)/,
    );
    expect(readFileSync(path.join(root, `src/services/${mailKind}/tick.ts`), 'utf8')).toContain(
      `property: '${mailKind}'`,
    );

    // Their generated tests, and a typecheck of a tree that holds such kinds, run in
    // suite-after-generation.test.ts, which generates the same kinds and runs the whole suite.
  }, 240_000);
});

describe('new-handler on a terminal', () => {
  let root: string;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The generator on a real pseudo-terminal (`script`); answers are typed when asked. */
  function onTerminal(cwd: string) {
    const child = spawn(
      'script',
      ['-qec', `${process.execPath} generators/launch.js new-handler`, '/dev/null'],
      {
        cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, CI: '', TERM: 'dumb' },
      },
    );
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    // The terminal wraps long lines (with cursor moves between them): compare the text
    // without escape sequences and without white space.
    const flat = (t: string) =>
      t
        .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '')
        .replace(/\s+/g, '');
    const waitFor = async (text: string) => {
      for (let i = 0; i < 400 && !flat(screen).includes(flat(text)); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(flat(screen)).toContain(flat(text));
    };
    return {
      child,
      screen: () => screen,
      waitFor,
      answer: async (prompt: string, text: string) => {
        await waitFor(prompt);
        screen = '';
        child.stdin.write(`${text}\r`);
      },
      exited: new Promise((resolve) => child.on('exit', resolve)),
    };
  }

  it('asks for the missing answers (plop) and generates from them', async () => {
    root = gitCopy();
    const t = onTerminal(root);
    await t.answer('Handler name', widget);
    await t.answer('Transport', '');
    await t.answer('Handler options', 'channel:string');
    await t.answer('Config fields', '');
    await t.answer('Secret config fields', 'token');
    await t.answer('List section key', '');
    await t.answer('TICKscript property name', '');
    await t.exited;
    expect(t.screen()).toContain('Wrote 8 files and changed 6.');
    expect(readFileSync(path.join(root, `src/services/${widget}/config.ts`), 'utf8')).toContain(
      "token: secret('',",
    );
    expect(readFileSync(path.join(root, `src/services/${widget}/tick.ts`), 'utf8')).toContain(
      "channel: setOption('channel', 'string')",
    );
  }, 60_000);

  it('validates the answers like the flags and writes nothing until they are valid', async () => {
    const t = onTerminal(root);
    await t.answer('Handler name', 'Bad-Name');
    await t.waitFor('"Bad-Name" must match ^[a-z][a-z0-9]*$');
    t.child.kill('SIGKILL');
    await t.exited;
    expect(existsSync(path.join(root, 'src/services/bad-name'))).toBe(false);
    const t2 = onTerminal(root);
    await t2.answer('Handler name', widget);
    await t2.waitFor(`"${widget}" already exists in src/services/${widget}`);
    t2.child.kill('SIGKILL');
    await t2.exited;
    // Names that every JavaScript object has are refused at the prompts as with the flags.
    const t3 = onTerminal(root);
    await t3.answer('Handler name', unusedName('other'));
    await t3.answer('Transport', '');
    await t3.answer('Handler options', 'constructor:string');
    await t3.waitFor('"constructor" is a name every JavaScript object already has');
    t3.child.kill('SIGKILL');
    await t3.exited;
  }, 60_000);
});
