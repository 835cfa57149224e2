// Running the fenced examples of a Markdown page (README.md, src/services/<kind>/README.md)
// against real parts the test starts: the host (in-process, on a free port), an HTTP receiver,
// a TCP receiver and InfluxDB, as a reader would paste them into a shell.
//
// The fence's info string says what a block is:
//   ```toml file=kapacitor.conf   the content of that file, in the example's directory
//   ```sh                         commands run in order; each must succeed (exit 0; curl: HTTP 2xx)
//   ```console                    a transcript: `$ ` lines are run and what they print compared;
//                                 `$ cat FILE` followed by lines writes FILE; after
//                                 `# the receiver on 127.0.0.1:8080 got:` come the requests it
//                                 must have received (in any order); `…` matches any text in a line
//   ```<lang> not-run="reason"    not run, for the reason given (the tests list them)
//
// Addresses: examples talk to the host on 127.0.0.1:9092 (or localhost:9092), a receiver on
// 127.0.0.1:8080 (answers 200) and InfluxDB on 127.0.0.1:8086; any other 127.0.0.1 port has
// nothing listening. They are rewritten to the real ones going in (commands, files) and back
// coming out (what a command printed). The host starts when a command first needs it, from the
// example's kapacitor.conf if there is one (`condenser serve --config FILE` starts it from
// FILE), with its store in the example's directory. Read-only commands in a transcript (show,
// list, ...) are run again until they print what is shown: delivery happens in the background.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/index.js';
import { memoryLogger, type LogRecord } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/load.js';
import { Server } from '../../src/server/server.js';
import { freePort, startInfluxd, type Influxd } from './influxdb.js';
import { startHTTPReceiver, startTCPReceiver, type HTTPReceiver } from './receivers.js';

// ---- the page ----

export interface Block {
  /** The first word of the info string (`sh`, `toml`, ...; '' when none). */
  lang: string;
  /** `key=value` words of the info string (`file`, `not-run`). */
  attrs: Record<string, string>;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The `## ` heading the block is under ('' before the first). */
  section: string;
}

/** Every fenced block of a Markdown page, with its info string parsed. */
export function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) {
      const heading = /^## (.*)$/.exec(lines[i]!);
      if (heading) section = heading[1]!.trim();
      continue;
    }
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== fence; j++) {
      const l = lines[j]!;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    const [lang = '', ...rest] = info.trim().split(/\s+/);
    const attrs: Record<string, string> = {};
    for (const m of rest.join(' ').matchAll(/([\w-]+)=(?:"([^"]*)"|(\S+))/g)) {
      attrs[m[1]!] = m[2] ?? m[3]!;
    }
    blocks.push({ lang, attrs, text: body.join('\n') + '\n', line: i + 1, section });
    i = j;
  }
  return blocks;
}

// ---- shell words ----

export interface ShellLine {
  words: string[];
  /** It uses a pipe, a redirection or a list operator: only a shell can run it. */
  needsShell: boolean;
}

/** Split a command line as a POSIX shell does: quotes, `$'...'`, backslashes, comments. */
export function shellWords(line: string): ShellLine {
  const words: string[] = [];
  let word: string | undefined;
  let needsShell = false;
  const push = (s: string) => (word = (word ?? '') + s);
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      push(line.slice(i + 1, end));
      i = end;
    } else if (c === '$' && line[i + 1] === "'") {
      let s = '';
      for (i += 2; i < line.length && line[i] !== "'"; i++) {
        if (line[i] !== '\\') {
          s += line[i];
          continue;
        }
        const e = line[++i]!;
        s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      }
      push(s);
    } else if (c === '"') {
      let s = '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1] ?? '')) i++;
        s += line[i];
      }
      push(s);
    } else if (c === '\\') {
      push(line[++i] ?? '');
    } else {
      if ('|&;<>'.includes(c)) needsShell = true;
      push(c);
    }
  }
  if (word !== undefined) words.push(word);
  return { words, needsShell };
}

