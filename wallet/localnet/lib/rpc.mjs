// JSON-RPC 2.0 methods of the Solana API served over the local chain, plus the shaga_* faucet.
import { COMMITMENTS } from './chain.mjs';
import { RpcCode, RpcError, invalidParams } from './errors.mjs';
import { renderAccount, renderTransaction } from './render.mjs';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM, decodeTokenAccount, isTokenProgram, uiTokenAmount } from './token.mjs';
import { WireError, decodeMessage, fromBase58, fromBase64 } from './wire.mjs';

const API_VERSION = '2.3.0';
const SOLANA_CORE_VERSION = '2.3.0';
const FEATURE_SET = 3294202862;
const MAX_SIGNATURES_PER_STATUS = 256;
const MAX_SIGNATURE_LIST = 1000;
const MAX_AIRDROP_LAMPORTS = 1_000_000n * 1_000_000_000n;

const LEGACY_COMMITMENTS = {
  recent: 'processed', single: 'confirmed', singleGossip: 'confirmed', root: 'finalized', max: 'finalized',
};

function commitmentParam(config, fallback = 'finalized') {
  const raw = config?.commitment;
  if (raw === undefined || raw === null) return fallback;
  const level = LEGACY_COMMITMENTS[raw] ?? raw;
  if (!COMMITMENTS.includes(level)) throw invalidParams(`Invalid commitment: ${raw}`);
  return level;
}

