/**
 * XML 1.0 escaping. XML 1.0 cannot hold some characters at all, not even as character
 * references: C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and lone
 * surrogates. Controls are written as visible `\xNN` text, the others as U+FFFD.
 */

const NOT_XML_CHAR =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function replaceNonXml(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, "0")}` : "\ufffd";
}

// Anything that escaping could change; most names and numbers have none of it.
// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f&<>"\ud800-\udfff\ufffe\uffff]/;

/** Text content: `&`, `<` and `>` escaped (so `]]>` cannot occur), non-XML characters replaced. */
export function escapeXmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(NOT_XML_CHAR, replaceNonXml)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // A lone CR would be read back as LF; keep it as written.
    .replace(/\r/g, "&#13;");
}

/** An attribute value for double quotes; tab, LF and CR as references so readers keep them. */
export function escapeXmlAttribute(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return escapeXmlText(text)
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;");
}

/** ` name="value"` for each attribute whose value is not undefined, in order. */
export function xmlAttributes(attributes: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  let out = "";
  for (const [name, value] of attributes) {
    if (value !== undefined) out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}
