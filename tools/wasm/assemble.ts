// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
/**
 * A WebAssembly module from a small subset of the text format: the scanner's source
 * stays readable text in the repository, assembled without any tool to install
 * (`npm run wasm`; a test checks the bytes kept in the repository against the text).
 * Functions are written flat (no folded expressions):
 * `(func $name (export "x")? (param $a i32)* (result i32)? (local $b i32)* instr*)`.
 * Labels are named (`block $done`, `br_if $done`); memory instructions take `offset=N`.
 */

const VALTYPE: Record<string, number> = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b };

/** Instructions without immediates. */
const PLAIN: Record<string, number[]> = {
  unreachable: [0x00], nop: [0x01], else: [0x05], end: [0x0b], return: [0x0f], drop: [0x1a], select: [0x1b],
  "i32.eqz": [0x45], "i32.eq": [0x46], "i32.ne": [0x47], "i32.lt_s": [0x48], "i32.lt_u": [0x49],
  "i32.gt_s": [0x4a], "i32.gt_u": [0x4b], "i32.le_s": [0x4c], "i32.le_u": [0x4d], "i32.ge_s": [0x4e],
  "i32.ge_u": [0x4f], "i64.eq": [0x51], "i64.ne": [0x52], "i32.ctz": [0x68], "i32.add": [0x6a],
  "i32.sub": [0x6b], "i32.mul": [0x6c], "i32.div_u": [0x6e], "i32.rem_u": [0x70], "i32.and": [0x71], "i32.or": [0x72], "i32.xor": [0x73],
  "i32.shl": [0x74], "i32.shr_u": [0x76],
  "i8x16.splat": [0xfd, 0x0f], "i8x16.eq": [0xfd, 0x23], "i8x16.lt_u": [0xfd, 0x26], "i8x16.sub": [0xfd, 0x71], "v128.or": [0xfd, 0x50],
  "i8x16.bitmask": [0xfd, 0x64],
  "i64.eqz": [0x50], "i64.add": [0x7c], "i64.sub": [0x7d], "i64.mul": [0x7e], "i64.and": [0x83],
  "i64.or": [0x84], "i64.xor": [0x85], "i64.shl": [0x86], "i64.shr_u": [0x88], "i32.wrap_i64": [0xa7],
  "i64.extend_i32_u": [0xad], "memory.copy": [0xfc, 0x0a, 0x00, 0x00],
  "f64.eq": [0x61], "f64.lt": [0x63], "f64.gt": [0x64], "f64.le": [0x65], "f64.ge": [0x66], "f64.neg": [0x9a], "f64.floor": [0x9c], "f64.add": [0xa0],
  "f64.sub": [0xa1], "f64.mul": [0xa2], "f64.div": [0xa3], "f64.convert_i32_u": [0xb8],
  "f64.convert_i64_s": [0xb9], "f64.convert_i64_u": [0xba], "i64.extend_i32_s": [0xac], "i64.reinterpret_f64": [0xbd], "f64.reinterpret_i64": [0xbf],
};

/** Memory instructions: opcode bytes, then `align offset` (align 0: data is unaligned). */
const MEMORY: Record<string, number[]> = {
  "i32.load": [0x28], "i64.load": [0x29], "i32.load8_u": [0x2d], "i32.load16_u": [0x2f], "i32.store": [0x36],
  "f64.load": [0x2b], "i64.store": [0x37], "f64.store": [0x39], "i32.store8": [0x3a], "v128.load": [0xfd, 0x00],
};

const BLOCK: Record<string, number> = { block: 0x02, loop: 0x03, if: 0x04 };

/** A module-level mutable global, initialised to 0. */
export interface GlobalDef {
  name: string;
  type: "i32" | "f64";
}

/** What {@link assembleModule} builds: functions over one imported memory (`env.memory`). */
export interface ModuleDef {
  /** The functions, in the text form above. */
  source: string;
  globals?: readonly GlobalDef[];
  /** Pages (64 KiB) the imported memory must have at least. */
  minPages: number;
}

