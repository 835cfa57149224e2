// Public surface of the embedded store.

export { openStore, STORE_FILE_NAME, type Store, type StoreOrigin } from './store.js';
export {
  DataDirLockedError,
  StoreCorruptionError,
  StoreFileError,
  StoreValueError,
  StoreVersionError,
} from './errors.js';
export {
  describeHolder,
  lockDataDir,
  LOCK_FILE_NAME,
  PID_FILE_NAME,
  type DataDirLock,
} from './dir-lock.js';
export {
  describeQuarantined,
  type QuarantinedRow,
  type QuarantineRepository,
} from './quarantine.js';
export type { TopicHandlerRecord, TopicHandlerRepository } from './topic-handlers.js';
export type { TopicStateRecord, TopicStateRepository } from './topic-states.js';
export type { ConfigOverrideRecord, ConfigOverrideRepository } from './config-overrides.js';
export type { DbRp, TaskRecord, TaskRepository, TaskStatus, TaskType } from './tasks.js';
export type { AlertStateRecord, AlertStateRepository } from './alert-states.js';