function atLeastConfirmed(config) {
  const level = commitmentParam(config);
  if (level === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
  return level;
}

function address(value, name = 'pubkey') {
  if (typeof value !== 'string') throw invalidParams(`Invalid param: ${name} must be a base58 string`);
  let bytes;
  try {
    bytes = fromBase58(value);
  } catch {
    bytes = null;
  }
  if (bytes === null || bytes.length !== 32) throw invalidParams(`Invalid param: Invalid ${name}: ${value}`);
  return value;
}

function signatureParam(value) {
  let bytes = null;
  try {
    bytes = typeof value === 'string' ? fromBase58(value) : null;
  } catch {
    bytes = null;
  }
  if (bytes === null || bytes.length !== 64) throw invalidParams(`Invalid param: Invalid signature: ${value}`);
  return value;
}

function u64Param(value, name) {
  let n;
  try {
    n = typeof value === 'string' || Number.isSafeInteger(value) ? BigInt(value) : null;
  } catch {
    n = null;
  }
  if (n === null || n < 0n || n >= 1n << 64n) throw invalidParams(`Invalid param: ${name} must be an unsigned 64-bit integer`);
  return n;
}

function wireBytes(data, encoding = 'base58') {
  if (typeof data !== 'string') throw invalidParams('Invalid param: expected an encoded transaction string');
  try {
    if (encoding === 'base64') return fromBase64(data);
    if (encoding === 'base58') return fromBase58(data);
  } catch {
    throw invalidParams(`invalid transaction: failed to decode ${encoding} string`);
  }
  throw invalidParams(`unsupported encoding: ${encoding}. Supported encodings: base58, base64`);
}

// Positional or named params: shaga_fundUsdc accepts [{owner, amount}], {owner, amount} or [owner, amount].
function named(params, names) {
  if (Array.isArray(params)) {
    if (params.length === 1 && params[0] !== null && typeof params[0] === 'object' && !Array.isArray(params[0])) return params[0];
    return Object.fromEntries(names.map((n, i) => [n, params[i]]));
  }
  return params ?? {};
}

/** Dispatches JSON-RPC method calls to the chain. */
export class RpcMethods {
  constructor(chain) {
    this.chain = chain;
  }

  context() {
    return { apiVersion: API_VERSION, slot: this.chain.currentSlot() };
  }

  withContext(value) {
    return { context: this.context(), value };
  }

  async call(method, params) {
    const handler = Object.prototype.hasOwnProperty.call(HANDLERS, method) ? HANDLERS[method] : undefined;
    if (handler === undefined) throw new RpcError(RpcCode.METHOD_NOT_FOUND, 'Method not found');
    if (params !== undefined && params !== null && typeof params !== 'object') {
      throw invalidParams('params must be an array or object');
    }
    const positional = Array.isArray(params) ? params : params ?? [];
    if (!Array.isArray(positional) && !method.startsWith('shaga_')) {
      throw invalidParams('Invalid params: expected an array of positional parameters');
    }
    return handler.call(this, positional, params);
  }

  // ---- cluster ----------------------------------------------------------------------------

  getHealth() { return 'ok'; }

  getVersion() { return { 'feature-set': FEATURE_SET, 'solana-core': SOLANA_CORE_VERSION }; }

  getGenesisHash() { return this.chain.genesisHash; }

  getSlot() { return this.chain.currentSlot(); }

  getBlockHeight() { return this.chain.blockHeight(); }

  getEpochInfo() { return this.chain.epochInfo(); }

  getTransactionCount() { return this.chain.epochInfo().transactionCount; }

  getIdentity() { return { identity: this.chain.faucet.address }; }

  getLatestBlockhash() { return this.withContext(this.chain.latestBlockhash()); }

  isBlockhashValid([hash]) {
    if (typeof hash !== 'string') throw invalidParams('Invalid param: blockhash must be a string');
    return this.withContext(this.chain.isBlockhashValid(hash));
  }

  getFeeForMessage([message]) {
    const bytes = wireBytes(message, 'base64');
    let decoded;
    try {
      decoded = decodeMessage(bytes);
    } catch (e) {
      if (e instanceof WireError) throw invalidParams(`invalid message: ${e.message}`);
      throw e;
    }
    return this.withContext(this.chain.isBlockhashValid(decoded.recentBlockhash) ? this.chain.feeFor(decoded) : null);
  }

  getMinimumBalanceForRentExemption([size]) {
    if (!Number.isInteger(size) || size < 0 || size > 10 * 1024 * 1024) throw invalidParams('Invalid param: data length');
    return this.chain.minimumBalanceForRentExemption(size);
  }

  // ---- accounts ---------------------------------------------------------------------------

  getBalance([pubkey]) { return this.withContext(this.chain.balance(address(pubkey))); }

  getAccountInfo([pubkey, config]) {
    return this.withContext(this.#renderAccount(this.chain.account(address(pubkey)), config));
  }

  getMultipleAccounts([pubkeys, config]) {
    if (!Array.isArray(pubkeys) || pubkeys.length > 100) throw invalidParams('Invalid param: expected up to 100 pubkeys');
    return this.withContext(pubkeys.map((p) => this.#renderAccount(this.chain.account(address(p)), config)));
  }

  #renderAccount(account, config) {
    return renderAccount(account, config ?? {}, (mint) => this.chain.decimalsOf(mint));
  }

  getTokenAccountBalance([pubkey]) {
    const account = this.chain.account(address(pubkey));
    const token = account === null ? null : decodeTokenAccount(account);
    if (token === null) throw invalidParams('Invalid param: not a Token account');
    const decimals = this.chain.decimalsOf(token.mint);
    if (decimals === null) throw invalidParams('Invalid param: mint could not be unpacked');
    return this.withContext(uiTokenAmount(token.amount, decimals));
  }

  getTokenAccountsByOwner([owner, filter, config]) {
    address(owner, 'owner');
    let programs;
    let mint = null;
    if (filter?.mint !== undefined) {
      mint = address(filter.mint, 'mint');
      const mintAccount = this.chain.account(mint);
      if (mintAccount === null || !isTokenProgram(mintAccount.owner)) throw invalidParams('Invalid param: could not find mint');
      programs = [mintAccount.owner];
    } else if (filter?.programId !== undefined) {
      if (!isTokenProgram(filter.programId)) throw invalidParams('Invalid param: unrecognized Token program id');
      programs = [filter.programId];
    } else {
      throw invalidParams('Invalid param: expected {mint} or {programId} filter');
    }
    const found = [];
    for (const program of programs) {
      for (const { address: pubkey, account } of this.chain.programAccounts(program)) {
        const token = decodeTokenAccount(account);
        if (token === null || token.owner !== owner || (mint !== null && token.mint !== mint)) continue;
        found.push({ account: this.#renderAccount(account, config), pubkey });
      }
    }
    return this.withContext(found);
  }

  // ---- transactions -----------------------------------------------------------------------

  sendTransaction([data, config]) {
    const bytes = wireBytes(data, config?.encoding ?? 'base58');
    return this.chain.submit(bytes, { skipPreflight: config?.skipPreflight === true });
  }

  simulateTransaction([data, config]) {
    const cfg = config ?? {};
    if (cfg.sigVerify && cfg.replaceRecentBlockhash) {
      throw invalidParams('sigVerify may not be used with replaceRecentBlockhash');
    }
    const accounts = (cfg.accounts?.addresses ?? []).map((a) => address(a));
    const bytes = wireBytes(data, cfg.encoding ?? 'base58');
    const sim = this.chain.simulate(bytes, {
      sigVerify: cfg.sigVerify === true, replaceRecentBlockhash: cfg.replaceRecentBlockhash === true, accounts,
    });
    const encoding = cfg.accounts?.encoding ?? 'base64';
    return this.withContext({
      accounts: sim.accounts === null || cfg.accounts === undefined ? null
        : sim.accounts.map((a) => renderAccount(a ?? null, { encoding }, (m) => this.chain.decimalsOf(m))),
      err: sim.err,
      innerInstructions: null,
      logs: sim.logs,
      replacementBlockhash: sim.replacementBlockhash ?? null,
      returnData: null,
      unitsConsumed: sim.unitsConsumed,
    });
  }

  getSignatureStatuses([signatures]) {
    if (!Array.isArray(signatures) || signatures.length > MAX_SIGNATURES_PER_STATUS) {
      throw invalidParams(`Invalid param: expected an array of at most ${MAX_SIGNATURES_PER_STATUS} signatures`);
    }
    return this.withContext(signatures.map((s) => {
      const entry = this.chain.transaction(signatureParam(s));
      if (entry === null) return null;
      const level = this.chain.commitmentOf(entry);
      return {
        confirmationStatus: level,
        confirmations: level === 'finalized' ? null : this.chain.currentSlot() - entry.slot,
        err: entry.err,
        slot: entry.slot,
        status: entry.err === null ? { Ok: null } : { Err: entry.err },
      };
    }));
  }

  getTransaction([signature, config]) {
    // The old form passes the encoding as a bare string.
    const cfg = typeof config === 'string' ? { encoding: config } : config ?? {};
    const commitment = atLeastConfirmed(cfg);
    const entry = this.chain.transaction(signatureParam(signature));
    if (entry === null || !this.chain.reaches(entry, commitment)) return null;
    return renderTransaction(entry, cfg);
  }

  getSignaturesForAddress([pubkey, config]) {
    const cfg = config ?? {};
    const commitment = atLeastConfirmed(cfg);
    const limit = cfg.limit ?? MAX_SIGNATURE_LIST;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SIGNATURE_LIST) throw invalidParams('Invalid limit; max 1000');
    const before = cfg.before === undefined ? null : signatureParam(cfg.before);
    const until = cfg.until === undefined ? null : signatureParam(cfg.until);
    const out = [];
    let started = before === null;
    for (const entry of this.chain.transactionsFor(address(pubkey))) {
      if (!started) {
        started = entry.signature === before;
        continue;
      }
      if (entry.signature === until || out.length >= limit) break;
      if (!this.chain.reaches(entry, commitment)) continue;
      out.push({
        blockTime: entry.blockTime,
        confirmationStatus: this.chain.commitmentOf(entry),
        err: entry.err,
        memo: entry.memo,
        signature: entry.signature,
        slot: entry.slot,
      });
    }
    return out;
  }

  // ---- faucet -----------------------------------------------------------------------------

  async requestAirdrop([pubkey, lamports]) {
    const amount = u64Param(lamports, 'lamports');
    if (amount === 0n || amount > MAX_AIRDROP_LAMPORTS) throw invalidParams('Invalid param: lamports must be 1..1e15');
    return this.chain.airdrop(address(pubkey), amount);
  }

  async shaga_fundUsdc(_positional, raw) {
    const p = named(raw, ['owner', 'amount', 'mint']);
    const result = await this.chain.fundToken({
      owner: address(p.owner, 'owner'),
      amount: u64Param(p.amount, 'amount'),
      mint: p.mint === undefined ? this.chain.usdcMint : address(p.mint, 'mint'),
    });
    return { ...result, amount: result.amount.toString() };
  }

  async shaga_createMint(_positional, raw) {
    const p = named(raw, ['decimals', 'tokenProgram']);
    const byName = { 'spl-token': TOKEN_PROGRAM, 'spl-token-2022': TOKEN_2022_PROGRAM };
    const program = byName[p.tokenProgram ?? 'spl-token'] ?? p.tokenProgram;
    return this.chain.createMint({ decimals: p.decimals ?? 6, program });
  }

  shaga_info() {
    return {
      faucet: this.chain.faucet.address,
      mint: this.chain.usdcMint,
      tokenProgram: TOKEN_PROGRAM,
      decimals: 6,
      slotMs: this.chain.slotMs,
      confirmSlots: this.chain.confirmSlots,
      finalizeSlots: this.chain.finalizeSlots,
      blockhashValidSlots: this.chain.blockhashValidSlots,
    };
  }
}

const HANDLERS = Object.fromEntries(
  Object.getOwnPropertyNames(RpcMethods.prototype)
    .filter((name) => !['constructor', 'context', 'withContext', 'call'].includes(name))
    .map((name) => [name, RpcMethods.prototype[name]]),
);

