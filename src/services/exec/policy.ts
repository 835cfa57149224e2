// [exec]: whether exec handlers may run programs, and which. Not a handler config section (it
// cannot be changed through the config API, only in the file): the operator closes exec off
// and no API client can open it again. Handlers get it as their kind's service ("exec").

import { CondenserError } from '../../common/errors.js';
import type { Service } from '../../server/service.js';

export interface ExecSettings {
  enabled: boolean;
  'allowed-programs': string[];
}

export class ExecRefusedError extends CondenserError {
  constructor(message: string) {
    super('exec_refused', message, 403);
    this.name = 'ExecRefusedError';
  }
}

export class ExecPolicy implements Service<ExecSettings> {
  readonly name = 'exec';

  constructor(private settings: ExecSettings = { enabled: true, 'allowed-programs': [] }) {}

  update(settings: ExecSettings): void {
    this.settings = settings;
  }

  /** Throws ExecRefusedError when `prog` may not run. */
  check(prog: string): void {
    if (!this.settings.enabled)
      throw new ExecRefusedError(
        'exec handlers are disabled on this host ([exec] enabled = false)',
      );
    const allowed = this.settings['allowed-programs'];
    if (allowed.length > 0 && !allowed.includes(prog)) {
      throw new ExecRefusedError(
        `program ${JSON.stringify(prog)} is not in [exec] allowed-programs (${allowed.join(', ')})`,
      );
    }
  }
}
