// Topics: the latest event state per event id, the max level over them, the count of events
// collected since start, and the handlers attached to the topic.

import type { AlertEvent, EventState } from './event.js';
import { Level } from './level.js';

/** A handler attached to a topic; it filters and enqueues without ever blocking collect. */
export interface TopicSubscriber {
  readonly id: string;
  /** Handlers declared in TICKscripts are attached but never listed by the API. */
  readonly listed: boolean;
  offer(event: AlertEvent): void;
}

export class Topic {
  readonly events = new Map<string, EventState>();
  readonly subscribers = new Map<string, TopicSubscriber>();
  collected = 0;

  constructor(readonly id: string) {}

  /** The highest level among the events currently held. */
  maxLevel(): Level {
    let max = Level.OK;
    for (const s of this.events.values()) if (s.level > max) max = s.level;
    return max;
  }

  /** Store the event's state and return the level previously held for its id. */
  record(event: AlertEvent): Level {
    const prev = this.events.get(event.state.id);
    this.events.set(event.state.id, { ...event.state });
    this.collected++;
    return prev?.level ?? Level.OK;
  }
}

export class TopicRegistry {
  private readonly topics = new Map<string, Topic>();

  get(id: string): Topic | undefined {
    return this.topics.get(id);
  }

  getOrCreate(id: string): Topic {
    let t = this.topics.get(id);
    if (!t) {
      t = new Topic(id);
      this.topics.set(id, t);
    }
    return t;
  }

  delete(id: string): Topic | undefined {
    const t = this.topics.get(id);
    this.topics.delete(id);
    return t;
  }

  /** Sorted by id, as Kapacitor lists them. */
  list(): Topic[] {
    return [...this.topics.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
