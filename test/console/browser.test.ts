// The console in a real browser (Debian's chromium, driven by playwright-core) against a real
// host with a real store and real receivers on 127.0.0.1: configure an endpoint, send a test
// alert, watch a topic turn critical live, manage topic handlers and tasks, sign in, and use it
// with the keyboard at desktop and phone sizes. Screenshots of every page go to
// test-results/screenshots (gitignored).

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigResponse, TopicHandlerResponse } from '../../src/api/kapacitor.js';
import { ensureConsoleBuilt } from '../../src/console/build.js';
import { hashToken } from '../../src/server/auth.js';
import { offsetOf, scriptPosition } from '../../console/lib/messages.js';
import { launchBrowser, screenshot, type TestBrowser } from '../helpers/browser.js';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, refusedPort, startHTTPReceiver } from '../helpers/receivers.js';

let browser: TestBrowser;
let host: Host;
/** Page errors and console errors (a CSP violation is one): none are expected. */
const errors: string[] = [];

beforeAll(async () => {
  await ensureConsoleBuilt();
  browser = await launchBrowser();
  host = await startHost();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await closeAll();
});

/**
 * An expression run in the page. Written as text: this file is compiled for Node (no DOM
 * types); the browser evaluates it.
 */
const inPage = (expression: string) => `(() => (${expression}))()`;

/** Form controls without a label, an aria-label or (buttons) text, as HTML snippets. */
const unlabelledControls = `[...document.querySelectorAll('input, select, textarea, button')]
  .filter((e) => !((e.labels && e.labels.length > 0) || e.getAttribute('aria-label') ||
    e.getAttribute('aria-labelledby') || (e.tagName === 'BUTTON' && e.textContent.trim() !== '')))
  .map((e) => e.outerHTML.slice(0, 120))`;

const wide = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

async function open(route: string, viewport = wide, on: Host = host): Promise<Page> {
  const page = await browser.page(viewport, { errors });
  await page.goto(`${on.url}/console/#/${route}`);
  await page.locator('main h1').first().waitFor();
  return page;
}

async function config(): Promise<ConfigResponse> {
  return (await host.api('GET', '/kapacitor/v1/config')).json as ConfigResponse;
}

const exampleOptions = async () => (await config()).sections.httppost!.elements[0]!.options;

