// Messages after an action: success politely announced, errors announced at once.

import type { ComponentChildren } from 'preact';

export function Notice({
  kind,
  children,
}: {
  kind: 'ok' | 'error' | 'info';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span aria-hidden="true" class="mark">
        {kind === 'ok' ? '✓' : kind === 'error' ? '⚠' : 'i'}
      </span>
      <div>{children}</div>
    </div>
  );
}

/** An action that needs a second press (no dialog: works with the keyboard and on phones). */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  armed: boolean;
  onArm: (armed: boolean) => void;
  small?: boolean;
}) {
  const size = props.small ? ' small' : '';
  if (!props.armed)
    return (
      <button type="button" class={`danger secondary${size}`} onClick={() => props.onArm(true)}>
        {props.label}
      </button>
    );
  return (
    <span class="confirm">
      <button type="button" class={`danger${size}`} onClick={props.onConfirm} autofocus>
        {props.confirmLabel}
      </button>
      <button type="button" class={`secondary${size}`} onClick={() => props.onArm(false)}>
        Cancel
      </button>
    </span>
  );
}