interface Func {
  name: string;
  exportName: string | undefined;
  params: number[];
  results: number[];
  locals: number[];
  localNames: Map<string, number>;
  body: Array<string | string[]>;
}

/** Assembles the module; throws an `Error` naming the function and token it cannot read. */
export function assembleModule(def: ModuleDef): Uint8Array {
  const funcs = parseFuncs(tokenize(def.source));
  const funcIndex = new Map(funcs.map((f, i) => [f.name, i]));
  const globals = def.globals ?? [];
  const globalIndex = new Map(globals.map((g, i) => [g.name, i]));
  const types: string[] = [];
  const typeOf = funcs.map((f) => {
    const key = `${f.params.join(",")}>${f.results.join(",")}`;
    const found = types.indexOf(key);
    return found >= 0 ? found : types.push(key) - 1;
  });
  const typeSection = vector(types.map((key) => {
    const [params, results] = key.split(">").map((list) => (list ? list.split(",").map(Number) : []));
    return [0x60, ...vector(params!.map((t) => [t])), ...vector(results!.map((t) => [t]))];
  }));
  const importSection = vector([[...name("env"), ...name("memory"), 0x02, 0x00, ...u32(def.minPages)]]);
  const functionSection = vector(typeOf.map((t) => u32(t)));
  const globalSection = vector(globals.map((g) => [VALTYPE[g.type]!, 0x01, ...(g.type === "i32" ? [0x41, 0] : f64(0)), 0x0b]));
  const exports = funcs.flatMap((f, i) => (f.exportName === undefined ? [] : [[...name(f.exportName), 0x00, ...u32(i)]]));
  const codeSection = vector(funcs.map((f) => {
    const code = localGroups(f.locals);
    assembleBody(f, funcIndex, globalIndex, code);
    code.push(0x0b);
    return [...u32(code.length), ...code];
  }));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, typeSection),
    ...section(2, importSection),
    ...section(3, functionSection),
    ...(globals.length > 0 ? section(6, globalSection) : []),
    ...section(7, vector(exports)),
    ...section(10, codeSection),
  ]);
}

function tokenize(source: string): Array<string | string[]> {
  const out: Array<string | string[]> = [];
  const stack: Array<Array<string | string[]>> = [out];
  for (const token of source.replace(/;;[^\n]*/g, " ").match(/\(|\)|"[^"]*"|[^\s()]+/g) ?? []) {
    if (token === "(") {
      const list: string[] = [];
      stack[stack.length - 1]!.push(list);
      stack.push(list as Array<string | string[]>);
    } else if (token === ")") {
      if (stack.length === 1) throw new Error("wasm text: unbalanced ')'");
      stack.pop();
    } else {
      stack[stack.length - 1]!.push(token);
    }
  }
  if (stack.length !== 1) throw new Error("wasm text: unbalanced '('");
  return out;
}

function parseFuncs(top: Array<string | string[]>): Func[] {
  return top.map((item) => {
    if (!Array.isArray(item) || item[0] !== "func" || typeof item[1] !== "string") {
      throw new Error(`wasm text: expected (func $name ...), got ${JSON.stringify(item).slice(0, 40)}`);
    }
    const f: Func = { name: item[1], exportName: undefined, params: [], results: [], locals: [], localNames: new Map(), body: [] };
    const items = item.slice(2) as Array<string | string[]>;
    let i = 0;
    for (; i < items.length && Array.isArray(items[i]); i++) {
      const [kind, ...rest] = items[i] as string[];
      if (kind === "export") f.exportName = rest[0]!.slice(1, -1);
      else if (kind === "result") f.results.push(...rest.map(valtype));
      else if (kind === "param" || kind === "local") {
        const index = f.params.length + f.locals.length;
        f.localNames.set(rest[0]!, index);
        (kind === "param" ? f.params : f.locals).push(valtype(rest[1]!));
      } else break;
    }
    f.body = items.slice(i);
    return f;
  });
}

