// Alerts: every topic with its level, event counts and a timeline of level changes, kept up
// to date by the host's event stream (no reloading); a topic's page lists its events with
// message, details and data.

import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  AlertStreamMessage,
  TopicDetailResponse,
  TopicSummary,
} from '../../src/api/condenser.js';
import { EventData } from '../components/event-data.js';
import { LevelBadge } from '../components/level.js';
import { FilterInput, Page, TableHead } from '../components/page.js';
import { ConfirmButton, Notice } from '../components/notice.js';
import { Timeline } from '../components/timeline.js';
import { api, errorText } from '../lib/api.js';
import { levelIndex, levelNames } from '../lib/levels.js';
import { href, navigate } from '../lib/router.js';
import { watchAlerts, type StreamState } from '../lib/stream.js';

/** Topics as the stream reports them (a changed topic gets a new summary object). */
function useTopics(): { topics: Map<string, TopicSummary>; state: StreamState } {
  const [topics, setTopics] = useState(() => new Map<string, TopicSummary>());
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(
    () =>
      watchAlerts((m: AlertStreamMessage) => {
        setTopics((old) => {
          const next = m.type === 'snapshot' ? new Map<string, TopicSummary>() : new Map(old);
          for (const t of m.topics) next.set(t.id, t);
          if (m.type === 'changed') for (const id of m.deleted) next.delete(id);
          return next;
        });
      }, setState),
    [],
  );
  return { topics, state };
}

/** The current time, ticking so live charts extend to now. */
function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function LiveState({ state }: { state: StreamState }) {
  const text = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <p class={`live live-${state}`} role="status">
      <span aria-hidden="true" class="dot" /> {text}
    </p>
  );
}

function counts(t: TopicSummary): string {
  const parts = [...levelNames]
    .reverse()
    .filter((l) => t.events[l] > 0)
    .map((l) => `${t.events[l]} ${l.toLowerCase()}`);
  return parts.length === 0 ? 'no events' : parts.join(', ');
}

export function AlertsPage() {
  const { topics, state } = useTopics();
  const now = useNow();
  const [filter, setFilter] = useState('');
  const list = [...topics.values()]
    .filter((t) => t.id.toLowerCase().includes(filter.trim().toLowerCase()))
    .sort((a, b) => levelIndex(b.level) - levelIndex(a.level) || (a.id < b.id ? -1 : 1));
  return (
    <Page title="Alerts" aside={<LiveState state={state} />}>
      <p class="lede">
        Alert topics, most severe first. This page updates by itself as events arrive.
      </p>
      {topics.size > 0 && (
        <FilterInput id="topic-filter" label="Filter topics" value={filter} onInput={setFilter} />
      )}
      {topics.size === 0 && state === 'live' && (
        <div class="empty card">
          <p>No alert topics yet.</p>
          <p class="muted">
            A topic appears when a task’s alert fires (for example{' '}
            <code>|alert().topic('cpu')</code>) or when you{' '}
            <a href={href('handlers', 'new')}>add a topic handler</a>. Define a task on the{' '}
            <a href={href('tasks')}>Tasks</a> page, then write points to <code>/write</code>.
          </p>
        </div>
      )}
      {list.length > 0 && (
        <div class="table-scroll">
          <table class="topics">
            <TableHead
              caption="Alert topics"
              columns={[
                { label: 'Topic' },
                { label: 'Level' },
                { label: 'Events held' },
                { label: 'Collected', wide: true },
                { label: 'Level changes' },
              ]}
            />
            <tbody>
              {list.map((t) => (
                <tr key={t.id} data-topic={t.id}>
                  <th scope="row">
                    <a href={href('alerts', t.id)}>{t.id}</a>
                  </th>
                  <td class="topic-level">
                    <LevelBadge level={t.level} />
                  </td>
                  <td>{counts(t)}</td>
                  <td class="wide-only">{t.collected}</td>
                  <td>
                    <Timeline
                      history={t.history}
                      now={now}
                      compact
                      label={`Level changes of ${t.id}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function TopicPage({ id }: { id: string }) {
  const { topics, state } = useTopics();
  const now = useNow();
  const [detail, setDetail] = useState<TopicDetailResponse>();
  const [error, setError] = useState<string>();
  const [armed, setArmed] = useState(false);
  const loading = useRef(false);
  const again = useRef(false);
  const summary = topics.get(id) ?? detail?.topic;

  // Reload the events when the stream says this topic changed (one request at a time).
  useEffect(() => {
    const load = async () => {
      if (loading.current) {
        again.current = true;
        return;
      }
      loading.current = true;
      try {
        do {
          again.current = false;
          setDetail(await api.topicDetail(id));
          setError(undefined);
        } while (again.current);
      } catch (err) {
        setError(errorText(err));
      } finally {
        loading.current = false;
      }
    };
    void load();
  }, [id, topics.get(id)]);

  const remove = async () => {
    try {
      await api.deleteTopic(id);
      navigate('alerts');
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Page
      title={id}
      back={{ href: href('alerts'), label: 'Alerts' }}
      aside={<LiveState state={state} />}
    >
      {error && <Notice kind="error">{error}</Notice>}
      {summary && (
        <>
          <p class="topic-summary">
            <span class="topic-level">
              <LevelBadge level={summary.level} />
            </span>{' '}
            {counts(summary)} · {summary.collected} collected since the host started ·{' '}
            <a href={href('handlers', 'topic', id)}>handlers of this topic</a>
          </p>
          <h2>Level changes</h2>
          <Timeline history={summary.history} now={now} label={`Level changes of ${id}`} />
        </>
      )}
      <h2>Events</h2>
      {detail && detail.events.length === 0 && <p class="muted">This topic holds no events.</p>}
      {detail && detail.total > detail.events.length && (
        <p class="muted">
          Showing the {detail.events.length} most severe and recent of {detail.total} events.
        </p>
      )}
      <ul class="events">
        {detail?.events.map((e) => (
          <li class="card event" key={e.id}>
            <div class="event-head">
              <LevelBadge level={e.level} />
              <h3>{e.id}</h3>
            </div>
            <p class="message">{e.message || <span class="muted">(no message)</span>}</p>
            <dl class="meta">
              <dt>time</dt>
              <dd>
                <time dateTime={e.time}>{e.time}</time>
              </dd>
              <dt>duration</dt>
              <dd>{e.duration}</dd>
            </dl>
            {e.details && (
              <details>
                <summary>Details</summary>
                <pre>{e.details}</pre>
              </details>
            )}
            <details>
              <summary>Data</summary>
              {e.data === null ? (
                <p class="muted">Not kept (events from before the last restart, or too large).</p>
              ) : (
                <EventData data={e.data} />
              )}
            </details>
          </li>
        ))}
      </ul>
      <div class="actions">
        <ConfirmButton
          label="Delete topic"
          confirmLabel={`Really delete ${id} and its events`}
          armed={armed}
          onArm={setArmed}
          onConfirm={() => void remove()}
        />
      </div>
    </Page>
  );
}
