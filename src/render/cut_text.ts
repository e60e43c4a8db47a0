/** A text cut to `max` code points, ending with an ellipsis when cut (surrogate pairs kept whole). */
export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join("") + "…";
}
