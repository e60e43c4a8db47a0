/**
 * The module a scan worker thread runs (bundled as dist/scan_worker.mjs): only the
 * reader, so that a worker starts in a fraction of the CLI's time and memory.
 */
import { runScanWorker } from "./parallel_read.ts";
import { whenStarted } from "./threads.ts";

whenStarted((data, parent) => void runScanWorker(data, parent));
