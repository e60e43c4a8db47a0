import assert from "node:assert/strict";
import { test } from "node:test";
import { numberAt } from "../../src/read/number.ts";
import { prng } from "../helpers/gen_lines.ts";

const encoder = new TextEncoder();

/** Every text must read as Number() reads it, to the bit (and -0 as -0). */
function assertSameAsNumber(texts: readonly string[]): void {
  const bytes = encoder.encode(texts.join(" "));
  let start = 0;
  let checked = 0;
  for (const text of texts) {
    const got = numberAt(bytes, start, start + text.length);
    const want = text === "NaN" ? NaN : Number(text);
    if (!Object.is(got, want)) assert.fail(`numberAt(${text}) = ${got}, Number() = ${want}`);
    start += text.length + 1;
    checked++;
  }
  assert.equal(checked, texts.length);
}

/** A random double over many magnitudes, as the shortest text that reads back (what Python's repr writes). */
function randomDouble(r: () => number): number {
  return (r() - 0.3) * 10 ** Math.floor(r() * 40 - 20);
}

test("numberAt reads shortest-form doubles exactly (Python's float repr)", () => {
  const r = prng(11);
  assertSameAsNumber(Array.from({ length: 200_000 }, () => String(randomDouble(r))).filter((t) => !t.includes("e")));
});

test("numberAt reads decimals of 16 to 19 significant digits exactly", () => {
  const r = prng(12);
  const texts: string[] = [];
  for (let i = 0; i < 200_000; i++) {
    const digits = 16 + Math.floor(r() * 4);
    let text = String(1 + Math.floor(r() * 9));
    for (let d = 1; d < digits; d++) text += String(Math.floor(r() * 10));
    const point = Math.floor(r() * (digits + 1));
    text = point === digits ? text : `${text.slice(0, point) || "0"}.${text.slice(point)}`;
    if (r() < 0.3) text = text.replace(/^0\./, "0.000");
    texts.push(r() < 0.5 ? text : `-${text}`);
  }
  assertSameAsNumber(texts);
});

/** The exact decimal midpoint between a double and the next one up, cut to 19 digits. */
function nearMidpoints(x: number): string[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const mantissa = (view.getBigUint64(0) & ((1n << 52n) - 1n)) | (1n << 52n);
  const exponent = Number((view.getBigUint64(0) >> 52n) & 0x7ffn) - 1075;
  // midpoint = (2m + 1) * 2^(exponent - 1); for exponent < 1: (2m+1) * 5^k / 10^k with k = 1 - exponent.
  const k = BigInt(1 - exponent);
  const digits = ((2n * mantissa + 1n) * 5n ** k).toString();
  const pointFromEnd = Number(k);
  const out: string[] = [];
  for (const cut of [17, 18, 19]) {
    const head = BigInt(digits.slice(0, cut));
    for (const delta of [-1n, 0n, 1n]) {
      const text = (head + delta).toString().padEnd(digits.length, "0");
      const intLength = text.length - pointFromEnd;
      if (intLength <= 0 || pointFromEnd > 22 + (text.length - cut)) continue;
      const trimmed = `${text.slice(0, intLength)}.${
        text.slice(intLength, cut - (digits.length - text.length) + intLength)
      }`;
      out.push(trimmed.replace(/\.$/, ""));
    }
  }
  return out;
}

test("numberAt rounds texts next to the midpoint between two doubles as Number() does", () => {
  const r = prng(13);
  const texts: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const x = 1 + r() * 100_000;
    texts.push(...nearMidpoints(x));
  }
  assert.ok(texts.length > 100_000, `${texts.length} texts`);
  assertSameAsNumber(texts);
});

test("numberAt reads integers, exponents and the non-finite words", () => {
  assertSameAsNumber([
    "0",
    "-0",
    "7",
    "123456789012345",
    "9007199254740993",
    "12345678901234567890",
    "-98765432109876543210",
    "1e5",
    "1E-7",
    "-2.5e+300",
    "0.1",
    "0.30000000000000004",
    "4.35",
    "1.0",
    "0.000001",
    "123.4560000000000000000",
    "4503599627370496.5",
    "4503599627370497.5",
    "1125899906842624.125",
    "1125899906842624.375",
    "Infinity",
    "-Infinity",
    "NaN",
    "5e-324",
    "1.7976931348623157e308",
    "0.00000000000000000000012345678901234567",
  ]);
});

/** `x` written with an exponent the ways JavaScript, Python and people do: 1.5e-7, 1.5e-07, 15E-8, 0.15e-6. */
function exponentForms(x: number, r: () => number): string[] {
  const js = x.toExponential(); // shortest digits that read back
  const [mantissa, exponent] = js.split("e") as [string, string];
  const power = Number(exponent);
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  const sign = x < 0 ? "-" : "";
  const python = `${mantissa}e${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  const shift = Math.floor(r() * 4);
  return [
    js,
    python,
    `${sign}${digits}E${power - digits.length + 1}`,
    `${sign}0.${"0".repeat(shift)}${digits}e${power + 1 + shift}`,
  ];
}

test("numberAt reads numbers with exponents exactly, as JavaScript and Python write them", () => {
  const r = prng(14);
  const texts: string[] = [];
  for (let i = 0; i < 50_000; i++) {
    const x = (r() - 0.3) * 10 ** Math.floor(r() * 60 - 30);
    texts.push(String(x), ...exponentForms(x, r));
  }
  for (let i = 0; i < 50_000; i++) { // up to 19 digits, any exponent near the exact powers
    let digits = String(1 + Math.floor(r() * 9));
    for (let d = 1 + Math.floor(r() * 18); d > 0; d--) digits += String(Math.floor(r() * 10));
    texts.push(
      `${digits}e${Math.floor(r() * 70) - 35}`,
      `${digits.slice(0, 1)}.${digits.slice(1)}e-${Math.floor(r() * 30)}`,
    );
  }
  for (let i = 0; i < 5_000; i++) { // next to midpoints, the point moved into the exponent
    for (const text of nearMidpoints(1 + r() * 100_000)) {
      const [whole, fraction = ""] = text.split(".") as [string, string?];
      texts.push(
        `${whole}${fraction}e-${fraction.length}`,
        `${whole.slice(0, 1)}.${whole.slice(1)}${fraction}e+${whole.length - 1}`,
      );
    }
  }
  texts.push(
    "0e0",
    "-0e5",
    "0.0E-3",
    "1e22",
    "1e23",
    "9007199254740993e-22",
    "1e-22",
    "123e+0004",
    "1e00001",
    "5e-324",
    "1e400",
  );
  assertSameAsNumber(texts);
});
