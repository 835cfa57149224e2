// The runtime alert node: evaluates each point or batch within its group, runs the group's
// state machine, publishes events and forwards the data of every sent event (alert-node.md).
// The pieces live next to this file: levels (lambdas), state (history, flapping, times),
// templates, event-builder, handlers, inhibitors, persistence and publisher.

import type { EventState, Fields, Row, Tags } from '../../alert/event.js';
import { Level, levelName } from '../../alert/level.js';
import { errorMessage } from '../../common/errors.js';
import type { AlertProps, PipelineNode } from '../../pipeline/model.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Batch, BatchPoint, Message, Point } from '../point.js';
import { augmentBatch, augmentPoint, batchRow, buildEvent, pointRow } from './event-builder.js';
import { createTaskHandlers, prepareAlertHandlers } from './handlers.js';
import {
  groupInhibitors,
  inhibitorRegistry,
  type Inhibitor,
  type InhibitorRegistry,
} from './inhibitors.js';
import { LevelEvaluator, PointScope, type LevelEvalFailure } from './levels.js';
import { AlertStatePersistence } from './persistence.js';
import { EventPublisher } from './publisher.js';
import { AlertGroupState, type StateOptions } from './state.js';
import { AlertTemplates } from './templates.js';

export { AlertHandlerError, prepareAlertHandlers, type PreparedAlertHandler } from './handlers.js';
export { alertStatNames } from './publisher.js';

/** Kapacitor's task master id for normal tasks. */
const TASK_MASTER_ID = 'main';

/** How long a stopped node lets its handlers' queued events drain. */
const HANDLER_DRAIN_MS = 2_000;

/** The anonymous topic of an alert node: `main:<task id>:<node name>`, e.g. `main:cpu:alert2`. */
export function anonymousTopicId(taskId: string, nodeName: string): string {
  return `${TASK_MASTER_ID}:${taskId}:${nodeName}`;
}

/**
 * Check what can be checked without running the task: template syntax, lambdas and the
 * declared handlers' options. Throws TemplateParseError, LambdaCompileError or
 * AlertHandlerError; the task layer calls it when a task is defined.
 */
export function validateAlertNode(props: AlertProps): void {
  AlertTemplates.parse(props);
  new LevelEvaluator(props, () => {});
  prepareAlertHandlers(props);
}

/** What an evaluation that triggers an event needs, for points and batches alike. */
interface Trigger {
  group: string;
  level: Level;
  time: bigint;
  /** undefined: render it now (see point()) */
  id: string | undefined;
  name: string;
  tags: Tags;
  fields: Fields;
  row: Row;
}

class AlertNodeRuntime implements NodeRuntime {
  private readonly props: AlertProps;
  private readonly templates: AlertTemplates;
  private readonly levels: LevelEvaluator;
  private readonly scope = new PointScope();
  private readonly anonTopic: string;
  private readonly hasAnonTopic: boolean;
  private readonly inhibitors: InhibitorRegistry;
  private readonly publisher: EventPublisher;
  private readonly persistence: AlertStatePersistence;
  /** Shared by every group's state machine. */
  private readonly stateOptions: StateOptions;
  /** Per group: its state machine, looked up for every point (so nothing else per group). */
  private readonly groups = new Map<string, AlertGroupState>();
  /** The inhibitors of each group, only when the node has any. */
  private readonly groupInhibitors = new Map<string, Inhibitor[]>();
  /** Set when rendering failed: Kapacitor stops the node, so later data is dropped. */
  private failed = false;

  constructor(
    node: PipelineNode<'alert'>,
    private readonly ctx: NodeContext,
  ) {
    this.props = node.props;
    const task = ctx.task;
    this.templates = AlertTemplates.parse(this.props);
    this.stateOptions = {
      history: this.props.history,
      flapping: this.props.flapping,
      stateChangesOnly: this.props.stateChangesOnly,
      maxInterval: this.props.stateChangesOnlyInterval,
    };
    this.levels = new LevelEvaluator(this.props, (f) => this.logEvalFailure(f, node.quiet));
    const prepared = prepareAlertHandlers(this.props);
    this.anonTopic = anonymousTopicId(task.taskId, node.name);
    this.hasAnonTopic = prepared.length > 0;
    if (this.hasAnonTopic) {
      const handlers = createTaskHandlers(prepared, {
        topic: this.anonTopic,
        services: task.handlerServices,
        publisher: task.alert,
        logger: ctx.logger,
      });
      task.alert.attachTaskHandlers(this.anonTopic, handlers);
    }
    const topics = [
      ...(this.hasAnonTopic ? [this.anonTopic] : []),
      ...(this.props.topic ? [this.props.topic] : []),
    ];
    this.inhibitors = inhibitorRegistry(task.alert);
    this.publisher = new EventPublisher(task.alert, topics, this.inhibitors, ctx.stats);
    this.persistence = new AlertStatePersistence(task.store, task.taskId, node.name, ctx.logger);
  }

  receive(msg: Message): void {
    if (this.failed) return;
    try {
      if (msg.kind === 'point') this.point(msg.point);
      else this.batch(msg.batch);
    } catch (err) {
      // A template execution error fails the node in Kapacitor (the task stops processing
      // this branch); nothing else here is expected to throw.
      this.failed = true;
      this.ctx.stats.errors++;
      this.ctx.logger.error({ err: errorMessage(err) }, 'node failed');
    }
  }

