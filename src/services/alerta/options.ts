// Options of a `alerta` handler: the HTTP API, handler files and `.alerta()` in TICKscript.
// Generated from generators/catalogue/alerta.yaml by `npm run new-handler alerta`: do not edit.

import { z } from 'zod';
import {
  headerSafe,
  jsonMap,
  nanoseconds,
  string,
  stringList,
  templated,
} from '../../config/fields.js';

export const alertaOptions = z.strictObject({
  token: headerSafe(string('', 'API token')),
  'token-prefix': headerSafe(
    string('', 'Token prefix of the Authorization header (default `Bearer`)'),
  ),
  resource: templated(string('{{ .Name }}', 'Alerta resource')),
  event: templated(string('{{ .ID }}', 'Alerta event name')),
  environment: templated(string('', 'Alerta environment (empty: the configured environment)')),
  group: templated(string('{{ .Group }}', 'Alerta group')),
  value: templated(string('', 'Alerta value')),
  origin: string('', 'Alerta origin'),
  service: templated(stringList([], 'Affected services (empty: the measurement)')),
  correlate: templated(stringList([], 'Correlated events (empty: the measurement)')),
  attributes: templated(
    jsonMap({}, 'Alert attributes: string values are rendered, others are sent as given'),
  ),
  timeout: nanoseconds(86400000000000, 'How long Alerta keeps the alert open'),
});

export type AlertaOptions = z.output<typeof alertaOptions>;
