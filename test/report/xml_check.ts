/**
 * A strict little XML 1.0 reader for the tests: it throws on anything that is not
 * well-formed (characters outside XML's Char production, bad or unknown entity
 * references, `<` in attribute values, `]]>` in text, duplicate attributes,
 * mismatched tags, content outside the one root) and returns the element tree with
 * references decoded, so tests can count testcases and read failure texts.
 */

/** An element: its name, attributes (decoded), and children (elements and text). */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: Array<XmlElement | string>;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** True for a code point in XML 1.0's Char production. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Parses a whole document; throws an Error naming the offset of the first fault. */
export function parseXml(text: string): XmlElement {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) throw new Error(`lone surrogate at ${i}`);
    if (!isXmlChar(cp)) throw new Error(`character U+${cp.toString(16)} at ${i} is not allowed in XML 1.0`);
  }
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${pos}: ${JSON.stringify(text.slice(pos, pos + 40))}`);
  };
  if (text.startsWith("<?xml")) {
    const end = text.indexOf("?>");
    if (end < 0) fail("unclosed XML declaration");
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(text.slice(0, end + 2))) {
      fail("unexpected XML declaration");
    }
    pos = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (pos < text.length) {
    if (text.startsWith("<!--", pos)) {
      const end = text.indexOf("-->", pos + 4);
      if (end < 0) fail("unclosed comment");
      if (text.slice(pos + 4, end).includes("--")) fail("`--` inside a comment");
      pos = end + 3;
    } else if (text.startsWith("<![CDATA[", pos)) {
      if (stack.length === 0) fail("CDATA outside the root");
      const end = text.indexOf("]]>", pos);
      if (end < 0) fail("unclosed CDATA");
      stack[stack.length - 1]!.children.push(text.slice(pos + 9, end));
      pos = end + 3;
    } else if (text.startsWith("<?", pos)) {
      const end = text.indexOf("?>", pos);
      if (end < 0) fail("unclosed processing instruction");
      pos = end + 2;
    } else if (text.startsWith("</", pos)) {
      pos += 2;
      const name = NAME.exec(text.slice(pos))?.[0] ?? fail("bad end tag");
      pos += name.length;
      while (/\s/.test(text[pos] ?? "")) pos++;
      if (text[pos] !== ">") fail("bad end tag");
      pos++;
      const open = stack.pop() ?? fail(`end tag </${name}> without a start`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
    } else if (text[pos] === "<") {
      pos++;
      const name = NAME.exec(text.slice(pos))?.[0] ?? fail("bad start tag");
      pos += name.length;
      const element: XmlElement = { name, attributes: new Map(), children: [] };
      for (;;) {
        const space = /^\s*/.exec(text.slice(pos))![0].length;
        pos += space;
        if (text.startsWith("/>", pos) || text[pos] === ">") break;
        if (space === 0) fail("attributes must be separated by white space");
        const attr = NAME.exec(text.slice(pos))?.[0] ?? fail("bad attribute name");
        pos += attr.length;
        const eq = /^\s*=\s*/.exec(text.slice(pos))?.[0] ?? fail("attribute without =");
        pos += eq.length;
        const quote = text[pos];
        if (quote !== '"' && quote !== "'") fail("unquoted attribute value");
        const end = text.indexOf(quote!, pos + 1);
        if (end < 0) fail("unclosed attribute value");
        const raw = text.slice(pos + 1, end);
        if (raw.includes("<")) fail("`<` in an attribute value");
        if (element.attributes.has(attr)) fail(`duplicate attribute ${attr}`);
        // Attribute-value normalisation: literal white space becomes a space; references are kept.
        element.attributes.set(attr, decode(raw.replace(/[\t\n\r]/g, " "), fail));
        pos = end + 1;
      }
      const empty = text.startsWith("/>", pos);
      pos += empty ? 2 : 1;
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root) fail("a second root element");
      else root = element;
      if (!empty) stack.push(element);
    } else {
      const next = text.indexOf("<", pos);
      const raw = text.slice(pos, next < 0 ? text.length : next);
      if (raw.includes("]]>")) fail("`]]>` in text");
      if (stack.length === 0) {
        if (raw.trim() !== "") fail("text outside the root");
      } else {
        stack[stack.length - 1]!.children.push(decode(raw.replace(/\r\n?/g, "\n"), fail));
      }
      pos += raw.length;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error("no root element");
  return root;
}

function decode(raw: string, fail: (why: string) => never): string {
  return raw.replace(/&([^;&]*);|&/g, (all, ref: string | undefined) => {
    if (ref === undefined) return fail("bare & (not a reference)");
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!m) return fail(`unknown entity &${ref};`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (!isXmlChar(cp)) return fail(`reference ${all} to a character XML 1.0 does not allow`);
    return String.fromCodePoint(cp);
  });
}

/** Every element called `name` at or below `element`, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === name) out.push(e);
    for (const child of e.children) if (typeof child !== "string") walk(child);
  };
  walk(element);
  return out;
}

/** The text directly inside an element (its text children, joined). */
export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === "string").join("");
}
