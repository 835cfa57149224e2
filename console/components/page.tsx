// Every page's frame: the way back, the heading (focused after a navigation), something beside
// it (the live state), then the page.

import type { ComponentChildren } from 'preact';

export interface PageProps {
  title: string;
  back?: { href: string; label: string };
  aside?: ComponentChildren;
  children?: ComponentChildren;
}

export function Page(props: PageProps) {
  return (
    <section aria-labelledby="page-title">
      {props.back && (
        <p class="crumbs">
          <a href={props.back.href}>{props.back.label}</a> /
        </p>
      )}
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {props.title}
        </h1>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}

/** A search box that narrows a list as one types. */
export function FilterInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
}) {
  return (
    <div class="field filter">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="search"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export interface Column {
  label: string;
  /** Left out on narrow screens (phones). */
  wide?: boolean;
  /** Named for screen readers only (an actions column). */
  hidden?: boolean;
}

/** A list table's caption (for screen readers) and column headings. */
export function TableHead({ caption, columns }: { caption: string; columns: Column[] }) {
  return (
    <>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.label} class={c.wide ? 'wide-only' : undefined}>
              {c.hidden ? <span class="visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}