/** The commands of a `sh` block: continuation lines joined, blank and comment lines dropped. */
export function commandsOf(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = pending + raw;
    if (line.trimEnd().endsWith('\\')) {
      pending = line.trimEnd().slice(0, -1) + ' ';
      continue;
    }
    pending = '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    out.push(line.trim());
  }
  return out;
}

// ---- transcripts ----

export type Step =
  | { kind: 'file'; name: string; text: string }
  | { kind: 'run'; command: string; expected: string[] }
  | { kind: 'received'; expected: string[] };

const receivedHeading = /^# the receiver on 127\.0\.0\.1:8080 got:$/;

export function transcriptSteps(text: string): Step[] {
  const groups: Array<{ head: string; lines: string[] }> = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ') || receivedHeading.test(line)) groups.push({ head: line, lines: [] });
    else if (groups.length > 0) groups.at(-1)!.lines.push(line);
    else throw new Error(`transcript line before any command: ${line}`);
  }
  return groups.map(({ head, lines }): Step => {
    if (!head.startsWith('$ ')) return { kind: 'received', expected: lines };
    const command = head.slice(2).trim();
    const cat = /^cat (\S+)$/.exec(command);
    return cat
      ? { kind: 'file', name: cat[1]!, text: lines.join('\n') + '\n' }
      : { kind: 'run', command, expected: lines };
  });
}

