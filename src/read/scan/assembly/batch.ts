// Many lines in one call: scans and normalises record after record (scanRecord), and
// stages each one's column values (the layout's batch columns) instead of handing it to
// JavaScript, until a line needs JavaScript (not a brace at its first byte, a record the
// scanner could not decide or normalise, a line not whole yet) or the batch is full.
// ColumnsBuilder.addBatch then copies each column in one piece: the usual record costs
// no JavaScript of its own. Its flags are those ColumnsBuilder.add would make (a record
// without an index gets its position, `pos` onwards); its offset is `base` + where it starts.
import { byteAt, OPEN_BRACE } from "./bytes";
import {
  batchDuration,
  batchEnd,
  batchFlags,
  batchIndex,
  batchName,
  batchOffset,
  batchRun,
  batchStart,
  batchStatus,
  batchWord,
  CLOCK_INSTANT,
  CLOCK_NAIVE,
  IGNORED_FLAG,
  POSITION_INDEX_FLAG,
  record,
} from "./layout";
import { scanRecord } from "./record";

export function scanBatch(p: i32, filled: i32, eof: i32, base: f64, pos: f64): i32 {
  let n = 0;
  let names = 0;
  let statuses = 0;
  let runs = 0;
  let ends = 0;
  let maxIndex: f64 = 0;
  let positional = 0;
  while (n < batchIndex.count && p < filled && byteAt(p) == OPEN_BRACE) {
    const nl = scanRecord(p);
    if (nl < 0) break;
    if (nl == filled && eof == 0) break; // not whole yet
    if (load<u8>(0, record.ok) == 0) break; // not normalised: normalize.ts
    // The index, else the position (flagged).
    let flags = 0;
    let index = load<f64>(0, record.index);
    if (index < 0) {
      index = pos + <f64>n;
      flags = POSITION_INDEX_FLAG;
      positional++;
    }
    if (index > maxIndex) maxIndex = index;
    const f64At = <usize>n * batchIndex.stride; // the f64 columns'
    const i32At = <usize>n * batchName.stride; // the i32 columns'
    store<f64>(f64At, index, batchIndex.at);
    store<f64>(f64At, load<f64>(0, record.start), batchStart.at);
    store<f64>(f64At, load<f64>(0, record.end), batchEnd.at);
    store<f64>(f64At, load<f64>(0, record.duration), batchDuration.at);
    store<f64>(f64At, base + <f64>p, batchOffset.at);
    const name = load<i32>(0, record.name);
    const status = load<i32>(0, record.status);
    const run = load<i32>(0, record.run);
    store<i32>(i32At, name, batchName.at);
    store<i32>(i32At, status, batchStatus.at);
    store<i32>(i32At, run, batchRun.at);
    names |= name;
    statuses |= status;
    runs |= run;
    // Flags: start clock, end clock << 2 (columns.ts endClockOf), ignored, positional index.
    const endClock = <i32>load<u8>(0, record.endClock);
    if (endClock == CLOCK_INSTANT || endClock == CLOCK_NAIVE) ends = 1; // an end worth keeping
    flags |= <i32>load<u8>(0, record.startClock) | (endClock << 2) |
      (load<u8>(0, record.ignored) != 0 ? IGNORED_FLAG : 0);
    store<u8>(n, flags, batchFlags.at);
    n++;
    p = nl + 1;
  }
  store<i32>(0, p, batchWord.nextLine);
  store<i32>(0, ends, batchWord.hasEnds);
  store<i32>(0, names, batchWord.nameIds);
  store<i32>(0, statuses, batchWord.statusIds);
  store<i32>(0, runs, batchWord.runIds);
  store<i32>(0, positional, batchWord.positional);
  store<f64>(0, maxIndex, batchWord.maxIndex);
  return n;
}
