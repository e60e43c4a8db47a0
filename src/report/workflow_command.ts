/**
 * GitHub Actions workflow commands (`::error title=T::message`), escaped as
 * @actions/core does (packages/core/src/command.ts): in data `%`, CR and LF; in
 * property values also `:` and `,`.
 */

/** The message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value (`title=...`) of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command line, without the line end; properties with empty values are left out. */
export function workflowCommand(
  command: string,
  properties: ReadonlyArray<readonly [string, string]>,
  message: string,
): string {
  const props = properties.filter(([, value]) => value !== "").map(([key, value]) => `${key}=${escapeProperty(value)}`);
  return `::${command}${props.length > 0 ? " " + props.join(",") : ""}::${escapeData(message)}`;
}
