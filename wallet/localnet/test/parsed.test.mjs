import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInstruction } from '../lib/parsed.mjs';
import { MEMO_V2_PROGRAM, TOKEN_PROGRAM } from '../lib/token.mjs';

const keys = ['source', 'mint', 'dest', 'authority', 'reference', TOKEN_PROGRAM, MEMO_V2_PROGRAM];
const transferChecked = (accounts) => {
  const data = new Uint8Array(10);
  data[0] = 12;
  new DataView(data.buffer).setBigUint64(1, 2_500_000n, true);
  data[9] = 6;
  return { programIdIndex: 5, accounts, data };
};

test('transferChecked with a single authority', () => {
  const ix = parseInstruction(transferChecked([0, 1, 2, 3]), keys);
  assert.equal(ix.program, 'spl-token');
  assert.equal(ix.parsed.type, 'transferChecked');
  assert.equal(ix.parsed.info.authority, 'authority');
  assert.deepEqual(ix.parsed.info.tokenAmount, { amount: '2500000', decimals: 6, uiAmount: 2.5, uiAmountString: '2.5' });
});

test('an appended reference reads as a multisig signer, as on validators', () => {
  const ix = parseInstruction(transferChecked([0, 1, 2, 3, 4]), keys);
  assert.equal(ix.parsed.info.multisigAuthority, 'authority');
  assert.deepEqual(ix.parsed.info.signers, ['reference']);
  assert.equal(ix.parsed.info.authority, undefined);
});

test('memo text and fallbacks', () => {
  const memo = parseInstruction({ programIdIndex: 6, accounts: [], data: new TextEncoder().encode('shaga:1') }, keys);
  assert.deepEqual(memo, { parsed: 'shaga:1', program: 'spl-memo', programId: MEMO_V2_PROGRAM, stackHeight: null });
  const truncated = parseInstruction({ programIdIndex: 5, accounts: [0, 1, 2, 3], data: new Uint8Array([12, 1, 2]) }, keys);
  assert.deepEqual(Object.keys(truncated).sort(), ['accounts', 'data', 'programId', 'stackHeight']);
  const badUtf8 = parseInstruction({ programIdIndex: 6, accounts: [], data: new Uint8Array([0xff]) }, keys);
  assert.equal(badUtf8.data, '5Q');
});
