/**
 * Text with control characters other than tab, LF and CR shown as `\xNN` (so an ESC
 * cannot colour or move a CI log), and lone surrogates, U+FFFE and U+FFFF as U+FFFD.
 */
export function visibleControls(text: string): string {
  return text
    .replace(
      // deno-lint-ignore no-control-regex
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
    )
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, "\ufffd");
}
