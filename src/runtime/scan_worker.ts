/**
 * The module a scan worker thread runs (bundled as dist/scan_worker.mjs): only the
 * reader, so that a worker starts in a fraction of the CLI's time and memory.
 */
import { isScanWorker, runScanWorker } from "./parallel_read.ts";

if (isScanWorker()) void runScanWorker();
