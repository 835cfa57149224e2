// [smtp]: configuration of the smtp handler.
// Generated from generators/catalogue/smtp.yaml by `npm run new-handler smtp`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import {
  bool,
  duration,
  email,
  emailList,
  hostName,
  port,
  secret,
  string,
  stringList,
} from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const smtpConfig = defineSection({
  name: 'smtp',
  description:
    'mails the alert through an SMTP server: Subject the message, an HTML body the details.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts by mail'),
    host: hostName('localhost', 'The SMTP server'),
    port: port(
      25,
      'Its port (465: TLS from the start; otherwise STARTTLS when the server offers it)',
    ),
    username: string('', 'AUTH user name (PLAIN or LOGIN); empty: no AUTH'),
    password: secret('', 'AUTH password'),
    'no-verify': bool(false, "Do not verify the server's TLS certificate"),
    global: bool(false, 'Send every alert here, not only those of tasks that name email'),
    'state-changes-only': bool(false, 'With global, only state changes'),
    from: email('', 'The sender: user@example.com or Name <user@example.com>'),
    to: emailList([], 'Recipients of handlers that name none'),
    'to-templates': stringList(
      [],
      'Accepted for compatibility (toTemplates in kapacitor.conf); Kapacitor stores it and never uses it',
    ),
    'idle-timeout': duration('30s', 'Close the connection after this long without a mail'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.from === '') return { key: 'from', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type SmtpConfig = z.output<typeof smtpConfig.schema>;
