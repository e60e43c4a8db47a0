import { convertCtrf } from "./ctrf.ts";
import { convertGoTest } from "./go_test.ts";
import { convertOtlp } from "./otlp.ts";
import { convertPrefect } from "./prefect.ts";
import { convertTemporal } from "./temporal.ts";
import type { Converter, DocumentFormat } from "./types.ts";

/** The converter of each document format. */
export const CONVERTERS: Readonly<Record<DocumentFormat, Converter>> = {
  otlp: convertOtlp,
  temporal: convertTemporal,
  ctrf: convertCtrf,
  "go-test": convertGoTest,
  prefect: convertPrefect,
};

/** What each format is called in messages. */
export const FORMAT_TITLES: Readonly<Record<DocumentFormat, string>> = {
  otlp: "OTLP/JSON traces",
  temporal: "a Temporal workflow history",
  ctrf: "a CTRF report",
  "go-test": "go test -json output",
  prefect: "Prefect runs",
};
