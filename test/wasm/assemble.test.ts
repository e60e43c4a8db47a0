import assert from "node:assert/strict";
import { test } from "node:test";
import { assembleModule } from "../../tools/wasm/assemble.ts";

/** Instantiates functions over a fresh one-page memory; returns the exports and the memory. */
function load(source: string, globals: Parameters<typeof assembleModule>[0]["globals"] = []) {
  const bytes = assembleModule({ source, globals, minPages: 1 }) as Uint8Array<ArrayBuffer>;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return { exports: instance.exports as Record<string, (...args: number[]) => number>, memory };
}

const constants: Array<[string, string, number]> = [
  ["small", "i32.const 5", 5],
  ["-1 (one byte, sign bit set)", "i32.const -1", -1],
  ["64 (two bytes signed)", "i32.const 64", 64],
  ["-65", "i32.const -65", -65],
  ["624485 (three bytes)", "i32.const 624485", 624485],
  ["largest i32", "i32.const 2147483647", 2147483647],
  ["smallest i32", "i32.const -2147483648", -2147483648],
  ["hex", "i32.const 0x7f", 127],
  ["i64 above 2^63, wrapped to i32", "i64.const 0xffffffff00000005 i32.wrap_i64", 5],
  ["i64 shift", "i64.const 1 i64.const 40 i64.shl i64.const 32 i64.shr_u i32.wrap_i64", 256],
];
for (const [name, code, expected] of constants) {
  test(`assemble: constant ${name}`, () => {
    const { exports } = load(`(func $f (export "f") (result i32) ${code})`);
    assert.equal(exports.f!(), expected);
  });
}

test("assemble: f64 constants and arithmetic are IEEE doubles", () => {
  const { exports } = load(`(func $f (export "f") (param $a f64) (result f64)
    local.get $a f64.const 0.1 f64.add f64.const 3 f64.mul f64.floor)`);
  assert.equal(exports.f!(0.2), Math.floor((0.2 + 0.1) * 3));
  assert.equal(exports.f!(1e300), Math.floor((1e300 + 0.1) * 3));
});

test("assemble: named labels resolve to the right depth from nested blocks", () => {
  // Sums 1..n, leaving the loop from inside an if inside the loop.
  const { exports } = load(`(func $sum (export "sum") (param $n i32) (result i32) (local $s i32)
    block $done
      loop $next
        local.get $n i32.eqz
        if
          br $done
        end
        local.get $s local.get $n i32.add local.set $s
        local.get $n i32.const 1 i32.sub local.set $n
        br $next
      end
    end
    local.get $s)`);
  assert.equal(exports.sum!(100), 5050);
  assert.equal(exports.sum!(0), 0);
});

test("assemble: calls by name, globals, memory with offsets, and if with a result", () => {
  const { exports, memory } = load(
    `(func $twice (param $x i32) (result i32) local.get $x i32.const 2 i32.mul)
     (func $f (export "f") (param $p i32) (result i32)
       local.get $p i32.load8_u offset=100 call $twice global.set $g
       local.get $p global.get $g i32.store8 offset=200
       local.get $p i32.load8_u offset=200 i32.const 10 i32.gt_u
       if (result i32) i32.const 1 else i32.const 0 end)`,
    [{ name: "$g", type: "i32" }],
  );
  const bytes = new Uint8Array(memory.buffer);
  bytes[103] = 6;
  assert.equal(exports.f!(3), 1);
  assert.equal(bytes[203], 12);
  bytes[104] = 4;
  assert.equal(exports.f!(4), 0);
});

test("assemble: SIMD finds the first quote, backslash or control byte", () => {
  const { exports, memory } = load(`(func $first (export "first") (param $p i32) (result i32) (local $v v128)
    local.get $p v128.load offset=0 local.tee $v
    i32.const 34 i8x16.splat i8x16.eq
    local.get $v i32.const 92 i8x16.splat i8x16.eq v128.or
    local.get $v i32.const 32 i8x16.splat i8x16.lt_u v128.or
    i8x16.bitmask i32.ctz)`);
  const bytes = new Uint8Array(memory.buffer);
  for (const [text, expected] of [['abcdefgh"', 8], ["\\abc", 0], ["abc\ndef", 3], ['é日本"', 8]] as const) {
    bytes.fill(97, 0, 64);
    bytes.set(new TextEncoder().encode(text));
    assert.equal(exports.first!(0), expected, text);
  }
  bytes.fill(97, 0, 64);
  assert.equal(exports.first!(0), 32, "none in 16 bytes: ctz of 0");
});

const errors: Array<[string, string, RegExp]> = [
  ["an unknown instruction", `(func $f (result i32) i32.konst 1)`, /\$f: unknown instruction i32\.konst/],
  ["an unknown label", `(func $f block $a br $b end)`, /\$f: unknown label \$b/],
  ["an unknown local", `(func $f (result i32) local.get $x)`, /\$f: unknown name "\$x"/],
  ["an unknown function", `(func $f call $g)`, /\$f: unknown name "\$g"/],
  ["a block left open", `(func $f block $a)`, /\$f: a block is not closed by end/],
  ["an unbalanced parenthesis", `(func $f (result i32) i32.const 1`, /unbalanced '\('/],
  ["an unknown type", `(func $f (param $a i8))`, /unknown type i8/],
  ["not a function", `(memory 1)`, /expected \(func \$name/],
];
for (const [name, source, message] of errors) {
  test(`assemble: ${name} is an error naming it`, () => {
    assert.throws(() => assembleModule({ source, minPages: 1 }), message);
  });
}
