import { oneLine } from "../render/visible_text.ts";

// Characters Mermaid's gantt grammar or its HTML sanitising would act on, as their
// full-width look-alikes: `:` starts task data, `;` and `#` end it, `%` starts a comment.
const LOOK_ALIKE: Record<string, string> = {
  ":": "：",
  ";": "；",
  "#": "＃",
  "%": "％",
  "<": "＜",
  ">": "＞",
  "&": "＆",
  '"': "＂",
  "`": "｀",
};

// Bidi controls, isolates and marks: they would reorder the chart's text (dropped, not shown as escapes).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text from the input as a Mermaid section or title: one line, no control, no character the grammar acts on. */
export function mermaidText(text: string): string {
  const clean = oneLine(text.replace(BIDI, "")).replace(/[:;#%<>&"`]/g, (c) => LOOK_ALIKE[c]!).trim();
  return clean === "" ? "(no name)" : clean;
}
