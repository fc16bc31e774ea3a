import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appendTransactionMessageInstructions, createTransactionMessage, generateKeyPairSigner, getTransactionEncoder,
  pipe, setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash, signTransactionMessageWithSigners,
} from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { Chain } from '../lib/chain.mjs';
import { RpcMethods } from '../lib/rpc.mjs';
import { COMPUTE_BUDGET_PROGRAM, MEMO_V2_PROGRAM } from '../lib/token.mjs';
import { decodeTransaction } from '../lib/wire.mjs';

const computeBudget = (tag, value, size) => {
  const data = new Uint8Array(1 + size);
  data[0] = tag;
  const view = new DataView(data.buffer);
  if (size === 4) view.setUint32(1, value, true);
  else view.setBigUint64(1, BigInt(value), true);
  return { programAddress: COMPUTE_BUDGET_PROGRAM, accounts: [], data };
};

async function signed(chain, payer, instructions) {
  const { blockhash, lastValidBlockHeight } = chain.latestBlockhash();
  const message = pipe(
    createTransactionMessage({ version: 'legacy' }),
    (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash({ blockhash, lastValidBlockHeight: BigInt(lastValidBlockHeight) }, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  return new Uint8Array(getTransactionEncoder().encode(await signTransactionMessageWithSigners(message)));
}

test('quoted fees equal the fees the runtime charges, priority fees included', async () => {
  let now = 1_000_000;
  const chain = await Chain.create({ now: () => now });
  const payer = await generateKeyPairSigner();
  const to = (await generateKeyPairSigner()).address;
  await chain.airdrop(payer.address, 10_000_000_000n);
  const memo = { programAddress: MEMO_V2_PROGRAM, accounts: [], data: new TextEncoder().encode('x') };
  const cases = [
    [getTransferSolInstruction({ source: payer, destination: to, amount: 1_000_000n })],
    [computeBudget(3, 1_000_000, 8), getTransferSolInstruction({ source: payer, destination: to, amount: 1_000_001n })],
    [computeBudget(3, 12_345, 8), memo, getTransferSolInstruction({ source: payer, destination: to, amount: 1_000_002n })],
    [computeBudget(2, 50_000, 4), computeBudget(3, 777_777, 8), memo],
  ];
  for (const instructions of cases) {
    const bytes = await signed(chain, payer, instructions);
    const quoted = chain.feeFor(decodeTransaction(bytes).message);
    const signature = chain.submit(bytes);
    assert.equal(chain.transaction(signature).fee, quoted);
    const { preBalances, postBalances } = chain.transaction(signature);
    const moved = instructions.some((i) => i.programAddress === '11111111111111111111111111111111')
      ? BigInt(postBalances[1] - preBalances[1]) : 0n;
    assert.equal(preBalances[0] - postBalances[0] - moved, quoted);
    now += 400;
  }
});

test('getSignaturesForAddress pages with before/until, newest first', async () => {
  let now = 1_000_000;
  const chain = await Chain.create({ now: () => now, confirmSlots: 0 });
  const rpc = new RpcMethods(chain);
  const owner = (await generateKeyPairSigner()).address;
  const signatures = [];
  for (let i = 0; i < 5; i++) {
    signatures.push(await rpc.call('requestAirdrop', [owner, 1_000_000_000 + i]));
    now += 400;
  }
  const list = (config) => rpc.call('getSignaturesForAddress', [owner, { commitment: 'confirmed', ...config }])
    .then((r) => r.map((e) => e.signature));
  assert.deepEqual(await list({}), [...signatures].reverse());
  assert.deepEqual(await list({ limit: 2 }), [signatures[4], signatures[3]]);
  assert.deepEqual(await list({ before: signatures[3], limit: 2 }), [signatures[2], signatures[1]]);
  assert.deepEqual(await list({ until: signatures[1] }), [signatures[4], signatures[3], signatures[2]]);
});

test('faucet accepts named and positional params', async () => {
  const chain = await Chain.create();
  const rpc = new RpcMethods(chain);
  const owner = (await generateKeyPairSigner()).address;
  const a = await rpc.call('shaga_fundUsdc', [{ owner, amount: 5 }]);
  const b = await rpc.call('shaga_fundUsdc', [owner, '7']);
  const c = await rpc.call('shaga_fundUsdc', { owner, amount: 11 });
  assert.equal(a.tokenAccount, b.tokenAccount);
  assert.equal(c.amount, '11');
  const balance = await rpc.call('getTokenAccountBalance', [a.tokenAccount]);
  assert.equal(balance.value.amount, '23');
  await assert.rejects(rpc.call('shaga_fundUsdc', [{ owner, amount: -1 }]), /unsigned 64-bit/);
  await assert.rejects(rpc.call('shaga_fundUsdc', [{ owner: 'nope', amount: 1 }]), /Invalid owner/);
});

test('simulateTransaction reports failures without committing', async () => {
  const chain = await Chain.create();
  const rpc = new RpcMethods(chain);
  const payer = await generateKeyPairSigner();
  await chain.airdrop(payer.address, 1_000_000_000n);
  const tooMuch = await signed(chain, payer, [getTransferSolInstruction({ source: payer, destination: (await generateKeyPairSigner()).address, amount: 5_000_000_000n })]);
  const sim = await rpc.call('simulateTransaction', [Buffer.from(tooMuch).toString('base64'), { encoding: 'base64' }]);
  assert.deepEqual(sim.value.err, { InstructionError: [0, { Custom: 1 }] });
  assert.ok(sim.value.logs.length > 0);
  assert.equal(chain.balance(payer.address), 1_000_000_000n);
});

test('a tampered signature is refused with -32003 and nothing is stored', async () => {
  const chain = await Chain.create();
  const payer = await generateKeyPairSigner();
  await chain.airdrop(payer.address, 1_000_000_000n);
  const bytes = await signed(chain, payer, [getTransferSolInstruction({ source: payer, destination: (await generateKeyPairSigner()).address, amount: 1_000_000n })]);
  bytes[5] ^= 0xff;
  for (const skipPreflight of [false, true]) {
    assert.throws(() => chain.submit(bytes, { skipPreflight }), (e) => e.code === -32003);
  }
  assert.equal(chain.transaction(decodeTransaction(bytes).signatures[0]), null);
  assert.equal(chain.balance(payer.address), 1_000_000_000n);
});

test('a saved chain restores balances, history, blockhashes and the faucet', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readState, writeState } = await import('../lib/state.mjs');
  let now = 1_000_000;
  const options = { now: () => now, confirmSlots: 0 };
  const chain = await Chain.create(options);
  const payer = await generateKeyPairSigner();
  const airdrop = await chain.airdrop(payer.address, 2_000_000_000n);
  const funded = await chain.fundToken({ owner: payer.address, amount: 1_500_000n });
  const pending = await signed(chain, payer, [getTransferSolInstruction({ source: payer, destination: (await generateKeyPairSigner()).address, amount: 1_000_000n })]);
  const path = join(mkdtempSync(join(tmpdir(), 'localnet-')), 'state.json');
  writeState(path, chain.toState());

  now += 2_000;
  const restored = await Chain.restore(readState(path), options);
  assert.equal(restored.usdcMint, chain.usdcMint);
  assert.equal(restored.faucet.address, chain.faucet.address);
  assert.equal(restored.genesisHash, chain.genesisHash);
  assert.equal(restored.balance(payer.address), 2_000_000_000n);
  assert.equal(restored.currentSlot(), chain.currentSlot());
  const rpc = new RpcMethods(restored);
  assert.equal((await rpc.call('getTokenAccountBalance', [funded.tokenAccount])).value.amount, '1500000');
  assert.deepEqual(restored.transaction(airdrop).postBalances, chain.transaction(airdrop).postBalances);
  assert.equal((await rpc.call('getSignaturesForAddress', [payer.address])).length, 2);
  // The faucet still signs for the mint, and a transaction signed before the save still lands.
  await restored.fundToken({ owner: payer.address, amount: 1n });
  const signature = restored.submit(pending);
  assert.throws(() => restored.submit(pending), (e) => e.data?.err === 'AlreadyProcessed');
  assert.equal(restored.transaction(signature).err, null);
  assert.equal(readState(join(tmpdir(), 'no-such-localnet-state.json')), null);
});

test('standard methods want positional params, unknown methods are reported', async () => {
  const rpc = new RpcMethods(await Chain.create());
  await assert.rejects(rpc.call('getBalance', { pubkey: '11111111111111111111111111111111' }), (e) => e.code === -32602);
  await assert.rejects(rpc.call('getBalance', ['not-base58-0OIl']), (e) => e.code === -32602);
  await assert.rejects(rpc.call('toString', []), (e) => e.code === -32601);
  await assert.rejects(rpc.call('constructor', []), (e) => e.code === -32601);
  assert.equal((await rpc.call('getBalance', ['11111111111111111111111111111111'])).value, 1n);
});
