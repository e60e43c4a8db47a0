/**
 * An epoch time in nanoseconds, as OTLP and old Temporal histories write it (a decimal
 * string or a number's text), as an ISO-8601 instant exact to the microsecond; undefined
 * when it is not one (0 or absent means unset in OTLP).
 */
export function nanosToIso(text: string | undefined): string | undefined {
  if (text === undefined || !/^\d{1,20}$/.test(text) || /^0+$/.test(text)) return undefined;
  const micros = BigInt(text) / 1000n;
  return microsToIso(micros);
}

/** Epoch milliseconds (CTRF's start and stop) as an ISO-8601 instant; undefined when not a positive number. */
export function millisToIso(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  return microsToIso(BigInt(Math.round(ms * 1000)));
}

function microsToIso(micros: bigint): string {
  const ms = micros / 1000n;
  const rest = micros % 1000n;
  const iso = new Date(Number(ms)).toISOString(); // 2018-12-13T14:51:00.000Z
  return `${iso.slice(0, -1)}${rest.toString().padStart(3, "0")}Z`;
}
