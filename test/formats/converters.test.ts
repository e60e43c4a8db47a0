import assert from "node:assert/strict";
import { test } from "node:test";
import { convertOtlp } from "../../src/formats/otlp.ts";
import { convertPrefect } from "../../src/formats/prefect.ts";
import { detectFormat } from "../../src/formats/detect.ts";
import { parseDocument, parseLines } from "../../src/formats/parse_input.ts";
import { nanosToIso } from "../../src/formats/times.ts";
import { stringifyJson } from "../../src/json/stringify.ts";
import { parseJson } from "../../src/json/parse.ts";
import type { JsonObject } from "../../src/json/value.ts";

const fieldsText = (records: ReturnType<typeof convertOtlp>) => records.map((r) => stringifyJson(r.fields));

test("detectFormat: each format by its shape, and an execution record as none", () => {
  const rows: Array<[string, string | undefined]> = [
    ['{"resourceSpans":[]}', "otlp"],
    ['{"events":[{"eventId":"1","eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"}]}', "temporal"],
    ['{"reportFormat":"CTRF","results":{"tests":[]}}', "ctrf"],
    ['{"results":{"tool":{"name":"jest"},"tests":[]}}', "ctrf"],
    ['{"Time":"2022-06-19T13:44:44Z","Action":"run","Package":"p","Test":"T"}', "go-test"],
    ['{"name":"t","state_type":"FAILED","flow_run_id":"f"}', "prefect"],
    ['[{"name":"t","state":{"type":"FAILED"},"task_key":"k"}]', "prefect"],
    ['{"name":"fetch","status":"ok","events":[]}', undefined],
    ['[{"name":"fetch"}]', undefined],
  ];
  for (const [text, format] of rows) assert.equal(detectFormat(parseJson(text)), format, text);
});

test("OTLP: legacy instrumentationLibrarySpans, status codes by name, and nanoseconds exact to the microsecond", () => {
  const request = {
    resourceSpans: [{
      resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
      instrumentationLibrarySpans: [{
        instrumentationLibrary: { name: "old" },
        spans: [{
          traceId: "t1",
          name: "legacy",
          startTimeUnixNano: "1700000000123456789",
          endTimeUnixNano: "1700000001123457999",
          status: { code: "STATUS_CODE_ERROR", message: "bad" },
        }],
      }],
    }],
  };
  const input = parseDocument(JSON.stringify(request))!;
  assert.deepEqual(fieldsText(convertOtlp(input)), [
    '{"name":"legacy","start":"2023-11-14T22:13:20.123456Z","end":"2023-11-14T22:13:21.123457Z","status":"error",' +
    '"exception":"bad","run_id":"t1","service.name":"svc","scope":"old","status_message":"bad","attributes":{}}',
  ]);
  assert.equal(nanosToIso("0"), undefined); // unset
  assert.equal(nanosToIso("1544712660000000000"), "2018-12-13T14:51:00.000000Z");
});

test("Prefect: state_type or state.type as the status, total_run_time as the duration, the flow run as the run", () => {
  const runs = parseLines(
    '{"id":"a","name":"extract-0","task_key":"extract","flow_run_id":"f1","state_type":"COMPLETED",' +
      '"start_time":"2025-06-01T09:30:00+00:00","end_time":"2025-06-01T09:30:02+00:00","total_run_time":1.5}\n' +
      '{"id":"b","name":"load-0","flow_run_id":"f1","state":{"type":"FAILED","name":"Failed",' +
      '"message":"Task run encountered an exception: ValueError"}}\n',
  );
  assert.deepEqual(convertPrefect(runs).map((r) => [r.line, stringifyJson(r.fields)]), [
    [
      1,
      '{"name":"extract-0","start":"2025-06-01T09:30:00+00:00","end":"2025-06-01T09:30:02+00:00","duration":1.5,' +
      '"status":"completed","run_id":"f1","task_key":"extract","id":"a"}',
    ],
    [
      2,
      '{"name":"load-0","status":"failed","exception":"Task run encountered an exception: ValueError","run_id":"f1",' +
      '"state_name":"Failed","id":"b"}',
    ],
  ]);
});

test("parseDocument gives each object the line of its opening brace", () => {
  const input = parseDocument('{\n  "a": [\n    {"x": 1},\n\n    {\n      "y": 2\n    }\n  ]\n}\n')!;
  const list = (input.values[0] as JsonObject).get("a") as JsonObject[];
  assert.deepEqual(list.map((o) => input.lineOf(o)), [3, 5]);
  assert.equal(parseDocument("{\n"), undefined);
});
