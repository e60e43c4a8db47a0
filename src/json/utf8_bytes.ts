/** Byte-level helpers of JsonBytes: JSON escapes, UTF-8 checked and written. */

const HEX = "0123456789abcdef";

export function digits(src: Uint8Array, pos: number): number {
  for (;;) {
    const c = src[pos];
    if (c !== undefined && c >= 48 && c <= 57) pos++;
    else return pos;
  }
}

/** The character a one-letter escape stands for (`u` for `\u`), or -1. */
export function escaped(e: number | undefined): number {
  switch (e) {
    case 34:
    case 92:
    case 47:
      return e;
    case 98:
      return 8;
    case 102:
      return 12;
    case 110:
      return 10;
    case 114:
      return 13;
    case 116:
      return 9;
    case 117:
      return 117;
    default:
      return -1;
  }
}

export function hex4(src: Uint8Array, pos: number): number {
  let code = 0;
  for (let i = 0; i < 4; i++) {
    const c = src[pos + i];
    const v = c === undefined
      ? -1
      : c >= 48 && c <= 57
      ? c - 48
      : c >= 97 && c <= 102
      ? c - 87
      : c >= 65 && c <= 70
      ? c - 55
      : -1;
    if (v < 0) return -1;
    code = code * 16 + v;
  }
  return code;
}

/** How JSON.stringify writes a control character. */
export function putControl(buffer: Uint8Array, at: number, code: number): number {
  buffer[at++] = 92;
  const short = code === 8 ? 98 : code === 9 ? 116 : code === 10 ? 110 : code === 12 ? 102 : code === 13 ? 114 : 0;
  if (short !== 0) {
    buffer[at++] = short;
    return at;
  }
  buffer[at++] = 117;
  buffer[at++] = 48;
  buffer[at++] = 48;
  buffer[at++] = HEX.charCodeAt(code >> 4);
  buffer[at++] = HEX.charCodeAt(code & 15);
  return at;
}

/** A code point below U+10000 (no surrogate) as UTF-8. */
export function putUtf8(buffer: Uint8Array, at: number, code: number): number {
  if (code < 0x80) buffer[at++] = code;
  else if (code < 0x800) {
    buffer[at++] = 0xc0 | (code >> 6);
    buffer[at++] = 0x80 | (code & 63);
  } else {
    buffer[at++] = 0xe0 | (code >> 12);
    buffer[at++] = 0x80 | ((code >> 6) & 63);
    buffer[at++] = 0x80 | (code & 63);
  }
  return at;
}

/** Bytes of the well-formed UTF-8 sequence at `pos` (a byte of 128 or more), or 0 when it is not one. */
export function utf8Length(src: Uint8Array, pos: number): number {
  const c = src[pos]!;
  const c1 = src[pos + 1] ?? 0;
  if (c >= 0xc2 && c <= 0xdf) return (c1 & 0xc0) === 0x80 ? 2 : 0;
  const c2 = src[pos + 2] ?? 0;
  if (c >= 0xe0 && c <= 0xef) {
    const low = c === 0xe0 ? 0xa0 : 0x80;
    const high = c === 0xed ? 0x9f : 0xbf;
    return c1 >= low && c1 <= high && (c2 & 0xc0) === 0x80 ? 3 : 0;
  }
  const c3 = src[pos + 3] ?? 0;
  if (c >= 0xf0 && c <= 0xf4) {
    const low = c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xf4 ? 0x8f : 0xbf;
    return c1 >= low && c1 <= high && (c2 & 0xc0) === 0x80 && (c3 & 0xc0) === 0x80 ? 4 : 0;
  }
  return 0;
}
