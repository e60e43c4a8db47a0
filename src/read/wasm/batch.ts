// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { LAYOUT } from "./layout.ts";

const O = LAYOUT.fields;
const B = LAYOUT.batch;

/**
 * Many lines in one call: scans and normalises record after record (scanRecord), and
 * stages each one's column values (wasm/layout.ts `batch*`) instead of handing it to
 * JavaScript, until a line needs JavaScript (not a brace at its first byte, a record the
 * scanner could not decide or normalise, a line not whole yet) or the batch is full.
 * ColumnsBuilder.addBatch then copies each column in one piece: the usual record costs
 * no JavaScript of its own. Its flags are those ColumnsBuilder.add would make (a record
 * without an index gets its position, `pos` onwards); its offset is `base` + where it starts.
 */
export const BATCH = `
(func $scanBatch (export "scanBatch") (param $p i32) (param $filled i32) (param $eof i32) (param $base f64) (param $pos f64) (result i32)
    (local $n i32) (local $nl i32) (local $index f64) (local $flags i32) (local $clock i32) (local $id i32)
    (local $names i32) (local $statuses i32) (local $runs i32) (local $ends i32) (local $maxIndex f64) (local $positional i32)
  block $done
    loop $next
      local.get $n i32.const ${LAYOUT.batchRecords} i32.ge_u br_if $done
      local.get $p local.get $filled i32.ge_s br_if $done
      local.get $p i32.load8_u offset=${LAYOUT.data} i32.const 123 i32.ne br_if $done
      local.get $p call $scanRecord local.tee $nl
      i32.const 0 i32.lt_s br_if $done
      local.get $nl local.get $filled i32.eq local.get $eof i32.eqz i32.and br_if $done ;; not whole yet
      i32.const 0 i32.load8_u offset=${O + 47} i32.eqz br_if $done ;; not normalised: normalize.ts
      ;; The index, else the position (flagged).
      i32.const 0 local.set $flags
      i32.const 0 f64.load offset=${O} local.tee $index
      f64.const 0 f64.lt
      if
        local.get $pos local.get $n f64.convert_i32_u f64.add local.set $index
        i32.const 32 local.set $flags
        local.get $positional i32.const 1 i32.add local.set $positional
      end
      local.get $index local.get $maxIndex f64.gt
      if
        local.get $index local.set $maxIndex
      end
      local.get $n i32.const 3 i32.shl local.get $index f64.store offset=${LAYOUT.batchIndex}
      local.get $n i32.const 3 i32.shl i32.const 0 f64.load offset=${O + 8} f64.store offset=${LAYOUT.batchStart}
      local.get $n i32.const 3 i32.shl i32.const 0 f64.load offset=${O + 16} f64.store offset=${LAYOUT.batchEnd}
      local.get $n i32.const 3 i32.shl i32.const 0 f64.load offset=${O + 24} f64.store offset=${LAYOUT.batchDuration}
      local.get $n i32.const 3 i32.shl local.get $base local.get $p f64.convert_i32_u f64.add f64.store offset=${LAYOUT.batchOffset}
      local.get $n i32.const 2 i32.shl i32.const 0 i32.load offset=${O + 32} local.tee $id i32.store offset=${LAYOUT.batchName}
      local.get $names local.get $id i32.or local.set $names
      local.get $n i32.const 2 i32.shl i32.const 0 i32.load offset=${O + 36} local.tee $id i32.store offset=${LAYOUT.batchStatus}
      local.get $statuses local.get $id i32.or local.set $statuses
      local.get $n i32.const 2 i32.shl i32.const 0 i32.load offset=${O + 40} local.tee $id i32.store offset=${LAYOUT.batchRun}
      local.get $runs local.get $id i32.or local.set $runs
      ;; Flags: start clock, end clock << 2, ignored << 4, positional index (32).
      i32.const 0 i32.load8_u offset=${O + 45} local.tee $clock
      i32.const 1 i32.sub i32.const 2 i32.lt_u ;; instant or naive: an end worth keeping
      local.get $ends i32.or local.set $ends
      local.get $n
      local.get $flags
      i32.const 0 i32.load8_u offset=${O + 44} i32.or
      local.get $clock i32.const 2 i32.shl i32.or
      i32.const 0 i32.load8_u offset=${O + 46} i32.const 4 i32.shl i32.or
      i32.store8 offset=${LAYOUT.batchFlags}
      local.get $n i32.const 1 i32.add local.set $n
      local.get $nl i32.const 1 i32.add local.set $p
      br $next
    end
  end
  i32.const 0 local.get $p i32.store offset=${B}
  i32.const 0 local.get $ends i32.store offset=${B + 4}
  i32.const 0 local.get $names i32.store offset=${B + 8}
  i32.const 0 local.get $statuses i32.store offset=${B + 12}
  i32.const 0 local.get $runs i32.store offset=${B + 16}
  i32.const 0 local.get $positional i32.store offset=${B + 20}
  i32.const 0 local.get $maxIndex f64.store offset=${B + 24}
  local.get $n)
`;
