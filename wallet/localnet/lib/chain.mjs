// The ledger around LiteSVM: wall-clock slots, a sliding window of blockhashes, commitment levels,
// transaction history with balances, and the faucet that owns the test mints.
import { LiteSVM } from 'litesvm';
import {
  AccountRole, appendTransactionMessageInstructions, createTransactionMessage,
  createKeyPairSignerFromPrivateKeyBytes, generateKeyPairSigner, getTransactionEncoder, pipe,
  setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
} from '@solana/kit';
import { getCreateAccountInstruction, getTransferSolInstruction } from '@solana-program/system';
import { findAssociatedTokenPda, getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import { RpcCode, RpcError, invalidParams, transactionErrorJson, transactionErrorMessage } from './errors.mjs';
import {
  COMPUTE_BUDGET_PROGRAM, MEMO_V1_PROGRAM, MEMO_V2_PROGRAM, MINT_SIZE, SYSTEM_PROGRAM, TOKEN_PROGRAM,
  decodeMint, decodeTokenAccount, isTokenProgram, uiTokenAmount,
} from './token.mjs';
import { STATE_FORMAT, STATE_VERSION, pack, unpack } from './state.mjs';
import { WireError, decodeTransaction, fromBase58, fromBase64, readU32, readU64, toBase58, toBase64 } from './wire.mjs';

export const LAMPORTS_PER_SIGNATURE = 5000n;
const FAUCET_LAMPORTS = 1_000_000_000n * 1_000_000_000n;
const MAX_COMPUTE_UNITS = 1_400_000n;
const DEFAULT_INSTRUCTION_UNITS = 200_000n;
const BUILTIN_INSTRUCTION_UNITS = 3_000n;
const SLOTS_PER_EPOCH = 432_000;
const U64_MAX = (1n << 64n) - 1n;

// Programs the cost model treats as builtins (3 000 CU each by default instead of 200 000).
const BUILTIN_PROGRAMS = new Set([
  SYSTEM_PROGRAM, COMPUTE_BUDGET_PROGRAM, 'Vote111111111111111111111111111111111111111',
  'Stake11111111111111111111111111111111111111', 'Config1111111111111111111111111111111111111',
  'BPFLoader1111111111111111111111111111111111', 'BPFLoader2111111111111111111111111111111111',
  'BPFLoaderUpgradeab1e11111111111111111111111', 'LoaderV411111111111111111111111111111111111',
  'AddressLookupTab1e1111111111111111111111111', 'ZkE1Gama1Proof11111111111111111111111111111',
]);

const txEncoder = getTransactionEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Commitment levels in increasing order of finality. */
export const COMMITMENTS = Object.freeze(['processed', 'confirmed', 'finalized']);

/** The local chain. All methods run on Node's single thread, so no locking is needed. */
export class Chain {
  /** Builds a chain with a funded faucet and the 6-decimal USDC-like mint. */
  static async create(options) {
    const chain = new Chain(options);
    await chain.#init(crypto.getRandomValues(new Uint8Array(32)));
    chain.usdcMint = (await chain.createMint({ decimals: 6, program: TOKEN_PROGRAM })).mint;
    return chain;
  }

  /** Rebuilds a chain from toState(); timing comes from `options`, everything else from the state. */
  static async restore(state, options) {
    const chain = new Chain(options, state);
    await chain.#init(fromBase64(state.faucetSeed));
    chain.usdcMint = state.usdcMint;
    chain.#sequence = state.sequence;
    for (const [hash, entry] of state.blockhashes) chain.#blockhashes.set(hash, entry);
    chain.#current = chain.#blockhashes.get(state.currentBlockhash) ?? null;
    for (const packed of state.history) chain.#index(unpack(packed));
    return chain;
  }

  /** Everything needed to restore this chain later, as JSON-safe data. */
  toState() {
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      genesisMs: this.#genesisMs,
      genesisSlot: this.#genesisSlot,
      genesisHash: this.genesisHash,
      faucetSeed: toBase64(this.#faucetSeed),
      usdcMint: this.usdcMint,
      sequence: this.#sequence,
      blockhashes: [...this.#blockhashes.entries()],
      currentBlockhash: this.#current?.hash ?? null,
      history: [...this.#history.values()].map(pack),
      svm: toBase64(this.#svm.toBytes()),
    };
  }

  #svm;
  #vm;
  #now;
  #genesisMs;
  #genesisSlot;
  #blockhashes = new Map();
  #current = null;
  #history = new Map();
  #byAddress = new Map();
  #sequence = 0;
  #decimals = new Map();
  #faucetSeed;
  faucet;
  usdcMint;

  constructor({ slotMs = 400, confirmSlots = 1, finalizeSlots = 5, blockhashValidSlots = 150,
    historyLimit = 20_000, now = Date.now } = {}, saved = null) {
    if (!(slotMs > 0) || confirmSlots < 0 || finalizeSlots < confirmSlots || blockhashValidSlots < 1) {
      throw new Error('need slotMs > 0, 0 <= confirmSlots <= finalizeSlots, blockhashValidSlots >= 1');
    }
    Object.assign(this, { slotMs, confirmSlots, finalizeSlots, blockhashValidSlots, historyLimit });
    this.#now = now;
    // Blockhash validity is ours: LiteSVM accepts only its single latest hash, a real cluster
    // accepts any of the last 150, which clients rely on between fetching a hash and sending.
    this.#svm = (saved === null ? new LiteSVM() : LiteSVM.fromBytes(fromBase64(saved.svm)))
      .withBlockhashCheck(false).withTransactionHistory(BigInt(historyLimit));
    this.#vm = nativeBinding(this.#svm);
    // A restored chain keeps its origin, so slots and block times continue across restarts.
    this.#genesisMs = saved?.genesisMs ?? now();
    this.genesisHash = saved?.genesisHash ?? toBase58(crypto.getRandomValues(new Uint8Array(32)));
    // Slots count on from LiteSVM's: its builtin programs are deployed at that slot and would be
    // unusable if the clock went back.
    this.#genesisSlot = saved?.genesisSlot ?? Number(this.#svm.getClock().slot);
  }

  async #init(faucetSeed) {
    this.#faucetSeed = faucetSeed;
    this.faucet = await createKeyPairSignerFromPrivateKeyBytes(faucetSeed);
    if (this.#vm.getAccount(fromBase58(this.faucet.address)) === null) {
      // Genesis allocation, as a validator's faucet account has.
      this.#svm.setAccount({
        address: this.faucet.address, lamports: FAUCET_LAMPORTS, data: new Uint8Array(0),
        programAddress: SYSTEM_PROGRAM, executable: false,
      });
    }
  }

  // ---- time -------------------------------------------------------------------------------

  currentSlot() {
    return this.#genesisSlot + Math.floor((this.#now() - this.#genesisMs) / this.slotMs);
  }

  blockHeight() {
    return this.currentSlot();
  }

  blockTimeOf(slot) {
    return Math.floor((this.#genesisMs + (slot - this.#genesisSlot) * this.slotMs) / 1000);
  }

  epochInfo() {
    const slot = this.currentSlot();
    return {
      absoluteSlot: slot,
      blockHeight: slot,
      epoch: Math.floor(slot / SLOTS_PER_EPOCH),
      slotIndex: slot % SLOTS_PER_EPOCH,
      slotsInEpoch: SLOTS_PER_EPOCH,
      transactionCount: this.#sequence,
    };
  }

  #syncClock() {
    const clock = this.#svm.getClock();
    clock.slot = BigInt(this.currentSlot());
    clock.unixTimestamp = BigInt(this.blockTimeOf(this.currentSlot()));
    this.#svm.setClock(clock);
  }

  // ---- blockhashes ------------------------------------------------------------------------

  /** The blockhash of the current slot and the last block height at which it is accepted. */
  latestBlockhash() {
    const slot = this.currentSlot();
    if (this.#current === null || this.#current.slot < slot) this.#issueBlockhash(slot);
    return { blockhash: this.#current.hash, lastValidBlockHeight: this.#current.lastValid };
  }

  #issueBlockhash(slot) {
    this.#svm.expireBlockhash();
    const hash = this.#svm.latestBlockhash();
    this.#current = { hash, slot, lastValid: slot + this.blockhashValidSlots };
    this.#blockhashes.set(hash, this.#current);
    for (const [key, entry] of this.#blockhashes) {
      if (entry.lastValid + this.blockhashValidSlots < slot) this.#blockhashes.delete(key);
    }
  }

  isBlockhashValid(hash) {
    const entry = this.#blockhashes.get(hash);
    return entry !== undefined && this.blockHeight() <= entry.lastValid;
  }

  // ---- commitment -------------------------------------------------------------------------

  /** The commitment an executed transaction has reached now. */
  commitmentOf(entry) {
    const age = this.currentSlot() - entry.slot;
    if (age >= this.finalizeSlots) return 'finalized';
    if (age >= this.confirmSlots) return 'confirmed';
    return 'processed';
  }

  reaches(entry, commitment) {
    return COMMITMENTS.indexOf(this.commitmentOf(entry)) >= COMMITMENTS.indexOf(commitment);
  }

  // ---- accounts ---------------------------------------------------------------------------

  /** {lamports, owner, data, executable} or null when the account does not exist. */
  account(address) {
    const acc = this.#vm.getAccount(fromBase58(address));
    return acc === null ? null : nativeAccount(acc);
  }

  /** Lamports and, for accounts that can hold tokens, the account itself; programs never do. */
  #snapshot(keys, programs) {
    return keys.map((k) => (programs.has(k)
      ? { lamports: this.balance(k), owner: null, data: new Uint8Array(0) }
      : this.account(k)));
  }

  programAccounts(program) {
    return this.#vm.getProgramAccounts(fromBase58(program)).map((a) => ({
      address: toBase58(a.address),
      account: nativeAccount(a.account()),
    }));
  }

  balance(address) {
    return this.#vm.getBalance(fromBase58(address)) ?? 0n;
  }

  minimumBalanceForRentExemption(size) {
    return this.#svm.minimumBalanceForRentExemption(BigInt(size));
  }

  /** Decimals of a mint; constant once initialized, so cached. */
  decimalsOf(mint) {
    let decimals = this.#decimals.get(mint);
    if (decimals === undefined) {
      const acc = this.account(mint);
      decimals = acc === null ? null : decodeMint(acc)?.decimals ?? null;
      if (decimals !== null) this.#decimals.set(mint, decimals);
    }
    return decimals;
  }

  // ---- fees -------------------------------------------------------------------------------

  /** Signature fee plus prioritization fee, as the runtime charges it. */
  feeFor(message) {
    const keys = message.accountKeys;
    let limit = null;
    let microLamportsPerUnit = 0n;
    let defaultLimit = 0n;
    for (const ix of message.instructions) {
      const program = keys[ix.programIdIndex];
      defaultLimit += BUILTIN_PROGRAMS.has(program) ? BUILTIN_INSTRUCTION_UNITS : DEFAULT_INSTRUCTION_UNITS;
      if (program !== COMPUTE_BUDGET_PROGRAM) continue;
      if (ix.data[0] === 2 && ix.data.length === 5) limit = BigInt(readU32(ix.data, 1));
      if (ix.data[0] === 3 && ix.data.length === 9) microLamportsPerUnit = readU64(ix.data, 1);
    }
    const units = [limit ?? defaultLimit, MAX_COMPUTE_UNITS].reduce((a, b) => (a < b ? a : b));
    const priority = (microLamportsPerUnit * units + 999_999n) / 1_000_000n;
    return LAMPORTS_PER_SIGNATURE * BigInt(message.header.numRequiredSignatures) + priority;
  }

  // ---- transactions -----------------------------------------------------------------------

  /** Decodes wire bytes or throws the RPC error a validator would return. */
  decode(bytes) {
    try {
      return decodeTransaction(bytes);
    } catch (e) {
      if (e instanceof WireError) throw invalidParams(`invalid transaction: ${e.message}`);
      throw e;
    }
  }

  /** Addresses loaded through v0 lookup tables: {writable, readonly}. */
  loadedAddresses(message) {
    const writable = [];
    const readonly = [];
    for (const lookup of message.addressTableLookups) {
      const table = this.account(lookup.accountKey);
      if (table === null || table.owner !== 'AddressLookupTab1e1111111111111111111111111') {
        throw preflightFailure('AddressLookupTableNotFound');
      }
      const addresses = [];
      for (let off = 56; off + 32 <= table.data.length; off += 32) addresses.push(toBase58(table.data.subarray(off, off + 32)));
      const pick = (i) => {
        if (i >= addresses.length) throw preflightFailure('InvalidAddressLookupTableIndex');
        return addresses[i];
      };
      writable.push(...lookup.writableIndexes.map(pick));
      readonly.push(...lookup.readonlyIndexes.map(pick));
    }
    return { writable, readonly };
  }

  /**
   * Executes a signed transaction. Refusals (bad signature, unknown blockhash, duplicate, fee payer
   * cannot pay, and with preflight any failure) throw RpcError; a transaction that fails while
   * running is kept in history with its error, like on a cluster.
   */
  submit(bytes, { skipPreflight = false } = {}) {
    const decoded = this.decode(bytes);
    const signature = decoded.signatures[0];
    if (this.#history.has(signature)) {
      // A resend of a landed transaction: a cluster drops it; with preflight the simulation says why.
      if (skipPreflight) return signature;
      throw preflightFailure('AlreadyProcessed');
    }
    if (!this.isBlockhashValid(decoded.message.recentBlockhash)) throw preflightFailure('BlockhashNotFound');
    const loaded = this.loadedAddresses(decoded.message);
    const keys = [...decoded.message.accountKeys, ...loaded.writable, ...loaded.readonly];
    const legacy = decoded.message.version === 'legacy';
    this.#syncClock();
    if (!skipPreflight) {
      const sim = this.#runSimulation(bytes, legacy);
      if (sim.err === 'SignatureFailure') throw signatureFailure();
      if (sim.err !== null) throw preflightFailure(sim.err, sim);
    }
    const programs = new Set(decoded.message.instructions.map((ix) => keys[ix.programIdIndex]));
    const pre = this.#snapshot(keys, programs);
    const result = legacy ? this.#vm.sendLegacyTransaction(bytes) : this.#vm.sendVersionedTransaction(bytes);
    const failed = typeof result.err === 'function';
    if (failed && this.#vm.getTransaction(fromBase58(signature)) === null) {
      const err = transactionErrorJson(result.err());
      if (err === 'SignatureFailure') throw signatureFailure();
      throw preflightFailure(err, { logs: result.meta().logs(), unitsConsumed: result.meta().computeUnitsConsumed() });
    }
    const post = this.#snapshot(keys, programs);
    const meta = failed ? result.meta() : result;
    this.#record({
      signature,
      signatures: decoded.signatures,
      bytes,
      message: decoded.message,
      loaded,
      keys,
      slot: this.currentSlot(),
      err: failed ? transactionErrorJson(result.err()) : null,
      fee: chargedFee(meta) ?? this.feeFor(decoded.message),
      preBalances: pre.map((a) => a?.lamports ?? 0n),
      postBalances: post.map((a) => a?.lamports ?? 0n),
      preTokenBalances: this.#tokenBalances(pre),
      postTokenBalances: this.#tokenBalances(post),
      logs: meta.logs(),
      innerInstructions: innerInstructions(meta),
      computeUnitsConsumed: meta.computeUnitsConsumed(),
      memo: memoOf(decoded.message, keys),
    });
    return signature;
  }

  /** Runs a transaction without committing it: {err, logs, unitsConsumed, accounts}. */
  simulate(bytes, { sigVerify = false, replaceRecentBlockhash = false, accounts = [] } = {}) {
    const decoded = this.decode(bytes);
    if (!replaceRecentBlockhash && !this.isBlockhashValid(decoded.message.recentBlockhash)) {
      return { err: 'BlockhashNotFound', logs: [], unitsConsumed: 0n, accounts: null };
    }
    this.#syncClock();
    this.#vm.setSigverify(sigVerify);
    try {
      const sim = this.#runSimulation(bytes, decoded.message.version === 'legacy');
      sim.accounts = sim.postAccounts === null ? null : accounts.map((a) => sim.postAccounts.get(a) ?? this.account(a));
      sim.replacementBlockhash = replaceRecentBlockhash ? this.latestBlockhash() : null;
      return sim;
    } finally {
      this.#vm.setSigverify(true);
    }
  }

  #runSimulation(bytes, legacy) {
    const result = legacy ? this.#vm.simulateLegacyTransaction(bytes) : this.#vm.simulateVersionedTransaction(bytes);
    if (typeof result.err === 'function') {
      const meta = result.meta();
      return {
        err: transactionErrorJson(result.err()), logs: meta.logs(), unitsConsumed: meta.computeUnitsConsumed(), postAccounts: null,
      };
    }
    const meta = result.meta();
    const postAccounts = new Map(result.postAccounts().map((a) => [toBase58(a.address), nativeAccount(a.account())]));
    return { err: null, logs: meta.logs(), unitsConsumed: meta.computeUnitsConsumed(), postAccounts };
  }

  #tokenBalances(accounts) {
    const balances = [];
    accounts.forEach((acc, accountIndex) => {
      const token = acc === null ? null : decodeTokenAccount(acc);
      if (token === null) return;
      const decimals = this.decimalsOf(token.mint);
      if (decimals === null) return;
      balances.push({
        accountIndex,
        mint: token.mint,
        owner: token.owner,
        programId: token.program,
        uiTokenAmount: uiTokenAmount(token.amount, decimals, { zeroAsNull: true }),
      });
    });
    return balances;
  }

  #record(entry) {
    entry.sequence = this.#sequence++;
    entry.blockTime = this.blockTimeOf(entry.slot);
    this.#index(entry);
  }

  #index(entry) {
    this.#history.set(entry.signature, entry);
    for (const key of new Set(entry.keys)) {
      let list = this.#byAddress.get(key);
      if (list === undefined) this.#byAddress.set(key, (list = []));
      list.push(entry);
    }
    if (this.#history.size > this.historyLimit) {
      const oldest = this.#history.keys().next().value;
      const dropped = this.#history.get(oldest);
      this.#history.delete(oldest);
      for (const key of new Set(dropped.keys)) {
        const list = this.#byAddress.get(key);
        list.splice(list.indexOf(dropped), 1);
        if (list.length === 0) this.#byAddress.delete(key);
      }
    }
  }

  transaction(signature) {
    return this.#history.get(signature) ?? null;
  }

  /** Executed transactions that mention the address, newest first. */
  transactionsFor(address) {
    return [...(this.#byAddress.get(address) ?? [])].reverse();
  }

  // ---- faucet -----------------------------------------------------------------------------

  /** Sends lamports from the faucet; returns the signature. */
  async airdrop(address, lamports) {
    return this.#faucetSend([getTransferSolInstruction({ source: this.faucet, destination: address, amount: lamports })]);
  }

  /** Creates a mint whose mint authority is the faucet: {mint, decimals, programId, signature}. */
  async createMint({ decimals = 6, program = TOKEN_PROGRAM } = {}) {
    if (!isTokenProgram(program)) throw invalidParams(`not a token program: ${program}`);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) throw invalidParams('decimals must be 0..18');
    const mint = await generateKeyPairSigner();
    // InitializeMint2 (20): decimals, mint authority, no freeze authority; same layout in both programs.
    const data = new Uint8Array(35);
    data[0] = 20;
    data[1] = decimals;
    data.set(fromBase58(this.faucet.address), 2);
    const signature = await this.#faucetSend([
      getCreateAccountInstruction({
        payer: this.faucet, newAccount: mint, lamports: this.minimumBalanceForRentExemption(MINT_SIZE),
        space: MINT_SIZE, programAddress: program,
      }),
      { programAddress: program, accounts: [{ address: mint.address, role: AccountRole.WRITABLE }], data },
    ]);
    return { mint: mint.address, decimals, programId: program, signature };
  }

  /** Mints to the owner's associated token account, creating it if missing. */
  async fundToken({ owner, amount, mint = this.usdcMint }) {
    const mintAccount = this.account(mint);
    const info = mintAccount === null ? null : decodeMint(mintAccount);
    if (info === null) throw invalidParams(`not a mint: ${mint}`);
    if (info.mintAuthority !== this.faucet.address) throw invalidParams(`the faucet is not the mint authority of ${mint}`);
    if (amount <= 0n || amount > U64_MAX) throw invalidParams('amount must be a positive u64');
    const program = mintAccount.owner;
    const [ata] = await findAssociatedTokenPda({ owner, mint, tokenProgram: program });
    // MintToChecked (14): amount u64, decimals.
    const data = new Uint8Array(10);
    data[0] = 14;
    new DataView(data.buffer).setBigUint64(1, amount, true);
    data[9] = info.decimals;
    const signature = await this.#faucetSend([
      getCreateAssociatedTokenIdempotentInstruction({ payer: this.faucet, ata, owner, mint, tokenProgram: program }),
      {
        programAddress: program,
        accounts: [
          { address: mint, role: AccountRole.WRITABLE },
          { address: ata, role: AccountRole.WRITABLE },
          { address: this.faucet.address, role: AccountRole.READONLY_SIGNER, signer: this.faucet },
        ],
        data,
      },
    ]);
    return { signature, tokenAccount: ata, mint, amount };
  }

  async #faucetSend(instructions) {
    for (let attempt = 0; ; attempt++) {
      const { blockhash, lastValidBlockHeight } = this.latestBlockhash();
      const message = pipe(
        createTransactionMessage({ version: 'legacy' }),
        (m) => setTransactionMessageFeePayerSigner(this.faucet, m),
        (m) => setTransactionMessageLifetimeUsingBlockhash({ blockhash, lastValidBlockHeight: BigInt(lastValidBlockHeight) }, m),
        (m) => appendTransactionMessageInstructions(instructions, m),
      );
      const bytes = new Uint8Array(txEncoder.encode(await signTransactionMessageWithSigners(message)));
      try {
        return this.submit(bytes);
      } catch (e) {
        // The same request twice in one slot signs identical bytes, and on a loaded machine signing can
        // outlast a short blockhash window: take a fresh blockhash and sign again, a few times.
        const retryable = e instanceof RpcError && ['AlreadyProcessed', 'BlockhashNotFound'].includes(e.data?.err);
        if (attempt >= 4 || !retryable) throw e;
        this.#issueBlockhash(this.currentSlot());
      }
    }
  }
}

