import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOKEN_PROGRAM, TOKEN_2022_PROGRAM, decodeMint, decodeTokenAccount, uiAmountString, uiTokenAmount } from '../lib/token.mjs';

test('ui amounts are trimmed decimal strings', () => {
  assert.equal(uiAmountString(2_500_000n, 6), '2.5');
  assert.equal(uiAmountString(1_000_000n, 6), '1');
  assert.equal(uiAmountString(1n, 6), '0.000001');
  assert.equal(uiAmountString(0n, 6), '0');
  assert.equal(uiAmountString(123n, 0), '123');
  assert.equal(uiAmountString(18446744073709551615n, 6), '18446744073709.551615');
  assert.deepEqual(uiTokenAmount(0n, 6, { zeroAsNull: true }), { amount: '0', decimals: 6, uiAmount: null, uiAmountString: '0' });
  assert.equal(uiTokenAmount(0n, 6).uiAmount, 0);
});

function tokenAccountData(amount, state = 1) {
  const data = new Uint8Array(165);
  data.fill(3, 0, 32);
  data.fill(4, 32, 64);
  new DataView(data.buffer).setBigUint64(64, amount, true);
  data[108] = state;
  return data;
}

test('decodes token accounts of both programs, ignoring uninitialized ones', () => {
  const account = decodeTokenAccount({ owner: TOKEN_PROGRAM, data: tokenAccountData(42n) });
  assert.equal(account.amount, 42n);
  assert.equal(account.state, 'initialized');
  assert.equal(decodeTokenAccount({ owner: TOKEN_PROGRAM, data: tokenAccountData(1n, 0) }), null);
  assert.equal(decodeTokenAccount({ owner: '11111111111111111111111111111111', data: tokenAccountData(1n) }), null);
  const extended = new Uint8Array(200);
  extended.set(tokenAccountData(7n));
  extended[165] = 2;
  assert.equal(decodeTokenAccount({ owner: TOKEN_2022_PROGRAM, data: extended }).amount, 7n);
  assert.equal(decodeTokenAccount({ owner: TOKEN_PROGRAM, data: extended }), null);
});

test('decodes mints', () => {
  const data = new Uint8Array(82);
  data[0] = 1;
  data.fill(9, 4, 36);
  new DataView(data.buffer).setBigUint64(36, 1000n, true);
  data[44] = 6;
  data[45] = 1;
  const mint = decodeMint({ owner: TOKEN_PROGRAM, data });
  assert.equal(mint.decimals, 6);
  assert.equal(mint.supply, 1000n);
  assert.equal(mint.freezeAuthority, null);
  assert.ok(mint.mintAuthority);
});