  async stop(): Promise<void> {
    for (const list of this.groupInhibitors.values())
      for (const i of list) this.inhibitors.remove(i);
    this.groups.clear();
    this.groupInhibitors.clear();
    if (this.hasAnonTopic)
      await this.ctx.task.alert.detachTaskHandlers(this.anonTopic, HANDLER_DRAIN_MS);
  }

  // ---- stream ----

  private point(p: Point): void {
    // A template that cannot fail is rendered only for points that trigger; any other is
    // rendered for every point, as Kapacitor does, so its errors stop the node alike.
    const id = this.templates.idCannotFail ? undefined : this.renderId(p.name, p.group, p.tags);
    const g = this.group(p.group, p.tags, p.time);
    const level = this.levels.determineLevel(
      this.scope.set(p.fields, p.tags, p.time),
      g.currentLevel,
    );
    g.addEvent(p.time, level);
    if (!g.sendsPoint(level)) return;
    const state = this.trigger(g, {
      group: p.group,
      level,
      time: p.time,
      id,
      name: p.name,
      tags: p.tags,
      fields: p.fields,
      row: pointRow(p),
    });
    if (state) this.ctx.emit({ kind: 'point', point: augmentPoint(p, this.props, state) });
  }

  // ---- batch (§6) ----

  private batch(b: Batch): void {
    const id = this.renderId(b.name, b.group, b.tags);
    const g = this.group(b.group, b.tags, b.tmax);
    if (b.points.length === 0) return;
    const current = g.currentLevel;
    let lowest = Level.CRITICAL;
    let highest = Level.OK;
    let highestPoint: BatchPoint = b.points[0]!;
    b.points.forEach((bp, i) => {
      // Batch points normally carry every tag; fall back to the group's tags.
      const scope = this.scope.set(bp.fields, { ...b.tags, ...bp.tags }, bp.time);
      const l = this.levels.determineLevel(scope, current);
      if (l < lowest) lowest = l;
      if (l > highest || i === 0) {
        highest = l;
        highestPoint = bp;
      }
    });
    const level = this.props.all ? lowest : highest;
    const time = this.props.all || level === Level.OK ? b.tmax : highestPoint.time;
    g.addEvent(time, level);
    if (!g.sendsBatch(level)) return;
    const state = this.trigger(g, {
      group: b.group,
      level,
      time,
      id,
      name: b.name,
      tags: b.tags,
      fields: highestPoint.fields,
      row: batchRow(b),
    });
    if (state) this.ctx.emit({ kind: 'batch', batch: augmentBatch(b, this.props, state) });
  }

  // ---- shared ----

  private renderId(name: string, group: string, tags: Tags): string {
    const task = this.ctx.task;
    return this.templates.renderId({
      name,
      taskName: task.taskId,
      group,
      tags,
      serverInfo: task.serverInfo,
    });
  }

  /** The group's state, created on its first message (restoring a persisted level). */
  private group(key: string, tags: Tags, time: bigint): AlertGroupState {
    let g = this.groups.get(key);
    if (g) return g;
    g = new AlertGroupState(this.stateOptions);
    const restored = this.persistence.take(key);
    if (restored) g.restore(time, restored);
    if (this.props.inhibitors.length > 0) {
      const inhibitors = groupInhibitors(this.props.inhibitors, tags);
      for (const i of inhibitors) {
        i.active = g.currentLevel !== Level.OK;
        this.inhibitors.add(i);
      }
      this.groupInhibitors.set(key, inhibitors);
    }
    this.groups.set(key, g);
    return g;
  }

  /**
   * Trigger bookkeeping for an evaluation that passed suppression, then build, publish and
   * return the event state; undefined when noRecoveries swallows an OK.
   */
  private trigger(g: AlertGroupState, t: Trigger): EventState | undefined {
    g.triggered(t.time);
    const inhibitors = this.groupInhibitors.get(t.group);
    if (inhibitors) for (const i of inhibitors) i.active = t.level !== Level.OK;
    this.persistence.save(t.group, t.level, g.firstTriggered, g.lastTriggered);
    if (this.props.noRecoveries && t.level === Level.OK) return undefined;

    const task = this.ctx.task;
    const duration = g.duration();
    const id = t.id ?? this.renderId(t.name, t.group, t.tags);
    const { message, details } = this.templates.renderMessageAndDetails({
      name: t.name,
      taskName: task.taskId,
      group: t.group,
      tags: t.tags,
      serverInfo: task.serverInfo,
      id,
      fields: t.fields,
      level: t.level,
      time: t.time,
      duration,
    });
    const state: EventState = {
      id,
      message,
      details,
      time: t.time,
      duration,
      level: t.level,
    };
    const event = buildEvent({
      state,
      name: t.name,
      taskName: task.taskId,
      category: this.props.category,
      group: t.group,
      tags: t.tags,
      fields: t.fields,
      recoverable: !this.props.noRecoveries,
      row: t.row,
    });
    // What `condenser watch` shows of each event (Kapacitor's AlertTriggered diagnostic).
    this.ctx.logger.debug(
      { id, alert_level: levelName(t.level), message: event.state.message },
      'alert triggered',
    );
    this.publisher.publish(event);
    return state;
  }

  private logEvalFailure(f: LevelEvalFailure, quiet: boolean): void {
    if (quiet) return;
    const msg =
      f.kind === 'level'
        ? 'error evaluating expression for level'
        : 'error evaluating reset expression for current level';
    this.ctx.logger.error({ level: levelName(f.level), err: errorMessage(f.error) }, msg);
  }
}

export const alertNodeFactory: NodeFactory<'alert'> = (node, ctx) =>
  new AlertNodeRuntime(node, ctx);
