// A TICKscript editor: a plain textarea (so Tab still moves focus and every browser's editing
// keys work) with line numbers, the line of an error marked in the gutter.

import type { Ref } from 'preact';
import { useRef } from 'preact/hooks';

export interface CodeEditorProps {
  id: string;
  value: string;
  onInput: (value: string) => void;
  errorLine?: number;
  describedBy?: string;
  invalid?: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

export function CodeEditor(p: CodeEditorProps) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = Math.max(p.value.split('\n').length, 1);
  return (
    <div class={`code-editor${p.invalid ? ' invalid' : ''}`}>
      <div class="gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} class={i + 1 === p.errorLine ? 'error-line' : undefined}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        id={p.id}
        ref={p.textareaRef}
        value={p.value}
        rows={Math.min(Math.max(lines + 1, 10), 30)}
        spellcheck={false}
        autocomplete="off"
        wrap="off"
        aria-describedby={p.describedBy}
        aria-invalid={p.invalid ? true : undefined}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
