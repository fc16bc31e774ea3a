// Solana wire formats: base58/base64, the legacy and v0 transaction layout, and JSON with u64 values.
import { getBase58Decoder, getBase58Encoder } from '@solana/kit';

const b58decoder = getBase58Decoder();
const b58encoder = getBase58Encoder();

/** Bytes to base58 text. */
export const toBase58 = (bytes) => b58decoder.decode(bytes);

/** Base58 text to bytes; throws on a character outside the alphabet. */
export const fromBase58 = (text) => new Uint8Array(b58encoder.encode(text));

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
