import type { Random } from "./random.ts";

/** A failed execution as Falyx leaves it: the exception as text and the Python traceback. */
export interface Failure {
  exception: string;
  traceback: string;
}

const ERRORS: ReadonlyArray<[string, string[]]> = [
  ["ConnectionError", [
    "connection reset by peer",
    "[Errno 111] Connection refused",
    "remote end closed connection without response",
  ]],
  ["TimeoutError", ["operation timed out after 30.0s", "read timed out (host='api.internal', port=443)"]],
  ["ValueError", [
    "invalid literal for int() with base 10: 'n/a'",
    'unexpected status "archived"',
    "could not convert string to float: 'é'",
  ]],
  ["KeyError", ["'user_id'", "'région'"]],
  ["PermissionError", ["[Errno 13] Permission denied: '/data/out/report.csv'"]],
  ["RuntimeError", ["retry budget exhausted (3 attempts)", "event loop is closed"]],
];
const MODULES = ["jobs/sync.py", "jobs/billing.py", "clients/http.py", "services/storage.py", "tasks/media.py"];
const CALLS = [
  "response = await client.get(url, timeout=timeout)",
  'rows = parse_rows(payload["items"])',
  "await storage.put(key, data)",
  "return int(value)",
  "raise_for_status(response)",
];

/** A failure with a multi-line traceback of 3 to 6 frames ending in the exception line. */
export function failure(random: Random, actionName: string): Failure {
  const [type, messages] = random.pick(ERRORS);
  const message = random.pick(messages);
  const frames = [
    '  File "/srv/app/.venv/lib/python3.12/site-packages/falyx/action/action.py", line 175, in _run\n' +
    "    result = await self.action(*combined_args, **combined_kwargs)",
    `  File "/srv/app/actions/${actionName.replace(/[^\w]/g, "_")}.py", line ${
      random.range(10, 400)
    }, in ${actionName}\n` +
    `    ${random.pick(CALLS)}`,
  ];
  for (let n = random.range(0, 2); n > 0; n--) {
    frames.push(
      `  File "/srv/app/${random.pick(MODULES)}", line ${random.range(10, 900)}, in ${
        random.pick(["get", "put", "run", "_call", "load"])
      }\n    ${random.pick(CALLS)}`,
    );
  }
  return {
    exception: `${type}: ${message}`,
    traceback: `Traceback (most recent call last):\n${frames.join("\n")}\n${type}: ${message}\n`,
  };
}