const NATIVE_METHODS = [
  'getAccount', 'getBalance', 'getProgramAccounts', 'getTransaction', 'setSigverify', 'sendLegacyTransaction',
  'sendVersionedTransaction', 'simulateLegacyTransaction', 'simulateVersionedTransaction',
];

/**
 * LiteSVM's native binding. Its public wrapper takes kit transaction objects and rebuilds address
 * codecs on every call, which cost more than executing the transaction; the binding takes wire
 * bytes and raw keys. The package is pinned to an exact version, so check its shape once here.
 */
function nativeBinding(svm) {
  const vm = svm.inner;
  const missing = NATIVE_METHODS.filter((name) => typeof vm?.[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`litesvm binding lacks ${missing.join(', ')}: install the pinned version with npm ci`);
  }
  return vm;
}

function nativeAccount(acc) {
  return { lamports: acc.lamports(), owner: toBase58(acc.owner()), data: acc.data(), executable: acc.executable() };
}

/** The -32002 error a validator returns when preflight simulation fails. */
export function preflightFailure(err, sim = {}) {
  return new RpcError(RpcCode.SEND_TRANSACTION_PREFLIGHT_FAILURE,
    `Transaction simulation failed: ${transactionErrorMessage(err)}`, {
      accounts: null,
      err,
      innerInstructions: null,
      logs: sim.logs ?? [],
      replacementBlockhash: null,
      returnData: null,
      unitsConsumed: sim.unitsConsumed ?? 0n,
    });
}

