// A form's errors: the host's message next to the field it names (and repeated for the whole
// form, so it is announced), or for the whole form when it names no field.

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
}

export function useFieldErrors(names: readonly string[], prefix = 'Not saved: '): FieldErrors {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  return {
    errors,
    formError,
    clear() {
      setErrors({});
      setFormError(undefined);
    },
    show(err, extra) {
      const message = errorText(err);
      const field = fieldOfMessage(message, names, extra);
      setErrors(field ? { [field]: message } : {});
      setFormError(`${prefix}${message}`);
    },
    fieldError(field, message) {
      setErrors({ [field]: message });
      setFormError(`${prefix}${field}: ${message}`);
    },
  };
}
