// Public surface of the embedded store.

export { openStore, STORE_FILE_NAME, type Store } from './store.js';
export { StoreCorruptionError, StoreValueError, StoreVersionError } from './errors.js';
export type { TopicHandlerRecord, TopicHandlerRepository } from './topic-handlers.js';
export type { TopicStateRecord, TopicStateRepository } from './topic-states.js';
export type { ConfigOverrideRecord, ConfigOverrideRepository } from './config-overrides.js';
export type { DbRp, TaskRecord, TaskRepository, TaskStatus, TaskType } from './tasks.js';
export type { AlertStateRecord, AlertStateRepository } from './alert-states.js';
