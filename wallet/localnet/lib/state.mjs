// Saving and loading a chain to one JSON file: LiteSVM's own snapshot (accounts, sysvars, its
// duplicate-detection history) plus what this server keeps beside it (clock origin, blockhash
// window, faucet key, transaction history).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fromBase64, toBase64 } from './wire.mjs';

export const STATE_FORMAT = 'shaga-localnet-state';
export const STATE_VERSION = 1;

/** JSON-safe copy: BigInt as {"$n": "..."}, bytes as {"$b": "<base64>"}. */
export function pack(value) {
  if (typeof value === 'bigint') return { $n: value.toString() };
  if (value instanceof Uint8Array) return { $b: toBase64(value) };
  if (Array.isArray(value)) return value.map(pack);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
  }
  return value;
}

/** Inverse of pack. */
export function unpack(value) {
  if (Array.isArray(value)) return value.map(unpack);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$n') return BigInt(value.$n);
    if (keys.length === 1 && keys[0] === '$b') return fromBase64(value.$b);
    return Object.fromEntries(keys.map((k) => [k, unpack(value[k])]));
  }
  return value;
}

/** Writes atomically: a crash mid-write leaves the previous state intact. */
export function writeState(path, state) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, path);
}

/** Reads a state file, or returns null when there is none. Throws on a file of another format. */
export function readState(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
  const state = JSON.parse(text);
  if (state?.format !== STATE_FORMAT || state.version !== STATE_VERSION) {
    throw new Error(`${path} is not a ${STATE_FORMAT} v${STATE_VERSION} file`);
  }
  return state;
}
