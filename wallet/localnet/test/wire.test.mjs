import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WireError, decodeMessage, decodeTransaction, fromBase64, toBase58, toJson } from '../lib/wire.mjs';

function legacyTransfer() {
  // 1 signature, header 1/0/1, keys [payer, dest, system], blockhash, one system transfer.
  const key = (b) => new Uint8Array(32).fill(b);
  const data = [2, 0, 0, 0, 0x40, 0x42, 0x0f, 0, 0, 0, 0, 0];
  return new Uint8Array([
    1, ...new Uint8Array(64).fill(7),
    1, 0, 1, 3, ...key(1), ...key(2), ...new Uint8Array(32), ...key(9),
    1, 2, 2, 0, 1, data.length, ...data,
  ]);
}

test('decodes a legacy transaction', () => {
  const tx = decodeTransaction(legacyTransfer());
  assert.equal(tx.signatures.length, 1);
  assert.equal(tx.message.version, 'legacy');
  assert.deepEqual(tx.message.header, { numRequiredSignatures: 1, numReadonlySignedAccounts: 0, numReadonlyUnsignedAccounts: 1 });
  assert.equal(tx.message.accountKeys[2], '11111111111111111111111111111111');
  assert.equal(tx.message.recentBlockhash, toBase58(new Uint8Array(32).fill(9)));
  assert.deepEqual(tx.message.instructions[0].accounts, [0, 1]);
  assert.equal(tx.message.instructions[0].programIdIndex, 2);
});

test('decodes a v0 message with lookups', () => {
  const legacy = decodeTransaction(legacyTransfer()).messageBytes;
  const v0 = new Uint8Array([0x80, ...legacy, 1, ...new Uint8Array(32).fill(5), 1, 0, 1, 3]);
  const message = decodeMessage(v0);
  assert.equal(message.version, 0);
  assert.deepEqual(message.addressTableLookups[0].writableIndexes, [0]);
  assert.deepEqual(message.addressTableLookups[0].readonlyIndexes, [3]);
});

test('rejects malformed transactions with WireError only', () => {
  const good = legacyTransfer();
  assert.throws(() => decodeTransaction(good.subarray(0, good.length - 1)), WireError);
  assert.throws(() => decodeTransaction(new Uint8Array([...good, 0])), WireError);
  const badIndex = good.slice();
  badIndex[good.length - 14] = 9; // program id index out of range
  assert.throws(() => decodeTransaction(badIndex), WireError);
  const twoSigs = good.slice();
  twoSigs[0] = 2;
  assert.throws(() => decodeTransaction(twoSigs), WireError);
});

test('fuzzed inputs never throw anything but WireError', () => {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const good = legacyTransfer();
  for (let i = 0; i < 5000; i++) {
    const bytes = i % 2 === 0 ? good.slice() : new Uint8Array(next() % 300);
    for (let j = 0; j < 1 + (next() % 6); j++) if (bytes.length > 0) bytes[next() % bytes.length] = next() & 0xff;
    try {
      decodeTransaction(bytes);
    } catch (e) {
      assert.ok(e instanceof WireError, `unexpected ${e}`);
    }
  }
});

test('base64 decoding is strict', () => {
  assert.deepEqual(Array.from(fromBase64('AQID')), [1, 2, 3]);
  assert.throws(() => fromBase64('AQ!D'), WireError);
});

test('u64 values stay exact in JSON', () => {
  assert.equal(toJson({ rentEpoch: (1n << 64n) - 1n, list: [1n, 2] }), '{"rentEpoch":18446744073709551615,"list":[1,2]}');
  assert.equal(toJson({ text: 'big:1' }), '{"text":"big:1"}');
});

test('base58 matches the reference codec, leading zeros included', async () => {
  const { getBase58Decoder, getBase58Encoder } = await import('@solana/kit');
  const { fromBase58 } = await import('../lib/wire.mjs');
  const reference = getBase58Decoder();
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < 2000; i++) {
    const bytes = new Uint8Array(next() % 70).map(() => next() & 0xff);
    for (let z = next() % 4; z > 0 && z <= bytes.length; z--) bytes[z - 1] = 0;
    const text = toBase58(bytes);
    assert.equal(text, reference.decode(bytes));
    assert.deepEqual(fromBase58(text), bytes);
    assert.deepEqual(new Uint8Array(getBase58Encoder().encode(text)), bytes);
  }
  assert.throws(() => fromBase58('0OIl'), WireError);
  assert.equal(toBase58(new Uint8Array(32)), '11111111111111111111111111111111');
});
