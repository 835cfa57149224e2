// `.zenoss()` on |alert() and its chained methods.
// Generated from generators/catalogue/zenoss.yaml by `npm run new-handler zenoss`: do not edit.

import {
  defineTickHandler,
  ignored,
  mapEntry,
  setOption,
} from '../../pipeline/handler-property.js';

export const zenossTick = defineTickHandler({
  property: 'zenoss',
  args: [],
  init: () => ({}),
  methods: {
    action: setOption('action', 'string'),
    method: setOption('method', 'string'),
    type: setOption('type', 'string'),
    tid: setOption('tid', 'int', Number),
    summary: setOption('summary', 'string'),
    device: setOption('device', 'string'),
    component: setOption('component', 'string'),
    eventClassKey: setOption('eventclasskey', 'string'),
    eventClass: setOption('eventclass', 'string'),
    collector: setOption('collector', 'string'),
    message: setOption('message', 'string'),
    customField: mapEntry('customField', 'any'),
    URL: ignored('string'),
    username: ignored('string'),
    password: ignored('string'),
  },
});
