// A form's errors and its pending action: the host's message next to the field it names (and
// repeated for the whole form, so it is announced), or for the whole form when it names no
// field; `run` clears the errors, marks the form busy, and shows what the action threw.

import { useState } from 'preact/hooks';
import { errorText } from './api.js';
import { fieldOfMessage } from './messages.js';

export interface FieldErrors {
  errors: Record<string, string>;
  formError: string | undefined;
  clear(): void;
  /** Show an error from the host; `extra` maps fields named in words (`handler ID` → id). */
  show(err: unknown, extra?: Record<string, RegExp>): void;
  /** Show a problem the console found before sending anything. */
  fieldError(field: string, message: string): void;
  /** An action is running (buttons are disabled). */
  busy: boolean;
  run(action: () => Promise<void>, extra?: Record<string, RegExp>): Promise<void>;
}

export function useFieldErrors(names: readonly string[], prefix = 'Not saved: '): FieldErrors {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const clear = () => {
    setErrors({});
    setFormError(undefined);
  };
  const show = (err: unknown, extra?: Record<string, RegExp>) => {
    const message = errorText(err);
    const field = fieldOfMessage(message, names, extra);
    setErrors(field ? { [field]: message } : {});
    setFormError(`${prefix}${message}`);
  };
  return {
    errors,
    formError,
    clear,
    show,
    fieldError(field, message) {
      setErrors({ [field]: message });
      setFormError(`${prefix}${field}: ${message}`);
    },
    busy,
    async run(action, extra) {
      clear();
      setBusy(true);
      try {
        await action();
      } catch (err) {
        show(err, extra);
      } finally {
        setBusy(false);
      }
    },
  };
}
