// DuckDB's read_json group-by of a JSON-lines log, for the whole-process comparison:
//   node bench/duckdb_group.mjs PREFIX FILE [auto|columns]
// PREFIX is a directory where @duckdb/node-api was installed outside the repository
// (npm install --prefix /tmp/duckdb-bench @duckdb/node-api): DuckDB is not a dependency
// of exechist. Prints {"<name>": count, ...} as JSON.
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, file, variant = "columns"] = process.argv.slice(2);
if (!prefix || !file) {
  process.stderr.write("usage: duckdb_group.mjs PREFIX FILE [auto|columns]\n");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(prefix), "package.json"));
const { DuckDBInstance } = await import(pathToFileURL(require.resolve("@duckdb/node-api")).href);

const quoted = `'${path.resolve(file).replaceAll("'", "''")}'`;
// "auto": the idiomatic call, schema detected from a sample; "columns": only `name` declared, the fastest form.
const source = variant === "auto"
  ? `read_json(${quoted})`
  : `read_json(${quoted}, format = 'newline_delimited', columns = {name: 'VARCHAR'})`;
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(`SELECT name, count(*) AS n FROM ${source} GROUP BY name`);
const counts = {};
for (const [name, n] of reader.getRows()) counts[String(name)] = Number(n);
process.stdout.write(JSON.stringify(counts) + "\n");
