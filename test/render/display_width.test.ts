import assert from "node:assert/strict";
import { test } from "node:test";
import { cut, displayWidth } from "../../src/render/cell.ts";
import { codePointWidth } from "../../src/render/display_width.ts";
import { renderTextTable } from "../../src/render/text_table.ts";

const WIDTHS: Array<[string, string, number]> = [
  // [case, text, columns] (as Python's wcwidth.wcswidth counts them)
  ["ASCII", "abc", 3],
  ["CJK ideographs", "日本語", 6],
  ["Hangul syllables", "한국어", 6],
  ["Hangul from jamo", "\u1100\u1161\u11a8", 2],
  ["fullwidth Latin", "Ａ", 2],
  ["halfwidth katakana", "ｱ", 1],
  ["combining accent", "e\u0301", 1],
  ["zero-width space", "a\u200bb", 2],
  ["byte-order mark", "\ufeffx", 1],
  ["emoji", "🚀☕", 4],
  ["emoji with skin tone", "👍🏽", 2],
  ["ZWJ family", "👨\u200d👩\u200d👧", 2],
  ["rainbow flag (VS16 and ZWJ)", "🏳️\u200d🌈", 2],
  ["heart with VS16", "❤️", 2],
  ["heart as text", "❤", 1],
  ["flag of two regional indicators", "🇺🇸", 2],
  ["three regional indicators", "🇺🇸🇫", 4],
  ["a ZWJ after a narrow letter joins nothing", "a\u200dx", 2],
  ["ellipsis (ambiguous) is narrow", "…", 1],
];

for (const [name, text, width] of WIDTHS) {
  test(`displayWidth: ${name}`, () => assert.equal(displayWidth(text), width));
}

test("codePointWidth: a sample of each kind", () => {
  assert.equal(codePointWidth(0x41), 1);
  assert.equal(codePointWidth(0x4e00), 2);
  assert.equal(codePointWidth(0x0301), 0);
  assert.equal(codePointWidth(0x1f680), 2);
  assert.equal(codePointWidth(0x20000), 2);
});

test("cut counts columns: a wide character that would pass the width is left out", () => {
  assert.equal(cut("日本語テキスト", 6), "日本…");
  assert.equal(cut("日本語", 6), "日本語");
  assert.equal(cut("a👨\u200d👩\u200d👧bc", 4), "a👨\u200d👩\u200d👧…");
});

test("table columns line up after wide, emoji and zero-width characters", () => {
  const rows = [["ascii", "1"], ["日本語タスク", "2"], ["emoji 🚀🎉", "3"], ["cafe\u0301 a\u200bb", "4"], [
    "👨\u200d👩\u200d👧 fam",
    "5",
  ]];
  const table = renderTextTable([{ header: "NAME" }, { header: "N", align: "right" }], rows, 80);
  // The name column is 12 columns wide (日本語タスク), then two spaces.
  assert.equal(
    table,
    "NAME          N\n" +
      "ascii         1\n" +
      "日本語タスク  2\n" +
      "emoji 🚀🎉    3\n" +
      "cafe\u0301 a\u200bb       4\n" +
      "👨\u200d👩\u200d👧 fam        5\n",
  );
});
