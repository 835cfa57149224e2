// The `publish` handler: collect the same event again on other topics (each keeps its own
// state, so previousLevel is that topic's).

import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { validTopicId } from '../../alert/ids.js';
import { publishOptions } from './options.js';

export const publishHandler = defineHandlerKind({
  kind: 'publish',
  external: false,
  options: publishOptions,
  create(options, { topics }) {
    const bad = options.topics.find((t) => !validTopicId(t));
    if (bad !== undefined) throw new OptionsError('publish', 'topics', `invalid topic id "${bad}"`);
    return {
      async handle(event) {
        for (const topic of options.topics) topics.collect({ ...event, topic });
      },
    };
  },
});
