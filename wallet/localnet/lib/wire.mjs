// Solana wire formats: base58/base64, the legacy and v0 transaction layout, and JSON with u64 values.
// Base58 by byte-wise long division: kit's BigInt codec costs about 1 ms per transaction in
// address conversions, which made it the server's hot spot.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

/** Bytes to base58 text. */
export function toBase58(bytes) {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits = new Uint8Array(Math.ceil(((bytes.length - zeros) * 138) / 100) + 1);
  let length = 0;
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    let j = 0;
    for (; j < length || carry !== 0; j++) {
      carry += (j < length ? digits[j] : 0) * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    length = j;
  }
  let out = '1'.repeat(zeros);
  for (let i = length - 1; i >= 0; i--) out += ALPHABET[digits[i]];
  return out;
}

/** Base58 text to bytes; throws WireError on a character outside the alphabet. */
export function fromBase58(text) {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes = new Uint8Array(Math.ceil(((text.length - zeros) * 733) / 1000) + 1);
  let length = 0;
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let carry = code < 128 ? DIGIT[code] : -1;
    if (carry < 0) throw new WireError(`invalid base58 character '${text[i]}'`);
    let j = 0;
    for (; j < length || carry !== 0; j++) {
      carry += (j < length ? bytes[j] : 0) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    length = j;
  }
  const out = new Uint8Array(zeros + length);
  for (let i = 0; i < length; i++) out[zeros + i] = bytes[length - 1 - i];
  return out;
}

export const toBase64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Strict base64: Buffer.from silently skips junk, so round-trip to reject it. */
export function fromBase64(text) {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) {
    throw new WireError('invalid base64');
  }
  return new Uint8Array(bytes);
}

/** A malformed transaction or message; the RPC layer turns it into an invalid-params error. */
export class WireError extends Error {}

class Reader {
  constructor(bytes) { this.bytes = bytes; this.pos = 0; }
  u8() {
    if (this.pos >= this.bytes.length) throw new WireError('unexpected end of data');
    return this.bytes[this.pos++];
  }
  take(n) {
    if (this.pos + n > this.bytes.length) throw new WireError('unexpected end of data');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  shortVec() {
    let value = 0;
    for (let shift = 0; shift < 21; shift += 7) {
      const b = this.u8();
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new WireError('compact-u16 too long');
  }
  list(readItem) {
    const n = this.shortVec();
    const out = [];
    for (let i = 0; i < n; i++) out.push(readItem());
    return out;
  }
}

/**
 * Decodes a message: {version: 'legacy'|0, header, accountKeys, recentBlockhash, instructions,
 * addressTableLookups}. Indices are checked so renderers can trust them.
 */
export function decodeMessage(bytes) {
  const r = new Reader(bytes);
  let version = 'legacy';
  const first = bytes[0];
  if (first !== undefined && (first & 0x80) !== 0) {
    version = first & 0x7f;
    r.u8();
    if (version !== 0) throw new WireError(`unsupported transaction version ${version}`);
  }
  const header = {
    numRequiredSignatures: r.u8(),
    numReadonlySignedAccounts: r.u8(),
    numReadonlyUnsignedAccounts: r.u8(),
  };
  const accountKeys = r.list(() => toBase58(r.take(32)));
  const recentBlockhash = toBase58(r.take(32));
  const instructions = r.list(() => ({
    programIdIndex: r.u8(),
    accounts: Array.from(r.list(() => r.u8())),
    data: new Uint8Array(r.list(() => r.u8())),
  }));
  const addressTableLookups = version === 'legacy' ? [] : r.list(() => ({
    accountKey: toBase58(r.take(32)),
    writableIndexes: r.list(() => r.u8()),
    readonlyIndexes: r.list(() => r.u8()),
  }));
  if (r.pos !== bytes.length) throw new WireError('trailing bytes after message');
  if (header.numRequiredSignatures === 0 || header.numRequiredSignatures > accountKeys.length
      || header.numReadonlySignedAccounts >= header.numRequiredSignatures
      || header.numReadonlyUnsignedAccounts > accountKeys.length - header.numRequiredSignatures) {
    throw new WireError('invalid message header');
  }
  const loaded = addressTableLookups.reduce((n, l) => n + l.writableIndexes.length + l.readonlyIndexes.length, 0);
  const total = accountKeys.length + loaded;
  for (const ix of instructions) {
    if (ix.programIdIndex >= accountKeys.length || ix.accounts.some((i) => i >= total)) {
      throw new WireError('instruction references an unknown account');
    }
  }
  return { version, header, accountKeys, recentBlockhash, instructions, addressTableLookups };
}

/** Decodes a signed transaction: {signatures: base58[], messageBytes, message}. */
export function decodeTransaction(bytes) {
  const r = new Reader(bytes);
  const signatures = r.list(() => toBase58(r.take(64)));
  const messageBytes = bytes.subarray(r.pos);
  const message = decodeMessage(messageBytes);
  if (signatures.length !== message.header.numRequiredSignatures) {
    throw new WireError('signature count does not match the message header');
  }
  return { signatures, messageBytes, message };
}

/** Reads a little-endian u64 as BigInt. */
export function readU64(bytes, offset) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset, true);
}

/** Reads a little-endian u32. */
export function readU32(bytes, offset) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

// JSON.stringify cannot write BigInt; u64 lamports and amounts must stay exact on the wire.
const BIG_MARK = `\u0000big${process.pid}:`;
const BIG_PATTERN = new RegExp(`"${BIG_MARK.replace('\u0000', '\\\\u0000')}(\\d+)"`, 'g');

/** JSON text in which BigInt values are written as plain (exact) JSON numbers. */
export function toJson(value) {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? BIG_MARK + v.toString() : v))
    .replace(BIG_PATTERN, '$1');
}
