/**
 * Minutes east of UTC of the process's time zone at an epoch millisecond, with the
 * seconds of historical offsets as a fraction (Asia/Kathmandu in 1900: +05:41:16).
 * `Date.getTimezoneOffset` drops those seconds on every runtime; the local wall clock
 * (`getHours`, `getSeconds`, ...) keeps them, so the offset is taken from that.
 */
export function localOffsetMinutes(epochMs: number): number {
  const at = new Date(Math.floor(epochMs));
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  wall.setUTCFullYear(at.getFullYear(), at.getMonth(), at.getDate());
  wall.setUTCHours(at.getHours(), at.getMinutes(), at.getSeconds(), at.getMilliseconds());
  return (wall.getTime() - at.getTime()) / 60000;
}