describe('alert endpoints', () => {
  it('configures an endpoint: the override shows in GET /kapacitor/v1/config, and Reset removes it', async () => {
    const page = await open('endpoints');
    await expect(page.locator('.endpoint-card').first()).toBeTruthy();
    await screenshot(page, 'endpoints');
    await page.getByRole('link', { name: 'httppost' }).click();
    await page.getByRole('heading', { level: 1, name: 'httppost' }).waitFor();
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'endpoint “example”' }),
    });
    await form.getByLabel('url', { exact: true }).fill('http://127.0.0.1:9/configured');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await form.getByLabel('headers key 1').fill('X-Team');
    await form.getByLabel('headers value 1').fill('ops');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved endpoint “example”: the host uses the new values now.').waitFor();
    // Header values are secrets to the API (they often carry credentials): set, not shown.
    expect(await exampleOptions()).toMatchObject({
      url: 'http://127.0.0.1:9/configured',
      headers: { 'X-Team': '<redacted>' },
    });
    expect((await host.api('GET', '/condenser/v1/config/overrides')).json).toEqual({
      overrides: [
        { section: 'httppost', element: 'example', created: false, keys: ['headers', 'url'] },
      ],
    });
    await page.getByText('Changed here: headers, url').waitFor();
    await screenshot(page, 'endpoint-httppost');

    await page.getByRole('button', { name: 'Reset to file values' }).click();
    await page.getByText("Reset endpoint “example” to the configuration file's values.").waitFor();
    expect(await exampleOptions()).toMatchObject({ url: 'http://example.com', headers: {} });
    expect(await page.locator('#cfg-httppost-example-url').inputValue()).toBe('http://example.com');
  }, 60_000);

  it("shows the API's error next to a wrong value and saves nothing", async () => {
    const page = await open('endpoints/httppost');
    const before = await exampleOptions();
    const url = page.locator('#cfg-httppost-example-url');
    await url.fill('');
    await page.getByRole('button', { name: 'Save' }).first().click();
    const err = page.locator('#cfg-httppost-example-url-err');
    await err.waitFor();
    expect(await err.textContent()).toContain('invalid value: httppost[example].url: must be set');
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await url.getAttribute('aria-describedby')).toContain('cfg-httppost-example-url-err');
    // The longest matching name wins: alert-template-file, not alert-template.
    await url.fill('http://example.com');
    await page.locator('#cfg-httppost-example-alert-template-file').fill('relative/path.tmpl');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.locator('#cfg-httppost-example-alert-template-file-err').waitFor();
    expect(
      await page.locator('#cfg-httppost-example-alert-template-file-err').textContent(),
    ).toContain('must be an absolute path, got "relative/path.tmpl"');
    expect(await page.locator('#cfg-httppost-example-url-err').count()).toBe(0);
    await screenshot(page, 'endpoint-error');
    expect(await exampleOptions()).toEqual(before);
    expect((await host.api('GET', '/condenser/v1/config/overrides')).json).toEqual({
      overrides: [],
    });
  }, 60_000);

  it('adds and removes a list element', async () => {
    const page = await open('endpoints/httppost');
    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    await page.locator('#add-httppost-key').fill('pager');
    await page.locator('#add-httppost-url').fill('http://127.0.0.1:9/pager');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Added endpoint “pager”.').waitFor();
    const added = (await config()).sections.httppost!.elements.map((e) => e.options.endpoint);
    expect(added).toEqual(['example', 'pager']);
    await page.getByRole('button', { name: 'Remove pager' }).click();
    await page.getByRole('button', { name: 'Really remove pager' }).click();
    await page.getByText('Removed endpoint “pager”.').waitFor();
    expect((await config()).sections.httppost!.elements.map((e) => e.options.endpoint)).toEqual([
      'example',
    ]);
  }, 60_000);

  it('sends a test alert to a receiver and shows success, or the error', async () => {
    const receiver = await startHTTPReceiver();
    const page = await open('endpoints/httppost');
    await page.locator('#test-httppost-url').fill(receiver.url);
    await page.getByRole('button', { name: 'Send test alert' }).click();
    await page.getByText('Test alert sent: the service reported success.').waitFor();
    await receiver.waitFor(1);
    const got = receiver.received[0]!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/alert');
    expect(got.rawHeaders).toContain('Auth');
    expect(JSON.parse(got.body)).toMatchObject({ id: '', level: 'OK', previousLevel: 'OK' });

    const port = await refusedPort();
    await page.locator('#test-httppost-url').fill(`http://127.0.0.1:${port}/x`);
    await page.getByRole('button', { name: 'Send test alert' }).click();
    const failed = page.getByText(/^The test failed: /);
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/ECONNREFUSED|connect|refused/i);
    expect(receiver.received).toHaveLength(1);
  }, 60_000);
});

const taskScript = (topic: string) => `dbrp "telegraf"."autogen"

stream
    |from()
        .measurement('cpu')
        .groupBy('host')
    |alert()
        .crit(lambda: "usage_user" > 90)
        .message('{{ .ID }} is {{ .Level }}')
        .topic('${topic}')
`;

