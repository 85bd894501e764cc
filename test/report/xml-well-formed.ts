/**
 * A minimal XML 1.0 parser for tests: throws on anything not well-formed (unbalanced or crossed tags,
 * raw `<` or stray `&`, unquoted or duplicate attributes, forbidden characters, text after the root)
 * and returns the element tree with entities decoded.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('forbidden character');
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml.startsWith('<?', i)) { const e = xml.indexOf('?>', i); if (e < 0) fail('unclosed PI'); i = e + 2; } else if (xml.startsWith('<!--', i)) { const e = xml.indexOf('-->', i); if (e < 0) fail('unclosed comment'); i = e + 3; } else return;
    }
  };
  const decode = (s: string): string => s.replace(/&([^;]*);?/g, (m, ent: string) => {
    if (!m.endsWith(';')) fail('stray &');
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ent in named) return named[ent]!;
    const num = /^#(\d+)$/.exec(ent)?.[1] ?? (/^#x([0-9a-fA-F]+)$/.exec(ent) ? String(parseInt(ent.slice(2), 16)) : undefined);
    if (num === undefined) return fail(`unknown entity &${ent};`);
    const ch = String.fromCodePoint(Number(num));
    if (FORBIDDEN.test(ch)) fail('forbidden character reference');
    return ch;
  });
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad element name');
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0].length;
      i += ws;
      if (xml.startsWith('/>', i)) { i += 2; return { name, attrs, children: [], text: '' }; }
      if (xml[i] === '>') { i++; break; }
      if (ws === 0) fail('expected whitespace before attribute');
      const an = NAME.exec(xml.slice(i))?.[0] ?? fail('bad attribute name');
      i += an.length;
      if (xml[i] !== '=') fail('expected =');
      const q = xml[i + 1];
      if (q !== '"' && q !== "'") fail('unquoted attribute');
      const end = xml.indexOf(q!, i + 2);
      if (end < 0) fail('unclosed attribute');
      const raw = xml.slice(i + 2, end);
      if (raw.includes('<')) fail('< in attribute');
      if (an in attrs) fail('duplicate attribute');
      attrs[an] = decode(raw);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= xml.length) fail(`unclosed <${name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        if (!xml.startsWith(name, i)) fail(`expected </${name}>`);
        i += name.length;
        i += /^\s*/.exec(xml.slice(i))![0].length;
        if (xml[i] !== '>') fail('expected >');
        i++;
        return { name, attrs, children, text };
      }
      if (xml.startsWith('<!--', i)) { const e = xml.indexOf('-->', i); if (e < 0) fail('unclosed comment'); i = e + 3; continue; }
      if (xml[i] === '<') { children.push(element()); continue; }
      const next = xml.indexOf('<', i);
      const chunk = xml.slice(i, next < 0 ? xml.length : next);
      if (chunk.includes(']]>')) fail(']]> in text');
      text += decode(chunk);
      i += chunk.length;
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

/** Every descendant element called `name`, depth first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}
