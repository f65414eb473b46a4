/** A tiny HTML template tag: every interpolated value is escaped unless it is already SafeHtml. */

import { escapeHtml } from '../usecases/render-snapshot.ts';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Build HTML from a template, escaping each value (text and attribute values alike: quotes are escaped).
 * @example html`<a href="${url}">${title}</a>` // url and title cannot break out of the markup
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup built elsewhere (e.g. the CSS of this module). Never pass user input. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
