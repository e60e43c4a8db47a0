import type { JsonObject, JsonValue } from "../json/value.ts";
import { arrayAt, field, numberAt, objectAt, recordOf, stringAt } from "./json_access.ts";
import { payloadsValue } from "./temporal_payload.ts";
import { nanosToIso } from "./times.ts";
import type { ExecutionRecord, ParsedInput } from "./types.ts";

/** One event of a history: its id, kind (`activitytaskscheduled`, whatever the spelling), time, attributes and line. */
interface HistoryEvent {
  id: number;
  kind: string;
  time: string | undefined;
  attributes: JsonObject | undefined;
  line: number;
}

/** How an activity closed, by its closing event's kind. */
const CLOSES: Readonly<Record<string, { status: string; outcome?: string }>> = {
  activitytaskcompleted: { status: "completed" },
  activitytaskfailed: { status: "failed" },
  activitytasktimedout: { status: "failed", outcome: "timed out" },
  activitytaskcanceled: { status: "cancelled" },
};

const WORKFLOW_FAILURES = new Set([
  "workflowexecutionfailed",
  "workflowexecutiontimedout",
  "workflowexecutionterminated",
]);

/**
 * Temporal workflow histories (`temporal workflow show -o json`, SDK test histories;
 * `EVENT_TYPE_ACTIVITY_TASK_FAILED` and the older `ActivityTaskFailed` alike): a record
 * per activity execution (its last attempt: a history keeps only that one's start),
 * joining Scheduled, Started and the closing event by `scheduledEventId`; the run is the
 * workflow id / run id. A workflow that failed with no failed activity gets a record
 * of its own, so that its failure is not lost.
 */
export function convertTemporal(input: ParsedInput): ExecutionRecord[] {
  const records: ExecutionRecord[] = [];
  for (const document of input.values) {
    const events = arrayAt(document, "events").filter((e) => e instanceof Map).map((e) => eventOf(e, input));
    records.push(...historyRecords(events));
  }
  return records;
}

function eventOf(event: JsonObject, input: ParsedInput): HistoryEvent {
  let attributes: JsonObject | undefined;
  let kindFromAttributes = "";
  for (const [key, value] of event) {
    if (key.endsWith("EventAttributes") && value instanceof Map) {
      attributes = value;
      kindFromAttributes = key.slice(0, -"EventAttributes".length);
    }
  }
  const type = stringAt(event, "eventType") ?? kindFromAttributes;
  return {
    id: numberAt(event, "eventId") ?? 0,
    kind: type.replace(/^EVENT_TYPE_/, "").replaceAll("_", "").toLowerCase(),
    time: stringAt(event, "eventTime") ?? nanosToIso(stringAt(event, "timestamp")),
    attributes,
    line: input.lineOf(event),
  };
}

function historyRecords(events: readonly HistoryEvent[]): ExecutionRecord[] {
  const started = events.find((e) => e.kind === "workflowexecutionstarted");
  const workflowId = stringAt(started?.attributes, "workflowId");
  const runId = stringAt(started?.attributes, "originalExecutionRunId") ??
    stringAt(started?.attributes, "firstExecutionRunId");
  const run = [workflowId, runId].filter(Boolean).join("/") || undefined;
  const workflow = stringAt(objectAt(started?.attributes, "workflowType"), "name");

  const byScheduled = new Map<number, { scheduled: HistoryEvent; started?: HistoryEvent; closed?: HistoryEvent }>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    if (event.kind === "activitytaskscheduled") byScheduled.set(event.id, { scheduled: event });
    const join = byScheduled.get(numberAt(event.attributes, "scheduledEventId") ?? -1);
    if (join === undefined) continue;
    if (event.kind === "activitytaskstarted") join.started = event;
    else if (event.kind in CLOSES) join.closed = event;
  }

  const records: ExecutionRecord[] = [];
  for (const { scheduled, started: start, closed } of byScheduled.values()) {
    const close = closed === undefined ? undefined : CLOSES[closed.kind]!;
    const failure = objectAt(closed?.attributes, "failure");
    records.push({
      fields: recordOf([
        ["name", stringAt(objectAt(scheduled.attributes, "activityType"), "name") ?? ""],
        ["start", (start ?? scheduled).time],
        ["end", closed?.time],
        ["status", close?.status ?? (start === undefined ? "scheduled" : "running")],
        ["exception", failureMessage(failure) ?? stringAt(closed?.attributes, "reason")],
        ["traceback", failureTrace(failure)],
        [
          "result",
          closed?.kind === "activitytaskcompleted" ? payloadsValue(field(closed.attributes, "result")) : undefined,
        ],
        ["run_id", run],
        ["activity_id", stringAt(scheduled.attributes, "activityId")],
        ["attempt", numberAt(start?.attributes, "attempt") ?? (start === undefined ? undefined : 1)],
        ["outcome", close?.outcome],
        ["scheduled", scheduled.time],
        ["workflow", workflow],
        ["event_id", (closed ?? start ?? scheduled).id],
      ]),
      line: (closed ?? start ?? scheduled).line,
    });
  }

  const failed = events.find((e) => WORKFLOW_FAILURES.has(e.kind));
  if (failed !== undefined && !records.some((r) => r.fields.get("status") === "failed")) {
    const failure = objectAt(failed.attributes, "failure");
    records.push({
      fields: recordOf([
        ["name", workflow ?? "workflow"],
        ["start", started?.time],
        ["end", failed.time],
        ["status", "failed"],
        ["exception", failureMessage(failure) ?? stringAt(failed.attributes, "reason") ?? failed.kind],
        ["traceback", failureTrace(failure)],
        ["run_id", run],
        ["event_id", failed.id],
      ]),
      line: failed.line,
    });
  }
  return records;
}

/** `Type: message` of a Temporal failure (the application error's type when it has one). */
function failureMessage(failure: JsonValue | undefined): string | undefined {
  if (failure === undefined) return undefined;
  const message = stringAt(failure, "message");
  const type = stringAt(objectAt(failure, "applicationFailureInfo"), "type");
  return [type, message].filter(Boolean).join(": ") || undefined;
}

/** The failure's stack trace, then each cause's (`Caused by: …`). */
function failureTrace(failure: JsonValue | undefined): string | undefined {
  const parts: string[] = [];
  for (let at = failure, depth = 0; at instanceof Map && depth < 20; at = field(at, "cause"), depth++) {
    const trace = stringAt(at, "stackTrace");
    if (depth > 0) parts.push(`Caused by: ${failureMessage(at) ?? ""}`);
    if (trace) parts.push(trace.trimEnd());
  }
  return parts.length > 0 ? parts.join("\n") : undefined;
}