function assembleBody(f: Func, funcIndex: Map<string, number>, globalIndex: Map<string, number>, out: number[]): void {
  const labels: Array<string | undefined> = [];
  const body = f.body;
  const fail = (what: string): never => {
    throw new Error(`wasm text: ${f.name}: ${what}`);
  };
  const lookup = (table: Map<string, number>, key: string | string[] | undefined): number => {
    const found = typeof key === "string" ? table.get(key) : undefined;
    return found ?? fail(`unknown name ${JSON.stringify(key)}`);
  };
  for (let i = 0; i < body.length; i++) {
    const op = body[i]!;
    if (typeof op !== "string") fail(`unexpected list ${JSON.stringify(op)}`);
    const word = op as string;
    if (word in PLAIN) {
      out.push(...PLAIN[word]!);
      if (word === "end") labels.pop();
    } else if (word in BLOCK) {
      const label = typeof body[i + 1] === "string" && (body[i + 1] as string).startsWith("$") ? body[++i] as string : undefined;
      const result = Array.isArray(body[i + 1]) && body[i + 1]![0] === "result" ? valtype(body[++i]![1]!) : 0x40;
      labels.push(label);
      out.push(BLOCK[word]!, result);
    } else if (word === "br" || word === "br_if") {
      const depth = labels.length - 1 - labels.lastIndexOf(body[++i] as string);
      if (depth >= labels.length) fail(`unknown label ${String(body[i])}`);
      out.push(word === "br" ? 0x0c : 0x0d);
      pushU32(out, depth);
    } else if (word.startsWith("local.")) {
      const code = { "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22 }[word] ?? fail(word);
      out.push(code);
      pushU32(out, lookup(f.localNames, body[++i]));
    } else if (word === "global.get" || word === "global.set") {
      out.push(word === "global.get" ? 0x23 : 0x24);
      pushU32(out, lookup(globalIndex, body[++i]));
    } else if (word === "call") {
      out.push(0x10);
      pushU32(out, lookup(funcIndex, body[++i]));
    } else if (word === "i32.const") {
      out.push(0x41);
      pushS32(out, Number(body[++i]));
    } else if (word === "i64.const") {
      out.push(0x42, ...s64(BigInt.asIntN(64, BigInt(body[++i] as string)))); // 0x8000… and above: as signed
    } else if (word === "f64.const") {
      const text = body[++i];
      const value = text === "nan" ? NaN : Number(text);
      if (Number.isNaN(value) && text !== "nan") fail(`bad f64 ${String(text)}`);
      out.push(...f64(value));
    } else if (word in MEMORY) {
      const next = body[i + 1];
      const offset = typeof next === "string" && next.startsWith("offset=") ? Number(body[++i]!.slice(7)) : 0;
      if (!Number.isInteger(offset) || offset < 0) fail(`bad offset ${String(next)}`);
      out.push(...MEMORY[word]!, 0x00);
      pushU32(out, offset);
    } else {
      fail(`unknown instruction ${word}`);
    }
  }
  if (labels.length !== 0) fail("a block is not closed by end");
}

function valtype(word: string): number {
  const t = VALTYPE[word];
  if (t === undefined) throw new Error(`wasm text: unknown type ${word}`);
  return t;
}

function localGroups(locals: number[]): number[] {
  const groups: number[][] = [];
  for (const t of locals) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[1] === t) last[0]!++;
    else groups.push([1, t]);
  }
  return vector(groups.map(([count, t]) => [...u32(count!), t!]));
}

function section(id: number, content: number[]): number[] {
  return [id, ...u32(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...u32(bytes.length), ...bytes];
}

/** Unsigned LEB128, onto `out` (the instructions' immediates: no array each). */
function pushU32(out: number[], value: number): void {
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
}

/** Signed LEB128 of a 32-bit integer, onto `out`. */
function pushS32(out: number[], value: number): void {
  value |= 0;
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function u32(value: number): number[] {
  const out: number[] = [];
  pushU32(out, value);
  return out;
}

/** \`f64.const\` and its 8 bytes, little-endian. */
function f64(value: number): number[] {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, true);
  return [0x44, ...bytes];
}

function s64(value: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}
