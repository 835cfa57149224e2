import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/section.js';

function tomlFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'condenser-config-'));
  const path = join(dir, 'kapacitor.conf');
  writeFileSync(path, text);
  return path;
}

function loadError(options: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig(options);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses embedded defaults with no file', () => {
    const { config } = loadConfig({ env: {} });
    expect(config.http['bind-address']).toBe('127.0.0.1:9092');
    expect(config.http['auth-enabled']).toBe(false);
    expect(config.storage.dir).toBe('./.condenser');
    expect(config.alert['topic-buffer-length']).toBe(5000);
    expect(config.alert['persist-topics']).toBe(true);
    expect(config.alert['delivery-timeout']).toBe(30e9);
    expect(config.httppost).toEqual([
      {
        endpoint: 'example',
        url: 'http://example.com',
        headers: {},
        'basic-auth': undefined,
        'alert-template': '',
        'alert-template-file': '',
        'row-template': '',
        'row-template-file': '',
      },
    ]);
  });

  it('reads a kapacitor.conf-style file with list sections keyed by endpoint', () => {
    const path = tomlFile(`
[http]
  bind-address = "127.0.0.1:9999"
[storage]
  dir = "/tmp/x"
[alert]
  delivery-timeout = "1m30s"
[[httppost]]
  endpoint = "a"
  url = "http://a.example"
  headers = { Authorization = "x" }
  basic-auth = { username = "u", password = "p" }
[[httppost]]
  endpoint = "b"
  url = "http://b.example"
`);
    const { config, source } = loadConfig({ path, env: {} });
    expect(source).toBe(path);
    expect(config.http['bind-address']).toBe('127.0.0.1:9999');
    expect(config.alert['delivery-timeout']).toBe(90e9);
    expect(config.httppost.map((e) => e.endpoint)).toEqual(['a', 'b']);
    expect(config.httppost[0]!['basic-auth']).toEqual({ username: 'u', password: 'p' });
    expect(config.httppost[0]!.headers).toEqual({ Authorization: 'x' });
  });

  it('takes the file from KAPACITOR_CONFIG_PATH', () => {
    const path = tomlFile('[storage]\n dir = "/tmp/from-env-path"\n');
    expect(loadConfig({ env: { KAPACITOR_CONFIG_PATH: path } }).config.storage.dir).toBe(
      '/tmp/from-env-path',
    );
  });

  it('applies KAPACITOR_<SECTION>_<KEY> overrides, lists by index and nested tables', () => {
    const { config } = loadConfig({
      env: {
        KAPACITOR_HTTP_BIND_ADDRESS: '127.0.0.1:1234',
        KAPACITOR_HTTP_AUTH_ENABLED: 'false',
        KAPACITOR_STORAGE_DIR: '/var/lib/x',
        KAPACITOR_ALERT_PERSIST_TOPICS: 'false',
        KAPACITOR_ALERT_TOPIC_BUFFER_LENGTH: '2000',
        KAPACITOR_HTTPPOST_0_URL: 'http://override.example',
        KAPACITOR_HTTPPOST_1_ENDPOINT: 'second',
        KAPACITOR_HTTPPOST_1_URL: 'http://second.example',
        KAPACITOR_HTTPPOST_1_BASIC_AUTH_USERNAME: 'user',
        KAPACITOR_URL: 'http://ignored:9092',
      },
    });
    expect(config.http['bind-address']).toBe('127.0.0.1:1234');
    expect(config.storage.dir).toBe('/var/lib/x');
    expect(config.alert['persist-topics']).toBe(false);
    expect(config.alert['topic-buffer-length']).toBe(2000);
    expect(config.httppost.map((e) => [e.endpoint, e.url])).toEqual([
      ['example', 'http://override.example'],
      ['second', 'http://second.example'],
    ]);
    expect(config.httppost[1]!['basic-auth']).toEqual({ username: 'user', password: '' });
  });

  it.each([
    [
      { KAPACITOR_HTTP_AUTH_ENABLED: 'yes' },
      'environment: KAPACITOR_HTTP_AUTH_ENABLED: expected true or false, got "yes"',
    ],
    [
      { KAPACITOR_ALERT_TOPIC_BUFFER_LENGTH: 'many' },
      'environment: KAPACITOR_ALERT_TOPIC_BUFFER_LENGTH: expected a number, got "many"',
    ],
    [
      { KAPACITOR_HTTP_BIND_ADDRESS: 'nowhere' },
      'environment KAPACITOR_HTTP_BIND_ADDRESS: http.bind-address: must be host:port, got "nowhere"',
    ],
    [
      { KAPACITOR_HTTPPOST_3_URL: 'http://x' },
      'environment: KAPACITOR_HTTPPOST_3_...: index 3 skips elements: [[httppost]] has 1; use index 1 to add one',
    ],
  ])('rejects bad environment values %j', (env, message) => {
    expect(loadError({ env }).message).toBe(message);
  });

  it.each([
    ['[http]\nbind-address = 9092\n', 'http.bind-address: expected a string, got integer 9092'],
    [
      '[http]\nauth-enabled = "yes"\n',
      'http.auth-enabled: expected a boolean (true or false), got string "yes"',
    ],
    ['[http]\nbind-adress = "x:1"\n', 'http.bind-adress: unknown key'],
    [
      '[alert]\ndelivery-timeout = "soon"\n',
      'alert.delivery-timeout: invalid duration "soon" (use Go form, e.g. "30s", "1h30m")',
    ],
    ['[alert]\ndelivery-attempts = 0\n', 'alert.delivery-attempts: must be at least 1'],
    [
      '[logging]\nlevel = "LOUD"\n',
      'logging.level: must be one of DEBUG, INFO, WARN, ERROR, got "LOUD"',
    ],
    ['[[httppost]]\nendpoint = "a"\n', 'httppost[0].url: must be set'],
    [
      '[[httppost]]\nendpoint = "a"\nurl = "http://a"\n[[httppost]]\nendpoint = "a"\nurl = "http://b"\n',
      'httppost[1].endpoint: duplicate endpoint "a"',
    ],
    [
      '[[httppost]]\nendpoint = "a"\nurl = "http://a"\nalert-template-file = "rel.tmpl"\n',
      'httppost[0].alert-template-file: must be an absolute path, got "rel.tmpl"',
    ],
    [
      '[[auth.users]]\nusername = "admin"\npassword = "secret"\n',
      'auth.users[0].password: must be a hash made by `condenser hash-password` (plain passwords are not stored)',
    ],
    ['http = 5\n', 'http: expected a table [http], got integer 5'],
  ])('rejects invalid values in the file: %j', (text, message) => {
    const path = tomlFile(text);
    const err = loadError({ path, env: {} });
    expect(err.message).toBe(`${path}: ${message}`);
    expect(err.message).not.toContain('secret');
  });

  it('reports TOML syntax errors with line and column', () => {
    const path = tomlFile('[http]\nbind-address = "127.0.0.1:9092\n');
    const err = loadError({ path, env: {} });
    expect(err.message).toMatch(new RegExp(`^${path}: line 2, column \\d+: invalid TOML: `));
  });

  it('names a missing file', () => {
    expect(loadError({ path: '/nonexistent/kapacitor.conf', env: {} }).message).toBe(
      '/nonexistent/kapacitor.conf: file not found',
    );
  });

  it('lists unsupported sections of a real kapacitor.conf instead of failing', () => {
    const path = tomlFile(
      'hostname = "h"\n[[influxdb]]\nenabled = true\nname = "localhost"\nurls = ["http://localhost:8086"]\n[kubernetes]\nenabled = false\n',
    );
    expect(loadConfig({ path, env: {} }).ignored).toEqual([
      'hostname: not used by this host',
      '[kubernetes]: not implemented by this host',
    ]);
  });
});
