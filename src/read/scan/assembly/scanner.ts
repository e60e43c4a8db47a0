// The scanner module's exports: the entry file `npm run wasm` compiles.
export { scanRecord } from "./record";
export { scanBatch } from "./batch";