/** Lines as compared: trailing spaces and trailing blank lines do not count. */
function comparable(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * `expected` with each line holding `…` replaced by the actual line when it matches, so a
 * mismatch shows as a plain diff of the rest.
 */
export function resolveWildcards(expected: string[], actual: string[]): string[] {
  return expected.map((e, i) => {
    if (!e.includes('…')) return e;
    const re = new RegExp(
      `^${e
        .split('…')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*?')}$`,
    );
    const a = actual[i];
    return a !== undefined && re.test(a) ? a : e;
  });
}

// ---- the scene: a directory, the host and its peers ----

export interface CommandResult {
  code: number;
  /** stdout then stderr, addresses rewritten back to the documented ones */
  out: string;
}

export interface SceneOptions {
  /** KAPACITOR_* variables the host starts with (nothing else of the environment is used). */
  hostEnv?: (scene: Scene) => Record<string, string>;
  /** InfluxDB for 127.0.0.1:8086, shared by scenes (default: one of the scene's own). */
  influxd?: () => Promise<Influxd>;
}

const readOnlyVerbs = new Set([
  'show',
  'show-topic',
  'show-topic-handler',
  'list',
  'vars',
  'stats',
]);
const localVerbs = new Set(['config', 'version', 'hash-password', 'help', '--help']);

export class Scene {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'condenser-docs-'));
  host: { server: Server; logs: LogRecord[] } | undefined;
  receiver: HTTPReceiver | undefined;
  tcp: { address: string; messages: Buffer[] } | undefined;
  private influxd: Influxd | undefined;
  private ownInfluxd = false;
  private readonly closedPorts = new Map<string, string>();
  /** Requests of the receiver already compared. */
  private seen = 0;
  /** What a read-only command printed last while it was run again (shown if the test times out). */
  lastAttempt: { command: string; out: string } | undefined;

  constructor(private readonly options: SceneOptions = {}) {}

  get hostAddress(): string | undefined {
    return this.host?.server.url.replace(/^http:\/\//, '');
  }

  /** Files of earlier examples the page refers to ("the kapacitor.conf above"). */
  writeFiles(files: ReadonlyMap<string, string>): Promise<void[]> {
    return Promise.all([...files].map(([name, text]) => this.writeFile(name, text)));
  }

  async writeFile(name: string, text: string): Promise<void> {
    // The host's own address in a file (its bind-address) is set when it starts.
    writeFileSync(path.join(this.dir, name), await this.mapIn(text, false));
  }

  /** Documented addresses → the real ones (starting what they name). */
  async mapIn(text: string, withHost = true): Promise<string> {
    let out = text;
    for (const m of new Set(text.match(/\b(?:127\.0\.0\.1|localhost):\d+\b/g) ?? [])) {
      const [hostName, port] = m.split(':') as [string, string];
      let real: string | undefined;
      if (port === '9092') {
        if (!withHost) continue;
        await this.ensureHost();
        real = this.hostAddress;
      } else if (hostName === 'localhost') {
        continue;
      } else if (port === '8080') {
        real = (await this.ensureReceiver()).url.replace(/^http:\/\/|\/alert$/g, '');
      } else if (port === '8086') {
        if (!this.influxd) {
          this.ownInfluxd = this.options.influxd === undefined;
          this.influxd = await (this.options.influxd ?? startInfluxd)();
        }
        real = this.influxd.url.replace(/^http:\/\//, '');
      } else {
        real = this.closedPorts.get(port) ?? `127.0.0.1:${await freePort()}`;
        this.closedPorts.set(port, real);
      }
      out = out.replace(new RegExp(`\\b${m.replace(/\./g, '\\.')}\\b`, 'g'), real!);
    }
    return out;
  }

  /** The real addresses → the documented ones, in what a command printed. */
  mapOut(text: string): string {
    const pairs: Array<[string | undefined, string]> = [
      [this.hostAddress, '127.0.0.1:9092'],
      [this.receiver?.url.replace(/^http:\/\/|\/alert$/g, ''), '127.0.0.1:8080'],
      [this.influxd?.url.replace(/^http:\/\//, ''), '127.0.0.1:8086'],
      ...[...this.closedPorts].map(([port, real]): [string, string] => [real, `127.0.0.1:${port}`]),
    ];
    let out = text;
    for (const [real, shown] of pairs) {
      if (real !== undefined)
        out = out.replace(new RegExp(`\\b${real.replace(/\./g, '\\.')}\\b`, 'g'), shown);
    }
    return out;
  }

  async ensureReceiver(): Promise<HTTPReceiver> {
    this.receiver ??= await startHTTPReceiver();
    return this.receiver;
  }

  async ensureTCP(): Promise<{ address: string; messages: Buffer[] }> {
    this.tcp ??= await startTCPReceiver(() => 'ok');
    return this.tcp;
  }

  /** Start the host from `config` (default kapacitor.conf, if the example has one). */
  async ensureHost(config = 'kapacitor.conf'): Promise<void> {
    if (this.host) return;
    const file = path.join(this.dir, config);
    const { config: loaded } = loadConfig({
      path: existsSync(file) ? file : undefined,
      env: this.options.hostEnv?.(this) ?? {},
    });
    const logger = memoryLogger();
    const server = await Server.start(
      {
        ...loaded,
        http: { ...loaded.http, 'bind-address': '127.0.0.1:0' },
        storage: { dir: path.resolve(this.dir, loaded.storage.dir) },
      },
      { logger },
    );
    this.host = { server, logs: logger.records };
  }

  /** Run one command line; `retry` runs a read-only one again until `done` holds. */
  async run(line: string, done?: (r: CommandResult) => boolean): Promise<CommandResult> {
    const mapped = await this.mapIn(line);
    const { words, needsShell } = shellWords(mapped);
    if (words[0] === 'npm') {
      throw new Error(`npm commands change the repository and are not run here: ${line}`);
    }
    const run =
      words[0] === 'npx' && words[1] === 'condenser' && !needsShell
        ? () => this.condenser(words.slice(2))
        : () => this.shell(mapped);
    const readOnly = words[0] === 'npx' && readOnlyVerbs.has(words[2] ?? '');
    for (;;) {
      const r = await run();
      const result = { code: r.code, out: this.mapOut(r.out) };
      if (!done || !readOnly || done(result)) {
        this.lastAttempt = undefined;
        return result;
      }
      this.lastAttempt = { command: line, out: result.out };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** `npx condenser ...`, in this process, in the example's directory. */
  private async condenser(args: string[]): Promise<{ code: number; out: string }> {
    const verb = args[0] ?? '';
    if (verb === 'serve') return this.serve(args);
    if (!localVerbs.has(verb)) await this.ensureHost();
    let out = '';
    let err = '';
    const cwd = process.cwd();
    const url = process.env.KAPACITOR_URL;
    process.chdir(this.dir);
    if (this.host) process.env.KAPACITOR_URL = this.host.server.url;
    try {
      const code = await runCli(args, {
        out: (t) => (out += t),
        err: (t) => (err += t),
      });
      return { code, out: out + err };
    } finally {
      process.chdir(cwd);
      if (url === undefined) delete process.env.KAPACITOR_URL;
      else process.env.KAPACITOR_URL = url;
    }
  }

  /**
   * `condenser serve --config FILE`: starts the example's host; with one running, a second
   * host is started on the same data directory (it stops at once, saying why).
   */
  private async serve(args: string[]): Promise<{ code: number; out: string }> {
    const i = args.findIndex((a) => a === '--config' || a === '-config');
    const config = i >= 0 ? args[i + 1]! : 'kapacitor.conf';
    if (!this.host) {
      await this.ensureHost(config);
      return { code: 0, out: '' };
    }
    const storage = loadConfig({ path: path.join(this.dir, config), env: {} }).config.storage.dir;
    if (path.resolve(this.dir, storage) !== this.host.server.store.path.replace(/\/[^/]+$/, '')) {
      throw new Error('a second host on another data directory would run until stopped');
    }
    const cwd = process.cwd();
    process.chdir(this.dir);
    let out = '';
    try {
      const code = await runCli(args, { out: (t) => (out += t), err: (t) => (out += t) });
      return { code, out };
    } finally {
      process.chdir(cwd);
    }
  }

  /** Anything else (curl, pipelines with jq) through bash, in the example's directory. */
  private shell(line: string): Promise<{ code: number; out: string }> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C' };
    return new Promise((resolve) => {
      execFile('bash', ['-c', line], { cwd: this.dir, env }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: stdout + stderr });
      });
    });
  }

  /** A `sh` line: must succeed; a curl must get a 2xx (its status is what it prints here). */
  async runChecked(line: string): Promise<CommandResult> {
    const { words } = shellWords(line);
    const curl = words[0] === 'curl';
    const r = await this.run(curl ? `${line} -sS -o /dev/null -w '%{http_code}'` : line);
    // The status is curl's whole stdout, which comes first: the machine's shell may add
    // noise of its own on stderr (a pyenv shim's rehash racing another).
    if (r.code !== 0 || (curl && !/^2\d\d(?!\d)/.test(r.out))) {
      throw new Error(`\`${line}\` failed (exit ${r.code}):\n${r.out}`);
    }
    return r;
  }

  /** The receiver's requests since the last check, once there are `count` of them. */
  async received(count: number): Promise<string[]> {
    const receiver = await this.ensureReceiver();
    await receiver.waitFor(this.seen + count);
    const got = receiver.received.slice(this.seen, this.seen + count);
    this.seen += count;
    return got.map((r) => this.mapOut(`${r.method} ${r.url} ${r.body}`.trimEnd()));
  }

  async close(): Promise<void> {
    await this.host?.server.close();
    if (this.ownInfluxd) await this.influxd?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Run a transcript block step by step; returns what to compare for each step. */
export async function runTranscript(
  scene: Scene,
  text: string,
  compare: (what: string, actual: string[], expected: string[]) => void,
): Promise<void> {
  for (const step of transcriptSteps(text)) {
    if (step.kind === 'file') {
      await scene.writeFile(step.name, step.text);
    } else if (step.kind === 'received') {
      const expected = step.expected.filter((l) => l.trim() !== '');
      const actual = await scene.received(expected.length);
      compare('the receiver got', [...actual].sort(), [...expected].sort());
    } else {
      const expected = comparable(step.expected.join('\n'));
      const matches = (r: CommandResult) => {
        const actual = comparable(r.out);
        return JSON.stringify(resolveWildcards(expected, actual)) === JSON.stringify(actual);
      };
      const r = await scene.run(step.command, matches);
      const actual = comparable(r.out);
      compare(`$ ${step.command}`, actual, resolveWildcards(expected, actual));
    }
  }
}
