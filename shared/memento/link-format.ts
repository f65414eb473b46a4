/** RFC 8288 Link header values and RFC 6690 link-format documents: written here, and parsed back. */

export interface LinkValue {
  uri: string;
  rel: string;
  /** Further parameters (type, datetime, from, until), written as quoted strings. */
  params?: Record<string, string>;
}

/** One link as `<uri>; rel="..."; key="value"`. */
export function formatLink(link: LinkValue): string {
  const params = Object.entries(link.params ?? {}).map(([key, value]) => `; ${key}="${quote(value)}"`);
  return `<${encodeAngle(link.uri)}>; rel="${quote(link.rel)}"${params.join('')}`;
}

/** A Link header value (links joined by `, `). */
export function formatLinkHeader(links: LinkValue[]): string {
  return links.map(formatLink).join(', ');
}

/** A link-format document: one link per line, as RFC 7089 §5.1.1 shows TimeMaps. */
export function formatLinkDocument(links: LinkValue[]): string {
  return `${links.map(formatLink).join(',\n')}\n`;
}

/**
 * Parse a Link header or link-format document into links. Strict about the shape (`<uri>` then
 * `;`-separated parameters, links separated by commas) so a test can prove what was written is valid.
 * Throws on malformed input.
 */
export function parseLinks(text: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) break;
    if (text[i] !== '<') throw new SyntaxError(`expected "<" at ${i}`);
    const close = text.indexOf('>', i);
    if (close < 0) throw new SyntaxError(`unclosed "<" at ${i}`);
    const uri = text.slice(i + 1, close);
    i = close + 1;
    const params: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (text[i] !== ';') break;
      i++;
      skipSpace();
      const name = /^[A-Za-z0-9!#$&+\-.^_`|~*]+/.exec(text.slice(i))?.[0];
      if (!name) throw new SyntaxError(`expected a parameter name at ${i}`);
      i += name.length;
      skipSpace();
      if (text[i] !== '=') throw new SyntaxError(`expected "=" after ${name}`);
      i++;
      skipSpace();
      let value = '';
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          value += text[i] ?? '';
          i++;
        }
        if (text[i] !== '"') throw new SyntaxError(`unterminated quoted value of ${name}`);
        i++;
      } else {
        value = /^[^\s;,]*/.exec(text.slice(i))?.[0] ?? '';
        i += value.length;
      }
      params[name.toLowerCase()] = value;
    }
    const { rel, ...rest } = params;
    if (rel === undefined) throw new SyntaxError(`link <${uri}> has no rel`);
    links.push({ uri, rel, params: rest });
    skipSpace();
    if (i >= text.length) break;
    if (text[i] !== ',') throw new SyntaxError(`expected "," at ${i}`);
    i++;
  }
  return links;
}

/** The links whose space-separated rel contains `rel`. */
export function linksWithRel(links: LinkValue[], rel: string): LinkValue[] {
  return links.filter((link) => link.rel.split(/\s+/).includes(rel));
}

function quote(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`);
}

/** `<` and `>` cannot appear inside `<uri>`; they are not valid in a URI anyway. */
function encodeAngle(uri: string): string {
  return uri.replace(/</g, '%3C').replace(/>/g, '%3E');
}