function signatureFailure(detail) {
  return new RpcError(RpcCode.TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
    'Transaction signature verification failure', detail === undefined ? undefined : { detail });
}

// LiteSVM does not expose the fee it charged except in the metadata's debug text.
function chargedFee(meta) {
  const match = /fee: (\d+) \}\s*$/.exec(meta.toString());
  return match === null ? null : BigInt(match[1]);
}

function innerInstructions(meta) {
  const groups = [];
  meta.innerInstructions().forEach((list, index) => {
    if (list.length === 0) return;
    groups.push({
      index,
      instructions: list.map((inner) => {
        const ix = inner.instruction();
        return {
          programIdIndex: ix.programIdIndex(),
          accounts: Array.from(ix.accounts()),
          data: new Uint8Array(ix.data()),
          stackHeight: inner.stackHeight(),
        };
      }),
    });
  });
  return groups;
}

// getSignaturesForAddress shows memos as "[len] text", joined with "; ", like the validator.
function memoOf(message, keys) {
  const memos = message.instructions
    .filter((ix) => [MEMO_V1_PROGRAM, MEMO_V2_PROGRAM].includes(keys[ix.programIdIndex]))
    .map((ix) => `[${ix.data.length}] ${utf8.decode(ix.data)}`);
  return memos.length === 0 ? null : memos.join('; ');
}
