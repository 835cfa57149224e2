import { describe, expect, it } from 'vitest';
import type { AlertStateRecord } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

function alertState(taskId: string, node: string, group: string, level = 3): AlertStateRecord {
  return {
    taskId,
    node,
    group,
    level,
    firstTriggered: -9223372036854775808n,
    lastTriggered: 9223372036854775807n,
  };
}

describe('alert node state repository', () => {
  it('puts and lists a task’s states sorted by node then group', () => {
    const { alertStates } = stores.open();
    alertStates.put(alertState('t1', 'alert3', ''));
    alertStates.put(alertState('t1', 'alert2', 'host=b'));
    alertStates.put(alertState('t1', 'alert2', 'host=a', 1));
    alertStates.put(alertState('t2', 'alert2', 'host=a'));

    expect(alertStates.list('t1')).toEqual([
      alertState('t1', 'alert2', 'host=a', 1),
      alertState('t1', 'alert2', 'host=b'),
      alertState('t1', 'alert3', ''),
    ]);
    expect(alertStates.list('none')).toEqual([]);
  });

  it('put replaces the state of a group', () => {
    const { alertStates } = stores.open();
    alertStates.put(alertState('t', 'alert2', 'g'));
    const recovered = { ...alertState('t', 'alert2', 'g', 0), lastTriggered: -5n };
    alertStates.put(recovered);
    expect(alertStates.list('t')).toEqual([recovered]);
  });

  it('deleteTask removes only that task’s states', () => {
    const { alertStates } = stores.open();
    alertStates.put(alertState('t1', 'a', 'x'));
    alertStates.put(alertState('t1', 'a', 'y'));
    alertStates.put(alertState('t2', 'a', 'x'));
    expect(alertStates.deleteTask('t1')).toBe(2);
    expect(alertStates.deleteTask('t1')).toBe(0);
    expect(alertStates.list('t1')).toEqual([]);
    expect(alertStates.list('t2')).toEqual([alertState('t2', 'a', 'x')]);
  });

  it('refuses out-of-range times and levels', () => {
    const { alertStates } = stores.open();
    expect(() =>
      alertStates.put({ ...alertState('t', 'a', 'g'), firstTriggered: 2n ** 63n }),
    ).toThrow(/alert_states \(taskId="t", node="a", group="g"\).*firstTriggered/);
    expect(() => alertStates.put(alertState('t', 'a', 'g', -1))).toThrow(/level/);
    expect(alertStates.list('t')).toEqual([]);
  });
});
