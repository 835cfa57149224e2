// The host's own sections: [http], [auth], [storage], [logging], [alert], [config-override],
// [[influxdb]] (defined beside its client in src/influxdb/).
// Defaults are Kapacitor's where it has one; the bind address defaults to loopback.

import { z } from 'zod';
import { bool, duration, int, string, stringList } from './fields.js';
import { defineSection } from './section.js';
import { isOrigin } from './validators.js';
import { influxdbSection } from '../influxdb/config.js';

export const httpSection = defineSection({
  name: 'http',
  description: 'The HTTP API listener.',
  overridable: false,
  schema: z.strictObject({
    'bind-address': string('127.0.0.1:9092', 'host:port the HTTP API listens on'),
    'auth-enabled': bool(
      false,
      'Require basic auth or a bearer token from [auth] on every route but ping',
    ),
    'log-enabled': bool(true, 'Log every HTTP request'),
    'max-body-size': int(10 * 1024 * 1024, 'Largest accepted request body in bytes (413 above it)'),
    'shutdown-timeout': duration('10s', 'How long a graceful shutdown waits for queues to drain'),
    'cors-allowed-origins': stringList(
      [],
      'Origins (scheme://host[:port]) of other web pages allowed to call the API; the host serves its own pages (same origin) anyway',
    ),
    'allowed-hosts': stringList(
      [],
      'Host header names (or host:port) accepted besides loopback ones; when bound to loopback any other Host gets 403',
    ),
    'read-timeout': duration(
      '5s',
      'Time limit for reading a whole request, headers and body (408 after)',
    ),
    'idle-timeout': duration('15s', 'How long an idle keep-alive connection stays open'),
    'max-connections-per-client': int(
      256,
      'Concurrent connections one client address may hold (more get 503)',
    ),
  }),
  validate: (c) => {
    if (
      !/^(\[[0-9a-fA-F:.]+\]|[^:\s]*):\d{1,5}$/.test(c['bind-address']) ||
      Number(c['bind-address'].split(':').pop()) > 65535
    ) {
      return { key: 'bind-address', message: `must be host:port, got "${c['bind-address']}"` };
    }
    if (c['max-body-size'] <= 0) return { key: 'max-body-size', message: 'must be greater than 0' };
    for (const [i, o] of c['cors-allowed-origins'].entries()) {
      if (!isOrigin(o)) {
        return {
          key: `cors-allowed-origins[${i}]`,
          message: `must be an origin such as "https://console.example.com" (scheme, host and port only), got ${JSON.stringify(o)}`,
        };
      }
    }
    for (const [i, h] of c['allowed-hosts'].entries()) {
      if (!/^[A-Za-z0-9_.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(h)) {
        return {
          key: `allowed-hosts[${i}]`,
          message: `must be a host name or host:port, got ${JSON.stringify(h)}`,
        };
      }
    }
    if (c['read-timeout'] <= 0) return { key: 'read-timeout', message: 'must be greater than 0s' };
    if (c['idle-timeout'] <= 0) return { key: 'idle-timeout', message: 'must be greater than 0s' };
    if (c['max-connections-per-client'] < 1)
      return { key: 'max-connections-per-client', message: 'must be at least 1' };
    return undefined;
  },
});

const user = z.strictObject({
  username: z.string().min(1),
  /** A hash made by `condenser hash-password`; plain passwords are refused. */
  password: z.string(),
});

const token = z.strictObject({
  name: z.string().default(''),
  /** `sha256:<hex>` of the bearer token (`condenser hash-password --token`). */
  hash: z.string(),
});

export const authSection = defineSection({
  name: 'auth',
  description: 'Users and bearer tokens accepted when [http] auth-enabled is true.',
  overridable: false,
  schema: z.strictObject({
    users: z.array(user).default([]),
    tokens: z.array(token).default([]),
    'max-failures': int(
      10,
      'Failed authentications one client address may make per failure-window before 429',
    ),
    'failure-window': duration('1m', 'The window max-failures counts in'),
  }),
  validate: (c) => {
    for (const [i, u] of c.users.entries()) {
      if (!u.password.startsWith('scrypt$')) {
        return {
          key: `users[${i}].password`,
          message:
            'must be a hash made by `condenser hash-password` (plain passwords are not stored)',
        };
      }
    }
    for (const [i, t] of c.tokens.entries()) {
      if (!/^sha256:[0-9a-f]{64}$/.test(t.hash)) {
        return {
          key: `tokens[${i}].hash`,
          message: 'must be "sha256:<64 hex digits>" (`condenser hash-password --token`)',
        };
      }
    }
    if (c['max-failures'] < 1) return { key: 'max-failures', message: 'must be at least 1' };
    if (c['failure-window'] <= 0)
      return { key: 'failure-window', message: 'must be greater than 0s' };
    return undefined;
  },
});

export const storageSection = defineSection({
  name: 'storage',
  description:
    'Where the embedded store keeps tasks, topic handlers, topic state and config overrides.',
  overridable: false,
  schema: z.strictObject({
    dir: string('./.condenser', 'Directory of the embedded database'),
  }),
  validate: (c) => (c.dir === '' ? { key: 'dir', message: 'must not be empty' } : undefined),
});

const logLevels = ['debug', 'info', 'warn', 'error'] as const;

export const loggingSection = defineSection({
  name: 'logging',
  description: 'Log destination and level.',
  overridable: false,
  schema: z.strictObject({
    file: string('STDERR', 'STDERR, STDOUT or a file path'),
    level: string('INFO', 'DEBUG, INFO, WARN or ERROR'),
  }),
  validate: (c) =>
    logLevels.includes(c.level.toLowerCase() as (typeof logLevels)[number])
      ? undefined
      : { key: 'level', message: `must be one of DEBUG, INFO, WARN, ERROR, got "${c.level}"` },
});

export const alertSection = defineSection({
  name: 'alert',
  description: 'Alert topics and event delivery.',
  overridable: false,
  schema: z.strictObject({
    'topic-buffer-length': int(
      5000,
      'Events queued per topic handler before new ones are dropped (below 1000 means 5000)',
    ),
    'persist-topics': bool(true, 'Keep non-OK event state per topic across restarts'),
    'delivery-timeout': duration('30s', 'Time limit for one delivery attempt'),
    'delivery-attempts': int(
      3,
      'Attempts per event for connection errors, 5xx and 429 (1 = no retry)',
    ),
    'retry-backoff': duration('500ms', 'First retry delay; doubles per attempt, with jitter'),
    'retry-max-backoff': duration('30s', 'Longest retry delay, Retry-After included'),
  }),
  validate: (c) => {
    if (c['delivery-attempts'] < 1)
      return { key: 'delivery-attempts', message: 'must be at least 1' };
    if (c['delivery-timeout'] <= 0)
      return { key: 'delivery-timeout', message: 'must be greater than 0s' };
    return undefined;
  },
});

export const configOverrideSection = defineSection({
  name: 'config-override',
  description: 'Changing handler sections through /kapacitor/v1/config.',
  overridable: false,
  schema: z.strictObject({
    enabled: bool(true, 'Serve /kapacitor/v1/config (403 when false)'),
  }),
});

export const execSection = defineSection({
  name: 'exec',
  description: 'Whether `exec` handlers (topic handlers and TICKscript .exec()) may run programs.',
  overridable: false,
  schema: z.strictObject({
    enabled: bool(true, 'Allow exec handlers at all (false refuses them with 403)'),
    'allowed-programs': stringList(
      [],
      'Programs exec handlers may run (absolute paths, matched exactly); empty = any',
    ),
  }),
  validate: (c) => {
    for (const [i, prog] of c['allowed-programs'].entries()) {
      if (!prog.startsWith('/'))
        return {
          key: `allowed-programs[${i}]`,
          message: `must be an absolute path, got ${JSON.stringify(prog)}`,
        };
    }
    return undefined;
  },
});

export const coreSections = {
  http: httpSection,
  auth: authSection,
  storage: storageSection,
  logging: loggingSection,
  alert: alertSection,
  'config-override': configOverrideSection,
  exec: execSection,
  influxdb: influxdbSection,
};
