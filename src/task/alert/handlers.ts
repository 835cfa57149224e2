// Handlers declared on the alert node in TICKscript (`.post(url)`, `.log(path)`, ...). Their
// options are decoded with the kind's strict schema when the task is defined, so a bad
// option fails the definition; the handlers themselves are created when the task starts,
// with the kind's service, and attached to the node's anonymous topic.

import type { AnyHandlerKind, TopicPublisher } from '../../alert/handler.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import type { TaskHandler } from '../../alert/service.js';
import { CondenserError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { alertHandlerProperties } from '../../pipeline/alert.js';
import type { AlertHandlerDecl, AlertProps } from '../../pipeline/model.js';
import { alertNodeHandlers } from '../alert-node.js';
import type { HandlerServices } from '../task-master.js';

export class AlertHandlerError extends CondenserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('alert_handler_invalid', message, 400, options);
    this.name = 'AlertHandlerError';
  }
}

/** A declared handler whose options passed the kind's schema. */
export interface PreparedAlertHandler {
  /** `tick:<kind><n>`: unique on the topic and never a valid API handler id */
  id: string;
  /** how the script names it, for messages: `.post() at line 12:5` */
  label: string;
  kind: AnyHandlerKind;
  /** decoded by the kind's schema */
  options: unknown;
}

function labelOf(decl: AlertHandlerDecl): string {
  const property = alertHandlerProperties[decl.folder]?.property ?? decl.folder;
  return `.${property}() at line ${decl.pos.line}:${decl.pos.column}`;
}

/**
 * Decode every declared handler's options. Throws AlertHandlerError naming the handler,
 * its position and the bad option; call it when a task is defined and again at start.
 */
export function prepareAlertHandlers(props: Pick<AlertProps, 'handlers'>): PreparedAlertHandler[] {
  return props.handlers.map((decl, i) => {
    const label = labelOf(decl);
    const kind: AnyHandlerKind | undefined = alertNodeHandlers[decl.folder];
    if (!kind)
      throw new AlertHandlerError(`alert handler ${label}: no handler kind for "${decl.folder}"`);
    try {
      const options = decodeHandlerOptions(kind.kind, kind.options, decl.options);
      return { id: `tick:${kind.kind}${i}`, label, kind, options };
    } catch (err) {
      throw new AlertHandlerError(`alert handler ${label}: ${errorMessage(err)}`, { cause: err });
    }
  });
}

export interface HandlerCreation {
  topic: string;
  services: HandlerServices;
  publisher: TopicPublisher;
  logger: Logger;
}

type KindOptions = Parameters<AnyHandlerKind['create']>[0];

/**
 * Create the handlers with their kinds' services; throws AlertHandlerError if one refuses
 * (after closing those already created).
 */
export function createTaskHandlers(
  prepared: readonly PreparedAlertHandler[],
  ctx: HandlerCreation,
): TaskHandler[] {
  const services = ctx.services as unknown as Record<string, unknown>;
  const created: TaskHandler[] = [];
  try {
    for (const p of prepared) {
      const service = p.kind.service === undefined ? undefined : services[p.kind.service];
      if (p.kind.service !== undefined && service === undefined && !p.kind.optionalService) {
        throw new AlertHandlerError(
          `alert handler ${p.label}: service "${p.kind.service}" is not available`,
        );
      }
      let handler;
      try {
        handler = p.kind.create(p.options as KindOptions, {
          service,
          logger: ctx.logger.child({ topic: ctx.topic, handler: p.id, kind: p.kind.kind }),
          topics: ctx.publisher,
          handlerId: `${ctx.topic}/${p.id}`,
        });
      } catch (err) {
        throw new AlertHandlerError(
          `failed to create alert handler ${p.label}: ${errorMessage(err)}`,
          { cause: err },
        );
      }
      created.push({ id: p.id, kind: p.kind, handler, options: p.options });
    }
    return created;
  } catch (err) {
    for (const h of created) void h.handler.close?.();
    throw err;
  }
}
