// Server-side cost of a Solana Pay style USDC payment (create ATA + memo + transferChecked with a
// reference): submit with and without preflight, and jsonParsed rendering. No HTTP involved.
// Usage: node bench/payments.mjs [count]
import {
  AccountRole, appendTransactionMessageInstructions, createTransactionMessage, generateKeyPairSigner,
  getTransactionEncoder, pipe, setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
} from '@solana/kit';
import { findAssociatedTokenPda, getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import { Chain } from '../lib/chain.mjs';
import { renderTransaction } from '../lib/render.mjs';
import { MEMO_V2_PROGRAM, TOKEN_PROGRAM } from '../lib/token.mjs';
import { toJson } from '../lib/wire.mjs';

const count = Number(process.argv[2] ?? 1000);
const chain = await Chain.create();
const payer = await generateKeyPairSigner();
await chain.airdrop(payer.address, 100_000_000_000n);
await chain.fundToken({ owner: payer.address, amount: 1_000_000_000_000n });
const mint = chain.usdcMint;
const [source] = await findAssociatedTokenPda({ owner: payer.address, mint, tokenProgram: TOKEN_PROGRAM });

async function payment(i) {
  const host = (await generateKeyPairSigner()).address;
  const reference = (await generateKeyPairSigner()).address;
  const [destination] = await findAssociatedTokenPda({ owner: host, mint, tokenProgram: TOKEN_PROGRAM });
  const data = new Uint8Array(10);
  data[0] = 12;
  new DataView(data.buffer).setBigUint64(1, 1_000_000n, true);
  data[9] = 6;
  const { blockhash, lastValidBlockHeight } = chain.latestBlockhash();
  const message = pipe(
    createTransactionMessage({ version: 'legacy' }),
    (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash({ blockhash, lastValidBlockHeight: BigInt(lastValidBlockHeight) }, m),
    (m) => appendTransactionMessageInstructions([
      getCreateAssociatedTokenIdempotentInstruction({ payer, ata: destination, owner: host, mint, tokenProgram: TOKEN_PROGRAM }),
      { programAddress: MEMO_V2_PROGRAM, accounts: [], data: new TextEncoder().encode(`shaga:${i}`) },
      {
        programAddress: TOKEN_PROGRAM,
        accounts: [
          { address: source, role: AccountRole.WRITABLE }, { address: mint, role: AccountRole.READONLY },
          { address: destination, role: AccountRole.WRITABLE }, { address: payer.address, role: AccountRole.READONLY_SIGNER },
          { address: reference, role: AccountRole.READONLY },
        ],
        data,
      },
    ], m),
  );
  return new Uint8Array(getTransactionEncoder().encode(await signTransactionMessageWithSigners(message)));
}

const payments = [];
for (let i = 0; i < count; i++) payments.push(await payment(i));
const half = Math.floor(count / 2);
for (const [label, skipPreflight, batch] of [['preflight', false, payments.slice(0, half)], ['skipPreflight', true, payments.slice(half)]]) {
  const t0 = performance.now();
  const signatures = batch.map((bytes) => chain.submit(bytes, { skipPreflight }));
  const t1 = performance.now();
  for (const s of signatures) toJson(renderTransaction(chain.transaction(s), { encoding: 'jsonParsed' }));
  const t2 = performance.now();
  console.log(`${label}: ${batch.length} payments, submit ${((t1 - t0) / batch.length).toFixed(2)} ms each, `
    + `getTransaction jsonParsed rendering ${((t2 - t1) / batch.length).toFixed(2)} ms each`);
}
const { rss, heapUsed } = process.memoryUsage();
console.log(`memory: rss ${(rss / 1e6).toFixed(0)} MB, heap ${(heapUsed / 1e6).toFixed(0)} MB after ${count} payments`);
