import { JsonSyntaxError, parseJson } from "../json/parse.ts";
import type { JsonValue } from "../json/value.ts";
import { arrayAt, field, objectAt, stringAt } from "./json_access.ts";

const decoder = new TextDecoder();

/** Base64 to text (UTF-8), or undefined when it is not base64. */
function fromBase64(text: string): string | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The value of Temporal `Payloads` (`{payloads: [{metadata: {encoding}, data}]}`, base64):
 * `json/plain` parsed, `binary/null` null; one payload as its value, several as a list.
 * Payloads of another encoding (encrypted, protobuf) are kept as they are.
 */
export function payloadsValue(payloads: JsonValue | undefined): JsonValue | undefined {
  const list = arrayAt(payloads, "payloads");
  if (list.length === 0) return undefined;
  const values = list.map(payloadValue);
  return values.length === 1 ? values[0]! : values;
}

function payloadValue(payload: JsonValue): JsonValue {
  const encodingText = stringAt(objectAt(payload, "metadata"), "encoding");
  const encoding = encodingText === undefined ? undefined : fromBase64(encodingText);
  if (encoding === "binary/null") return null;
  const data = field(payload, "data");
  if (encoding === "json/plain" && typeof data === "string") {
    const text = fromBase64(data);
    if (text !== undefined) {
      try {
        return parseJson(text);
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
      }
    }
  }
  return payload;
}
