/** Logs made up in memory for the report tests: many failures, long tracebacks. */

/** A JSON-lines log of `failures` failed executions (after `successes` good ones), each traceback about `tracebackChars` long. */
export function failingLog(failures: number, tracebackChars: number, successes = 0): string {
  const lines: string[] = [];
  const frame = '  File "/app/worker.py", line 12, in step\n    do_the_work(item)\n';
  for (let i = 0; i < successes; i++) {
    lines.push(
      JSON.stringify({ name: "ok_step", index: i, start_wall: at(i), duration: 0.5, status: "OK", result: i }),
    );
  }
  for (let j = 0; j < failures; j++) {
    const i = successes + j;
    const traceback = "Traceback (most recent call last):\n" +
      frame.repeat(Math.max(1, Math.ceil(tracebackChars / frame.length))) +
      `RuntimeError: item ${j} failed`;
    lines.push(JSON.stringify({
      name: `step_${j % 3}`,
      index: i,
      start_wall: at(i),
      duration: 1 + j / 1000,
      status: "ERROR",
      exception: `RuntimeError('item ${j} failed')`,
      traceback,
    }));
  }
  return lines.join("\n") + "\n";
}

/** A log of one status repeated, e.g. `cancelled`. */
export function statusLog(statuses: readonly string[]): string {
  return statuses.map((status, i) =>
    JSON.stringify({ name: "job", index: i, start_wall: at(i), duration: 1, status }) + "\n"
  ).join("");
}

function at(i: number): string {
  return new Date(Date.UTC(2025, 5, 1, 12, 0, 0) + i * 1000).toISOString();
}
