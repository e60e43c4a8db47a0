import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig, parseMapSpecs } from "../../src/cli/input_settings.ts";
import { runCli } from "../helpers/fake_io.ts";

test("--map specs: FIELD=PATH, a field given again adds an alias", () => {
  assert.deepEqual(parseMapSpecs(["name=task", "start = time", "name=step", "exception=err.message"]), {
    name: ["task", "step"],
    start: ["time"],
    exception: ["err.message"],
  });
  assert.deepEqual(parseMapSpecs([]), {});
});

const BAD_SPECS: Array<[string, string]> = [
  ["task", '"task": FIELD=PATH expected (such as name=task)'],
  ["nme=task", '"nme=task": "nme" is not a field (one of name, index, start, end, duration, duration_ms, status, '],
  ["=task", '"=task": "" is not a field'],
];

for (const [spec, message] of BAD_SPECS) {
  test(`--map ${spec}: refused, saying why`, () => {
    assert.throws(() => parseMapSpecs([spec]), (error: Error) => error.message.startsWith(message));
  });
}

test("config file: from and map (a path or a list of paths); anything else is refused with the reason", () => {
  assert.deepEqual(parseConfig('{"from": "pino", "map": {"name": "step", "run": ["trace", "span"]}}'), {
    from: "pino",
    map: { name: ["step"], run: ["trace", "span"] },
  });
  const refused: Array<[string, string]> = [
    ["{", "not JSON: "],
    ["[]", "not a JSON object"],
    ['{"from": "log4j"}', '"from" must be one of auto, falyx, pino, '],
    ['{"map": ["name=x"]}', '"map" must be an object of FIELD: PATH'],
    ['{"map": {"name": 3}}', "map.name must be a path or a list of paths"],
    ['{"map": {"nom": "x"}}', 'map.nom: "nom" is not a field'],
    ['{"mapping": {}}', '"mapping" is not a setting (from, map)'],
  ];
  for (const [text, message] of refused) {
    assert.throws(() => parseConfig(text), (error: Error) => error.message.startsWith(message), text);
  }
});

// task-shaped lines: every record's name is in `task`, its run in `trace`, a logger's `name` beside them.
const LOG = [
  '{"name":"svc","task":"extract","step":"one","trace":"r1","status":"ok"}',
  '{"name":"svc","task":"load","step":"two","trace":"r2","status":"failed"}',
].join("\n") + "\n";

async function namesOf(argv: string[], env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const run = await runCli(["summary", "-o", "json", ...argv, "log.jsonl"], {
    env,
    files: { "log.jsonl": LOG, ...files },
  });
  assert.equal(run.status, 0, run.stderr);
  const doc = JSON.parse(run.stdout) as { records: Array<{ name: string; run_id: string | null }> };
  return doc.records.map((r) => `${r.name}/${r.run_id}`).join(" ");
}

test("the mapping: --map over EXECHIST_MAP over the config file, field by field", async () => {
  const config = { ".exechist.json": '{"map": {"name": "task", "run": "trace"}}' };
  assert.equal(await namesOf([]), "svc/null svc/null");
  assert.equal(await namesOf([], {}, config), "extract/r1 load/r2");
  assert.equal(await namesOf([], { EXECHIST_MAP: "name=step" }, config), "one/r1 two/r2");
  assert.equal(await namesOf(["--map", "name=task"], { EXECHIST_MAP: "name=step" }, config), "extract/r1 load/r2");
  assert.equal(await namesOf([], { EXECHIST_MAP: "name=step,run=task" }), "one/extract two/load");
  // --config names another file; .exechist.json is then not read.
  const other = { "team.json": '{"map": {"name": "step"}}' };
  assert.equal(await namesOf(["--config", "team.json"], {}, { ...config, ...other }), "one/null two/null");
});

test("--from: the flag over the config file's", async () => {
  const files = { "log.jsonl": LOG, ".exechist.json": '{"from": "otlp"}' };
  const fromFile = await runCli(["summary", "log.jsonl"], { files });
  assert.equal(fromFile.status, 2);
  assert.equal(fromFile.stderr, 'exechist: Cannot read "log.jsonl" as OTLP/JSON traces: no otlp data in it\n');
  assert.equal((await runCli(["summary", "--from", "falyx", "log.jsonl"], { files })).status, 0);
});

test("a wrong mapping: a usage error from a flag or EXECHIST_MAP, an input error naming the config file", async () => {
  const files = { "log.jsonl": LOG };
  const flag = await runCli(["summary", "--map", "nme=task", "log.jsonl"], { files });
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /^exechist: Bad --map "nme=task": "nme" is not a field \(one of name, index, /);
  assert.match(flag.stderr, /Run "exechist --help" for usage\n$/);
  const twice = await runCli(["summary", "--map", "name=msg", "--map", "exception=msg", "log.jsonl"], { files });
  assert.match(twice.stderr, /^exechist: Bad --map: "msg" is mapped to both name and exception\n/);
  const env = await runCli(["summary", "log.jsonl"], { files, env: { EXECHIST_MAP: "name=task,trace" } });
  assert.equal(env.status, 2);
  assert.match(env.stderr, /^exechist: Bad EXECHIST_MAP "trace": FIELD=PATH expected \(such as name=task\)\n/);
  const file = await runCli(["summary", "log.jsonl"], { files: { ...files, ".exechist.json": '{"map": {"nom": 1}}' } });
  assert.deepEqual([file.status, file.stderr], [
    2,
    'exechist: Cannot read ".exechist.json": map.nom must be a path or a list of paths\n',
  ]);
  const missing = await runCli(["summary", "--config", "nowhere.json", "log.jsonl"], { files });
  assert.deepEqual([missing.status, missing.stderr], [2, 'exechist: Cannot read "nowhere.json": no such file\n']);
});
