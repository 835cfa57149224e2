import { describe, expect, it } from 'vitest';
import type { ConfigOverrideRecord } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

const smtp: ConfigOverrideRecord = {
  section: 'smtp',
  element: '',
  create: false,
  options: { host: 'mail', port: 25, 'to-templates': ['a'], timeout: '3h' },
  delete: ['username'],
};
const slackPrivate: ConfigOverrideRecord = {
  section: 'slack',
  element: 'company_private',
  create: true,
  options: { workspace: 'company_private', enabled: true, channel: '#general' },
  delete: [],
};

describe('config override repository', () => {
  it('puts, gets and lists overrides sorted by section then element', () => {
    const { configOverrides } = stores.open();
    configOverrides.put(smtp);
    configOverrides.put(slackPrivate);
    configOverrides.put({ ...slackPrivate, element: 'a', create: false, options: {} });

    expect(configOverrides.get('smtp', '')).toEqual(smtp);
    expect(configOverrides.get('slack', 'company_private')).toEqual(slackPrivate);
    expect(configOverrides.get('slack', '')).toBeUndefined();
    expect(configOverrides.list().map((o) => `${o.section}/${o.element}:${o.create}`)).toEqual([
      'slack/a:false',
      'slack/company_private:true',
      'smtp/:false',
    ]);
  });

  it('put replaces an override', () => {
    const { configOverrides } = stores.open();
    configOverrides.put(smtp);
    const updated = { ...smtp, options: { host: 'other' }, delete: ['port', 'from'] };
    configOverrides.put(updated);
    expect(configOverrides.list()).toEqual([updated]);
  });

  it('delete reports whether the override existed', () => {
    const { configOverrides } = stores.open();
    configOverrides.put(smtp);
    configOverrides.put(slackPrivate);
    expect(configOverrides.delete('smtp', '')).toBe(true);
    expect(configOverrides.delete('smtp', '')).toBe(false);
    expect(configOverrides.list()).toEqual([slackPrivate]);
  });
});
