// The `aggregate` handler: every interval, fold the events received into one event on
// another topic (highest level, time and duration; messages joined as details).

import { GoDuration } from '../../common/duration.js';
import { makeEvent, type AlertEvent, type Row } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { validTopicId } from '../../alert/ids.js';
import { compileHandlerTemplate } from '../../alert/templates.js';
import { aggregateOptions } from './options.js';

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

export function aggregateEvents(
  events: AlertEvent[],
  id: string,
  topic: string,
  message: string,
): AlertEvent {
  const series: Row[] = [];
  let level = events[0]!.state.level;
  let time = events[0]!.state.time;
  let duration = events[0]!.state.duration;
  for (const e of events) {
    if (e.state.level > level) level = e.state.level;
    time = max(time, e.state.time);
    duration = max(duration, e.state.duration);
    series.push(...(e.data.result.series ?? []));
  }
  return makeEvent({
    topic,
    state: {
      id,
      message,
      details: events.map((e) => e.state.message).join('\n'),
      time,
      duration,
      level,
    },
    data: { recoverable: false, result: { series } },
    noExternal: events.every((e) => e.noExternal),
  });
}

export const aggregateHandler = defineHandlerKind({
  kind: 'aggregate',
  external: false,
  options: aggregateOptions,
  create(options, { topics }) {
    if (options.interval <= 0)
      throw new OptionsError('aggregate', 'interval', 'must be greater than 0 (nanoseconds)');
    if (!validTopicId(options.topic))
      throw new OptionsError('aggregate', 'topic', `invalid topic id "${options.topic}"`);
    const template = compileHandlerTemplate('aggregate message', options.message);
    let buffer: AlertEvent[] = [];
    const timer = setInterval(
      () => {
        if (buffer.length === 0) return;
        const events = buffer;
        buffer = [];
        const message = template.render({
          Count: BigInt(events.length),
          Interval: new GoDuration(BigInt(options.interval)),
        });
        topics.collect(aggregateEvents(events, options.id, options.topic, message));
      },
      Math.max(1, options.interval / 1e6),
    );
    timer.unref();
    return {
      async handle(event) {
        buffer.push(event);
      },
      close() {
        clearInterval(timer);
      },
    };
  },
});
