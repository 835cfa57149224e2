// A live view of alert topics for the console: each topic's level kept up to date in O(1) per
// event (counts of held events per level), a bounded history of level changes for the timeline
// chart, the latest data of each event (the topic state Kapacitor keeps has no data), and
// listeners told which topics changed. In memory only: history starts when the host starts.

import type { LevelChange, TopicDetailResponse, TopicSummary } from '../api/condenser.js';
import { formatGoDuration } from '../common/duration.js';
import { GoTime } from '../common/gotime.js';
import { goMarshal } from '../common/gojson.js';
import { resultToGo, type AlertEvent, type Result } from './event.js';
import { Level, levelName, levelNames, type LevelName } from './level.js';
import type { AlertObserver } from './service.js';
import type { Topic, TopicRegistry } from './topics.js';

/** Level changes kept per topic; older ones are dropped. */
export const historyLimit = 200;

/** Event data larger than this (as JSON) is not kept; the console says so. */
const maxDataBytes = 64 * 1024;

interface Watched {
  topic: Topic;
  /** Held events per level. */
  counts: [number, number, number, number];
  level: Level;
  history: LevelChange[];
  /** Latest data per event id (null: too large to keep). */
  data: Map<string, Result | null>;
}

export interface AlertSource {
  readonly topics: TopicRegistry;
  observe(observer: AlertObserver): () => void;
}

/** Told the ids of topics that changed (`deleted` true when the topic is gone). */
export type TopicListener = (id: string, deleted: boolean) => void;

const nsToMs = (ns: bigint): number => Number(ns / 1_000_000n);

function highest(counts: Watched['counts']): Level {
  for (let l = Level.CRITICAL; l > Level.OK; l--) if (counts[l]! > 0) return l;
  return Level.OK;
}

export class AlertWatch {
  private readonly watched = new Map<string, Watched>();
  private readonly listeners = new Set<TopicListener>();
  private readonly stop: () => void;

  constructor(private readonly source: AlertSource) {
    for (const topic of source.topics.list()) this.start(topic);
    this.stop = source.observe({
      collected: (topic, event) => this.collected(topic, event),
      topicDeleted: (id) => {
        this.watched.delete(id);
        this.notify(id, true);
      },
    });
  }

  close(): void {
    this.stop();
    this.listeners.clear();
  }

  /** Listen to topic changes; returns the function that stops listening. */
  listen(listener: TopicListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Begin watching a topic from the events it holds. */
  private start(topic: Topic): Watched {
    const counts: Watched['counts'] = [0, 0, 0, 0];
    let latest = 0n;
    for (const s of topic.events.values()) {
      counts[s.level]!++;
      if (s.time > latest) latest = s.time;
    }
    const level = highest(counts);
    const history =
      topic.events.size > 0 ? [{ time: nsToMs(latest), level: levelName(level) }] : [];
    const w: Watched = { topic, counts, level, history, data: new Map() };
    this.watched.set(topic.id, w);
    return w;
  }

  private collected(topic: Topic, event: AlertEvent): void {
    let w = this.watched.get(topic.id);
    if (w === undefined || w.topic !== topic) {
      // A topic new to the watch already holds this event: count everything it holds.
      w = this.start(topic);
    } else {
      // The topic held `previousLevel` for this id, or nothing (then previousLevel is OK and
      // the id is new: the OK count is derived, so only non-OK levels need exact counts).
      if (event.previousLevel !== Level.OK) w.counts[event.previousLevel]!--;
      if (event.state.level !== Level.OK) w.counts[event.state.level]!++;
    }
    w.counts[Level.OK] = topic.events.size - w.counts[1] - w.counts[2] - w.counts[3];
    const level = highest(w.counts);
    if (w.history.length === 0 || level !== w.level) {
      w.history.push({ time: nsToMs(event.state.time), level: levelName(level) });
      if (w.history.length > historyLimit) w.history.splice(0, w.history.length - historyLimit);
    }
    w.level = level;
    w.data.set(event.state.id, event.data.result);
    this.notify(topic.id, false);
  }

  private notify(id: string, deleted: boolean): void {
    for (const l of this.listeners) l(id, deleted);
  }

  private watchedTopic(id: string): Watched | undefined {
    const topic = this.source.topics.get(id);
    if (!topic) return undefined;
    const w = this.watched.get(id);
    return w && w.topic === topic ? w : this.start(topic);
  }

  summary(id: string): TopicSummary | undefined {
    const w = this.watchedTopic(id);
    if (!w) return undefined;
    const events = Object.fromEntries(levelNames.map((n, i) => [n, w.counts[i]!])) as Record<
      LevelName,
      number
    >;
    return {
      id,
      level: levelName(w.level),
      collected: w.topic.collected,
      events,
      history: [...w.history],
    };
  }

  summaries(): TopicSummary[] {
    return this.source.topics.list().map((t) => this.summary(t.id)!);
  }

  /** A topic with its events, most severe then newest first, at most `limit`. */
  detail(id: string, limit: number): TopicDetailResponse | undefined {
    const w = this.watchedTopic(id);
    const topic = this.summary(id);
    if (!w || !topic) return undefined;
    const states = [...w.topic.events.values()].sort((a, b) =>
      a.level !== b.level ? b.level - a.level : a.time < b.time ? 1 : a.time > b.time ? -1 : 0,
    );
    const events = states.slice(0, limit).map((s) => ({
      id: s.id,
      message: s.message,
      details: s.details,
      time: new GoTime(s.time).toRFC3339Nano(),
      duration: formatGoDuration(s.duration),
      level: levelName(s.level),
      data: dataJSON(w.data.get(s.id)),
    }));
    return { topic, events, total: states.length };
  }
}

/** Event data as handlers get it (Go's encoding); null when not kept or too large. */
function dataJSON(result: Result | null | undefined): unknown {
  if (!result) return null;
  const text = goMarshal(resultToGo(result));
  return text.length > maxDataBytes ? null : (JSON.parse(text) as unknown);
}