describe('tasks and live alerts', () => {
  it('defines a task in the form, then a write turns its topic critical without reloading', async () => {
    const page = await open('tasks/new');
    await page.getByLabel('id', { exact: true }).fill('console_cpu');
    await page.getByLabel('TICKscript').fill(taskScript('console_cpu'));
    await page.getByRole('button', { name: 'Define task' }).click();
    await page.getByRole('heading', { level: 1, name: 'Task console_cpu' }).waitFor();
    await page.getByText('Defined task console_cpu (enabled).').waitFor();
    const task = await host.api('GET', '/kapacitor/v1/tasks/console_cpu');
    expect(task.json).toMatchObject({ status: 'enabled', executing: true });
    await page.locator('svg.graph .node-name', { hasText: 'alert2' }).waitFor();

    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await page.evaluate(inPage("window.marker = 'same page'"));
    const write = (line: string) =>
      host.api('POST', '/kapacitor/v1/write?db=telegraf&rp=autogen', line);
    expect((await write('cpu,host=web01 usage_user=97')).status).toBe(204);
    const level = page.locator('tr[data-topic="console_cpu"] .topic-level');
    await level.getByText('CRITICAL').waitFor({ timeout: 10_000 });
    await screenshot(page, 'alerts');
    expect((await write('cpu,host=web01 usage_user=12')).status).toBe(204);
    await level.getByText('OK').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(inPage('window.marker'))).toBe('same page');

    await page.getByRole('link', { name: 'console_cpu' }).click();
    await page.getByRole('heading', { level: 1, name: 'console_cpu' }).waitFor();
    const chart = page.locator('figure.timeline svg');
    await chart.waitFor();
    const label = (await chart.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/CRITICAL at .*, OK at /);
    const event = page.locator('li.event', { hasText: 'cpu:host=web01' });
    await event.locator('.message', { hasText: 'cpu:host=web01 is OK' }).waitFor();
    await event.getByText('Data').click();
    const data = event.locator('.series');
    await data.getByRole('columnheader', { name: 'usage_user' }).waitFor();
    expect(await data.locator('h4').textContent()).toBe('cpu host=web01');
    expect(await data.locator('tbody td').last().textContent()).toBe('12');
    await screenshot(page, 'topic');

    expect((await write('cpu,host=web02 usage_user=99')).status).toBe(204);
    await page.locator('li.event .message', { hasText: 'cpu:host=web02 is CRITICAL' }).waitFor({
      timeout: 10_000,
    });
  }, 60_000);

  it('shows a TICKscript error at its line and column and stores nothing', async () => {
    const page = await open('tasks/new');
    const script =
      'stream\n    |from()\n        .measurement(\'cpu\')\n    |alert()\n        .crit(lambda: "x" > )\n';
    await page.getByLabel('id', { exact: true }).fill('broken_task');
    await page.getByLabel('TICKscript').fill(script);
    await page.getByRole('button', { name: 'Define task' }).click();
    const err = page.locator('#task-script-err');
    await err.waitFor();
    const text = (await err.textContent()) ?? '';
    const pos = scriptPosition(text)!;
    expect(pos.line).toBe(5);
    expect(text).toContain(`Line ${pos.line}, column ${pos.column}:`);
    expect(await page.locator('.gutter .error-line').textContent()).toBe(String(pos.line));
    const caret = await page.evaluate(
      inPage('({ start: document.activeElement.selectionStart, id: document.activeElement.id })'),
    );
    expect(caret).toEqual({ start: offsetOf(script, pos), id: 'task-script' });
    await screenshot(page, 'task-error');
    expect((await host.api('GET', '/kapacitor/v1/tasks/broken_task')).status).toBe(404);
  }, 60_000);

  it('lists tasks and disables and enables one', async () => {
    const defined = await host.api('POST', '/kapacitor/v1/tasks', {
      id: 'toggle_me',
      type: 'stream',
      script: taskScript('toggle_topic'),
      status: 'enabled',
    });
    expect(defined.status).toBe(200);
    const page = await open('tasks');
    const row = page.locator('tr[data-task="toggle_me"]');
    await row.getByRole('button', { name: 'Disable toggle_me' }).click();
    await page.getByText('Task toggle_me is disabled.').waitFor();
    expect((await host.api('GET', '/kapacitor/v1/tasks/toggle_me')).json).toMatchObject({
      status: 'disabled',
      executing: false,
    });
    await row.getByRole('button', { name: 'Enable toggle_me' }).click();
    await page.getByText('Task toggle_me is enabled.').waitFor();
    expect((await host.api('GET', '/kapacitor/v1/tasks/toggle_me')).json).toMatchObject({
      status: 'enabled',
    });
    await screenshot(page, 'tasks');
  }, 60_000);
});

const handlerPath = (topic: string, id: string) =>
  `/kapacitor/v1/alerts/topics/${topic}/handlers/${id}`;

