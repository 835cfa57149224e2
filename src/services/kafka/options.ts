// Options of a `kafka` handler: the HTTP API, handler files and `.kafka()` in TICKscript.
// Generated from generators/catalogue/kafka.yaml by `npm run new-handler kafka`: do not edit.

import { z } from 'zod';
import { bool, kafkaPartitionAlgorithm, nonEmpty, string, templated } from '../../config/fields.js';

export const kafkaOptions = z.strictObject({
  cluster: string('', 'Which cluster to produce to (its id; default: the first)'),
  topic: nonEmpty(string('', 'The topic')),
  template: templated(
    string(
      '',
      'The record value, a Go template over the alert data (.ID, .Message, .Level, ...); empty: the AlertData JSON',
    ),
  ),
  disablePartitionById: bool(
    false,
    'Spread records round robin instead of by a hash of the alert ID',
  ),
  partitionAlgorithm: kafkaPartitionAlgorithm(
    '',
    'The hash of the alert ID that picks the partition: crc32 (default), murmur2, murmur3 or fnv-1a',
  ),
});

export type KafkaOptions = z.output<typeof kafkaOptions>;
