// What a handler kind is: a strict options schema and a factory for handlers. Every kind,
// built-in or generated, is defined with `defineHandlerKind` in its folder's handler.ts.

import type { z } from 'zod';
import type { Logger } from '../common/logger.js';
import type { HandlerQueueOptions } from '../delivery/queue.js';
import type { AlertEvent } from './event.js';

/** One configured handler (a topic handler, or a handler declared in a TICKscript). */
export interface AlertHandler {
  /**
   * Deliver one event. Throw a DeliveryError to report a failure with its reason.
   * `prepared` is what `prepare` returned for this event, when it ran before its turn.
   */
  handle(event: AlertEvent, signal: AbortSignal, prepared?: unknown): Promise<void>;
  /**
   * Optional: the work for an event that does not depend on when it is sent or on the
   * configuration (its encoded body). The handler's queue runs it for the next event while the
   * current delivery waits on the network.
   */
  prepare?(event: AlertEvent): unknown;
  /** Release resources (timers, connections) when the handler is removed. */
  close?(): void | Promise<void>;
}

/** How a handler's delivery queue calls it: `deliver`, and `prepare` when the handler has one. */
export function queueCalls(
  handler: AlertHandler,
): Pick<HandlerQueueOptions<AlertEvent>, 'deliver' | 'prepare'> {
  return {
    deliver: (event, signal, _attempt, prepared) => handler.handle(event, signal, prepared),
    ...(handler.prepare ? { prepare: (event: AlertEvent) => handler.prepare!(event) } : {}),
  };
}

/** Re-publishing events into topics (used by the publish and aggregate kinds). */
export interface TopicPublisher {
  collect(event: AlertEvent): void;
}

export interface HandlerContext<Svc> {
  /** The kind's service (its config and shared state), when the kind has one. */
  service: Svc;
  logger: Logger;
  topics: TopicPublisher;
  /** Identifies the handler in logs and metrics: `<topic>/<handler id>`. */
  handlerId: string;
}

export interface HandlerKindDef<O extends z.ZodObject = z.ZodObject, Svc = unknown> {
  /** The `kind` of the HTTP API and handler files (`post`, `log`, `slack`, ...). */
  kind: string;
  /** The service (folder and config section) whose instance handlers get, if any. */
  service?: string;
  /** The kind also works without its service (it applies the service's defaults). */
  optionalService?: boolean;
  /** External kinds skip events that an aggregate marked as not external. */
  external: boolean;
  /** Strict schema of the handler options (the API option names). */
  options: O;
  /** Build a handler; throw to refuse options that are valid types but unusable. */
  create(options: z.output<O>, ctx: HandlerContext<Svc>): AlertHandler;
}

export function defineHandlerKind<O extends z.ZodObject, Svc = undefined>(
  def: HandlerKindDef<O, Svc>,
): HandlerKindDef<O, Svc> {
  return def;
}

/** A handler kind with its types erased, as the registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandlerKind = HandlerKindDef<z.ZodObject, any>;