describe('topic handlers', () => {
  it('creates a handler through the form, sees it in the API and delivers to it; edits and deletes it', async () => {
    const receiver = await startHTTPReceiver();
    const page = await open('handlers');
    await page.getByRole('link', { name: 'New topic handler' }).click();
    await page.getByRole('heading', { level: 1, name: 'New topic handler' }).waitFor();
    await page.getByLabel('topic', { exact: true }).fill('form_topic');
    await page.getByLabel('id', { exact: true }).fill('to-receiver');
    await page.getByLabel('kind', { exact: true }).selectOption('post');
    await page.locator('#opt-post-url').fill(receiver.url);
    await page.locator('#opt-post-timeout').fill('5s');
    await screenshot(page, 'handler-new');
    await page.getByRole('button', { name: 'Create handler' }).click();
    await page.getByText('Created handler to-receiver of topic form_topic.').waitFor();
    const created = (await host.api('GET', handlerPath('form_topic', 'to-receiver')))
      .json as TopicHandlerResponse;
    expect(created).toMatchObject({
      kind: 'post',
      options: { url: receiver.url, timeout: 5_000_000_000 },
      match: '',
    });
    await page.locator('tr[data-handler="form_topic/to-receiver"]').waitFor();
    await screenshot(page, 'handlers');

    // The handler is real: an event of its topic reaches the receiver.
    const task = await host.api('POST', '/kapacitor/v1/tasks', {
      id: 'form_task',
      type: 'stream',
      script: taskScript('form_topic'),
      status: 'enabled',
    });
    expect(task.status).toBe(200);
    await host.api(
      'POST',
      '/kapacitor/v1/write?db=telegraf&rp=autogen',
      'cpu,host=h1 usage_user=99',
    );
    await receiver.waitFor(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ level: 'CRITICAL' });

    await page.getByRole('link', { name: 'Edit to-receiver of form_topic' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit handler to-receiver' }).waitFor();
    expect(await page.locator('#opt-post-timeout').inputValue()).toBe('5s');
    await page.getByLabel('match', { exact: true }).fill('"host" == \'h1\'');
    await page.locator('#opt-post-timeout').fill('1m');
    await page.getByRole('button', { name: 'Save handler' }).click();
    await page.getByText('Saved handler to-receiver of topic form_topic.').waitFor();
    expect((await host.api('GET', handlerPath('form_topic', 'to-receiver'))).json).toMatchObject({
      options: { url: receiver.url, timeout: 60_000_000_000 },
      match: '"host" == \'h1\'',
    });

    const row = page.locator('tr[data-handler="form_topic/to-receiver"]');
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Really delete to-receiver' }).click();
    await page.getByText('Deleted handler to-receiver of topic form_topic.').waitFor();
    expect((await host.api('GET', handlerPath('form_topic', 'to-receiver'))).status).toBe(404);
  }, 60_000);

  it("shows the API's error next to the handler field and creates nothing", async () => {
    const page = await open('handlers/new');
    await page.getByLabel('topic', { exact: true }).fill('form_topic');
    await page.getByLabel('id', { exact: true }).fill('bad id!');
    await page.locator('#opt-post-url').fill('http://127.0.0.1:9/');
    await page.getByRole('button', { name: 'Create handler' }).click();
    const err = page.locator('#handler-id-err');
    await err.waitFor();
    expect(await err.textContent()).toContain('handler ID must contain only letters');
    // A wrong duration is caught before anything is sent, next to its field.
    await page.getByLabel('id', { exact: true }).fill('good-id');
    await page.locator('#opt-post-timeout').fill('5 minutes');
    await page.getByRole('button', { name: 'Create handler' }).click();
    await page.locator('#opt-post-timeout-err').getByText('invalid duration "5 minutes"').waitFor();
    const list = await host.api('GET', '/kapacitor/v1/alerts/topics/form_topic/handlers');
    expect((list.json as { handlers: unknown[] }).handlers).toEqual([]);
  }, 60_000);

  it('imports a YAML handler file, and reports a broken one with its line and column', async () => {
    const page = await open('handlers');
    await page.setInputFiles('#import-file', {
      name: 'hook.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(
        'topic: imported\nid: from-file\nkind: post\nmatch: changed() == TRUE\noptions:\n  url: http://127.0.0.1:9/imported\n',
      ),
    });
    await page.getByText('Created handler from-file of topic imported from hook.yaml.').waitFor();
    expect((await host.api('GET', handlerPath('imported', 'from-file'))).json).toMatchObject({
      kind: 'post',
      match: 'changed() == TRUE',
      options: { url: 'http://127.0.0.1:9/imported' },
    });
    await page.locator('tr[data-handler="imported/from-file"]').waitFor();
    await page.setInputFiles('#import-file', {
      name: 'again.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        '{"topic":"imported","id":"from-file","kind":"log","options":{"path":"/tmp/x.log"}}',
      ),
    });
    await page.getByText('Replaced handler from-file of topic imported from again.json.').waitFor();
    expect((await host.api('GET', handlerPath('imported', 'from-file'))).json).toMatchObject({
      kind: 'log',
    });
    await page.setInputFiles('#import-file', {
      name: 'broken.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('topic: imported\nid: [unclosed\n'),
    });
    const failed = page.getByText(/^broken\.yaml was not imported: /);
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/invalid YAML: line \d+, column \d+/);
  }, 60_000);
});

