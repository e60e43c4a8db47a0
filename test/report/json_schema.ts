/**
 * A small JSON-Schema (draft-07) validator for the keywords the vendored CTRF schema
 * uses, and no others: a schema with any keyword outside {@link KNOWN} is rejected
 * rather than half-checked, so "valid" never means "not understood".
 */

/** A JSON value as `JSON.parse` gives it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Schema = { [key: string]: Json } | boolean;

/** Keywords that only annotate. */
const ANNOTATIONS = new Set(["$schema", "title", "description", "definitions"]);
/** Keywords that are checked. */
const KNOWN = new Set([
  "type",
  "required",
  "properties",
  "additionalProperties",
  "const",
  "enum",
  "items",
  "minItems",
  "minLength",
  "minimum",
  "pattern",
  "format",
  "anyOf",
  "$ref",
]);

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
};

/** Where the document breaks the schema: `/results/tests/3/status: not one of ...`. */
export type SchemaErrors = string[];

/** Validates `value` against `root`; an empty list means valid. Throws on a keyword it does not implement. */
export function validateJson(root: Schema, value: Json): SchemaErrors {
  let errors: SchemaErrors = [];
  check(root, value, "");
  return errors;

  function resolve(ref: string): Schema {
    const m = /^#\/definitions\/([^/]+)$/.exec(ref);
    if (!m || typeof root !== "object") throw new Error(`unsupported $ref "${ref}"`);
    const defs = root.definitions;
    const target = defs && typeof defs === "object" && !Array.isArray(defs) ? defs[m[1]!] : undefined;
    if (target === undefined || target === null || typeof target !== "object" || Array.isArray(target)) {
      throw new Error(`unresolved $ref "${ref}"`);
    }
    return target;
  }

  function check(schema: Schema, v: Json, path: string): void {
    if (schema === true) return;
    if (schema === false) return void errors.push(`${path || "/"}: no value is allowed here`);
    for (const key of Object.keys(schema)) {
      if (!ANNOTATIONS.has(key) && !KNOWN.has(key)) throw new Error(`unsupported keyword "${key}" at ${path || "/"}`);
    }
    const at = path || "/";
    if (typeof schema.$ref === "string") check(resolve(schema.$ref), v, path);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => typeof t === "string" && hasType(v, t))) {
        errors.push(`${at}: expected ${types.join(" or ")}, got ${typeName(v)}`);
      }
    }
    if (schema.const !== undefined && !deepEqual(schema.const, v)) {
      errors.push(`${at}: must be ${JSON.stringify(schema.const)}`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v))) {
      errors.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    }
    if (Array.isArray(schema.anyOf)) {
      const ok = schema.anyOf.some((sub) => {
        const outer = errors;
        errors = [];
        check(sub as Schema, v, path);
        const fits = errors.length === 0;
        errors = outer;
        return fits;
      });
      if (!ok) errors.push(`${at}: matches none of anyOf`);
    }
    if (typeof v === "string") {
      if (typeof schema.minLength === "number" && [...v].length < schema.minLength) {
        errors.push(`${at}: shorter than ${schema.minLength}`);
      }
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(v)) {
        errors.push(`${at}: does not match ${schema.pattern}`);
      }
      if (typeof schema.format === "string") {
        const re = FORMATS[schema.format];
        if (!re) throw new Error(`unsupported format "${schema.format}"`);
        if (!re.test(v)) errors.push(`${at}: not a ${schema.format}`);
      }
    }
    if (typeof v === "number" && typeof schema.minimum === "number" && v < schema.minimum) {
      errors.push(`${at}: below ${schema.minimum}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === "number" && v.length < schema.minItems) {
        errors.push(`${at}: fewer than ${schema.minItems} items`);
      }
      if (schema.items !== undefined) {
        if (Array.isArray(schema.items)) throw new Error("tuple items are not supported");
        v.forEach((item, i) => check(schema.items as Schema, item, `${path}/${i}`));
      }
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      if (Array.isArray(schema.required)) {
        for (const key of schema.required) {
          if (typeof key === "string" && !(key in v)) errors.push(`${at}: missing "${key}"`);
        }
      }
      const props = (schema.properties ?? {}) as { [key: string]: Schema };
      for (const [key, item] of Object.entries(v)) {
        const child = `${path}/${key}`;
        if (Object.hasOwn(props, key)) check(props[key]!, item, child);
        else if (schema.additionalProperties === false) errors.push(`${child}: property not allowed`);
        else if (schema.additionalProperties !== undefined && typeof schema.additionalProperties === "object") {
          check(schema.additionalProperties as Schema, item, child);
        }
      }
    }
  }
}

function hasType(v: Json, type: string): boolean {
  switch (type) {
    case "null":
      return v === null;
    case "boolean":
      return typeof v === "boolean";
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "array":
      return Array.isArray(v);
    case "object":
      return v !== null && typeof v === "object" && !Array.isArray(v);
    default:
      throw new Error(`unsupported type "${type}"`);
  }
}

function typeName(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isInteger(v)) return "integer";
  return typeof v;
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
