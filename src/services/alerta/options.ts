// Options of a `alerta` handler: the HTTP API, handler files and `.alerta()` in TICKscript.
// Generated from generators/catalogue/alerta.yaml by `npm run new-handler alerta`: do not edit.

import { z } from 'zod';
import { jsonMap, nanoseconds, string, stringList, templated } from '../../config/fields.js';

export const alertaOptions = z.strictObject({
  token: string('', 'API token'),
  'token-prefix': string('', 'Token prefix of the Authorization header (default `Bearer`)'),
  resource: templated(string('{{ .Name }}', 'Alerta resource (a Go template over the alert)')),
  event: templated(string('{{ .ID }}', 'Alerta event name (a Go template over the alert)')),
  environment: templated(
    string('', 'Alerta environment (a Go template; default: the configured environment)'),
  ),
  group: templated(string('{{ .Group }}', 'Alerta group (a Go template over the alert)')),
  value: templated(string('', 'Alerta value (a Go template over the alert)')),
  origin: string('', 'Alerta origin'),
  service: templated(stringList([], 'Affected services (Go templates; default: the measurement)')),
  correlate: templated(
    stringList([], 'Correlated events (Go templates; default: the measurement)'),
  ),
  attributes: templated(
    jsonMap({}, 'Alert attributes: string values are Go templates, others are sent as given'),
  ),
  timeout: nanoseconds(86400000000000, 'How long Alerta keeps the alert open'),
});

export type AlertaOptions = z.output<typeof alertaOptions>;
