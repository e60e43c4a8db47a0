import { htmlText } from "./escape_html.ts";
import { PAGE_SCRIPT } from "./page_script.ts";
import { PAGE_STYLE } from "./page_style.ts";

// Nothing on the page may reach the network: no request, whatever the page holds.
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** One self-contained HTML page: inline CSS, inline SVG, a little inline script, no request to anywhere. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${body}
<div id="tip" hidden></div>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
