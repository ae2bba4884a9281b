/** Protocol-buffer wire fields, as wx-server-sdk encodes its cloud-call messages: enough to read them back. */

export type Field = { field: number; wireType: number; bytes?: Buffer; varint?: number };

function readVarint(bytes: Buffer, start: number): [number, number] {
  let value = 0;
  let shift = 0;
  let offset = start;
  while (offset < bytes.length) {
    const byte = bytes[offset];
    offset += 1;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7;
  }
  throw new Error('truncated varint');
}

export function readFields(bytes: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    let tag: number;
    [tag, offset] = readVarint(bytes, offset);
    const wireType = tag & 7;
    const field = Math.floor(tag / 8);
    if (wireType === 0) {
      let varint: number;
      [varint, offset] = readVarint(bytes, offset);
      fields.push({ field, wireType, varint });
    } else if (wireType === 2) {
      let length: number;
      [length, offset] = readVarint(bytes, offset);
      if (offset + length > bytes.length) throw new Error('truncated field');
      fields.push({ field, wireType, bytes: bytes.subarray(offset, offset + length) });
      offset += length;
    } else if (wireType === 1) {
      offset += 8;
    } else if (wireType === 5) {
      offset += 4;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}