describe('sign-in', () => {
  it('asks for the API credentials when auth is enabled; a token works', async () => {
    const secured = await startHost({
      http: { 'auth-enabled': true },
      auth: { tokens: [{ name: 'console', hash: hashToken('console-token-1') }] },
    });
    // The page is closed before its host stops: a console left open on a stopped host
    // fails its next request, which is not a fault of the page.
    const page = await browser.page(wide, { errors });
    try {
      await page.goto(`${secured.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(page.url()).toBe(`${secured.url}/console/`);
      await page.getByLabel('a token').check();
      await page.getByLabel('Token', { exact: true }).fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The host refused these credentials.').waitFor();
      await screenshot(page, 'sign-in');
      await page.getByLabel('Token', { exact: true }).fill('console-token-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
      await page.getByText('Live', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Alert endpoints' }).click();
      await page.locator('.endpoint-card').first().waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    } finally {
      await page.context().close();
      await secured.stop();
    }
  }, 60_000);
});

/** Each page, and what shows once it has loaded. */
const pages: Array<[route: string, loaded: string]> = [
  ['alerts', 'tr[data-topic="console_cpu"]'],
  ['alerts/console_cpu', 'li.event'],
  [
    'endpoints',
    '.endpoint-card .badge.neutral, .endpoint-card .badge.on, .endpoint-card .badge.off',
  ],
  ['endpoints/httppost', '#test-httppost-url'],
  ['handlers', 'table.handlers'],
  ['handlers/new', '#opt-post-url'],
  ['tasks', 'table.tasks'],
  ['tasks/console_cpu', 'svg.graph'],
];

describe('usable by everyone', () => {
  it('labels every control and fits 1280×800 and 390×844 without page-wide scrolling', async () => {
    for (const [viewport, tag] of [
      [wide, 'wide'],
      [phone, 'phone'],
    ] as const) {
      const page = await browser.page(viewport, { errors });
      for (const [route, loaded] of pages) {
        await page.goto(`${host.url}/console/#/${route}`);
        await page.locator(loaded).first().waitFor();
        const unlabelled = await page.evaluate(inPage(unlabelledControls));
        expect(unlabelled, `${tag} ${route}`).toEqual([]);
        const overflow = await page.evaluate(
          inPage('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        expect(overflow, `${tag} ${route} scrolls sideways`).toBeLessThanOrEqual(0);
        await screenshot(page, `${tag}-${route.replace(/\//g, '-')}`);
      }
    }
  }, 90_000);

  it('works with the keyboard alone: skip link, navigation, a form filled and sent', async () => {
    const page = await open('alerts');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(inPage('document.activeElement.textContent'))).toBe(
      'Skip to content',
    );
    const focusNext = async (match: (p: Page) => Promise<boolean>) => {
      for (let i = 0; i < 40; i++) {
        if (await match(page)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('focus never reached the element');
    };
    const focusedText = (text: string) => async (p: Page) =>
      (await p.evaluate(inPage("(document.activeElement.textContent || '').trim()"))) === text;
    const focusedId = (id: string) => async (p: Page) =>
      (await p.evaluate(inPage('document.activeElement.id'))) === id;

    await focusNext(focusedText('Topic handlers'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Topic handlers' }).waitFor();
    expect(await page.evaluate(inPage('document.activeElement.tagName'))).toBe('H1');
    await focusNext(focusedText('New topic handler'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New topic handler' }).waitFor();
    await focusNext(focusedId('handler-topic'));
    await page.keyboard.type('keyboard_topic');
    await page.keyboard.press('Tab');
    await page.keyboard.type('typed');
    await focusNext(focusedId('opt-post-url'));
    await page.keyboard.type('http://127.0.0.1:9/keys');
    await page.keyboard.press('Enter');
    await page.getByText('Created handler typed of topic keyboard_topic.').waitFor();
    expect((await host.api('GET', handlerPath('keyboard_topic', 'typed'))).json).toMatchObject({
      kind: 'post',
      options: { url: 'http://127.0.0.1:9/keys' },
    });
  }, 60_000);

  it('had no page errors and no blocked resources (CSP) on any page', () => {
    expect(errors).toEqual([]);
  });
});
