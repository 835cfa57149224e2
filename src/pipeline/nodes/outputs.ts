// Output nodes: httpOut, httpPost, log (nodes.md §4).

import type { GoDuration } from '../../common/duration.js';
import { headerMapProblem, httpURLProblem } from '../../config/validators.js';
import { asString, field, flag, method, type NodeSpec } from '../node-spec.js';
import { setOwn } from '../../common/own.js';

export const httpOutSpec: NodeSpec<'httpOut'> = {
  type: 'httpOut',
  goType: '*pipeline.HTTPOutNode',
  chains: 'chain',
  properties: {},
};

export const httpPostSpec: NodeSpec<'httpPost'> = {
  type: 'httpPost',
  goType: '*pipeline.HTTPPostNode',
  chains: 'chain',
  properties: {
    Endpoint: method(['string'], (n, [e]) => {
      (n.extras.endpoints ??= []).push(asString(e));
    }),
    Header: method(['string', 'string'], (n, [k, v]) => {
      setOwn(n.props.headers, asString(k), asString(v));
    }),
    CaptureResponse: flag((n) => void (n.props.captureResponse = true)),
    CodeField: field('string', (n, v) => void (n.props.codeField = asString(v))),
    Timeout: field('time.Duration', (n, v) => void (n.props.timeout = (v as GoDuration).ns)),
  },
  validate(n) {
    const urls = n.extras.urls ?? [];
    const endpoints = n.extras.endpoints ?? [];
    if (urls.length >= 2) return `httpPost expects 0 or 1 arguments, got ${urls.length}`;
    if (endpoints.length > 1) return `httpPost expects 0 or 1 endpoints, got ${endpoints.length}`;
    if (urls.length === 0 && endpoints.length === 0) return 'must provide url or endpoint';
    if (urls.length > 0 && endpoints.length > 0)
      return 'only one endpoint and url may be specified';
    if (Object.keys(n.props.headers).some((k) => k.toUpperCase() === 'AUTHENTICATE')) {
      return "cannot set 'authenticate' header";
    }
    n.props.url = urls[0] ?? '';
    n.props.endpoint = endpoints[0] ?? '';
    const urlProblem = httpURLProblem(n.props.url, true);
    if (urlProblem !== undefined) return `invalid httpPost url: ${urlProblem}`;
    const headerProblem = headerMapProblem(n.props.headers);
    if (headerProblem !== undefined) return `invalid httpPost header: ${headerProblem}`;
    return undefined;
  },
};

const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

export const logSpec: NodeSpec<'log'> = {
  type: 'log',
  goType: '*pipeline.LogNode',
  chains: 'chain',
  properties: {
    // Kapacitor's Level is a string field checked in validate(); keep it raw until then.
    Level: field('string', (n, v) => void (n.extras.logLevel = asString(v))),
    Prefix: field('string', (n, v) => void (n.props.prefix = asString(v))),
  },
  validate(n) {
    const written = n.extras.logLevel;
    if (written === undefined) return undefined;
    const known = logLevels.find((l) => l === written.toUpperCase());
    if (known === undefined) return `invalid log level ${written}`;
    n.props.level = known;
    return undefined;
  },
};
