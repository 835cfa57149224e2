// Bad input to the smtp kind is refused where it is given, naming what is wrong and where
// (test/helpers/bad-input.ts): malformed mail addresses (and line breaks in them), and a
// malformed from, host or port.

import { describe, expect, it } from 'vitest';
import { badInputHost, configError } from '../helpers/bad-input.js';

const { api, create, defineTask, defineFromFile } = badInputHost();

describe('smtp', () => {
  it('refuses malformed mail addresses at handler creation, from a file and in TICKscript', async () => {
    const api = await create('smtp', { to: ['oncall@example.com', 'not an address'] });
    expect(api.status).toBe(400);
    expect(api.error).toContain('option "to.1": must be an address like user@example.com');
    expect((await create('smtp', { to: ['a@b.com\r\nBcc: x@y.com'] })).error).toContain(
      'must not contain line breaks',
    );
    const file = await defineFromFile('smtp', "  to: ['@example.com']\n");
    expect(file.code).not.toBe(0);
    expect(file.err).toContain('option "to.0"');
    const tick = await defineTask(".email('oncall@', 'ok@example.com')");
    expect(tick.status).toBe(400);
    expect(tick.error).toContain('must be an address like user@example.com');
    const toField = await create('smtp', { 'to-field': ['{{ .Tags.x '] });
    expect(toField.status).toBe(400);
    expect(toField.error).toContain('option "to-field"');
  });

  it('refuses a malformed from, host or port in the config, naming the key', async () => {
    expect(configError({ smtp: { enabled: true, from: 'kapacitor' } })).toContain(
      'smtp.from: must be an address like user@example.com',
    );
    expect(configError({ smtp: { enabled: true } })).toContain(
      'smtp.from: must be set when enabled = true',
    );
    expect(configError({ smtp: { host: 'smtp://mail.example.com' } })).toContain(
      'smtp.host: must be a host name without a scheme',
    );
    expect(configError({ smtp: { port: 70000 } })).toContain(
      'smtp.port: must be between 1 and 65535',
    );
    const res = await api('POST', '/kapacitor/v1/config/smtp/', { set: { to: ['nobody'] } });
    expect(res.status).toBe(400);
    expect(res.text).toContain('to');
  });
});
