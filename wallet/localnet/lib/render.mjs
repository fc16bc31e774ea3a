// Transactions and accounts in the JSON shapes of Solana's RPC (json, jsonParsed, base64, base58).
import { RpcCode, RpcError, invalidParams } from './errors.mjs';
import { parseInstruction } from './parsed.mjs';
import { decodeMint, decodeTokenAccount, tokenProgramName, uiTokenAmount } from './token.mjs';
import { toBase58, toBase64 } from './wire.mjs';

const RENT_EPOCH_EXEMPT = (1n << 64n) - 1n;

/** A history entry as getTransaction returns it. */
export function renderTransaction(entry, { encoding = 'json', maxSupportedTransactionVersion } = {}) {
  const { version } = entry.message;
  if (version !== 'legacy' && (maxSupportedTransactionVersion === undefined || version > maxSupportedTransactionVersion)) {
    throw new RpcError(RpcCode.TRANSACTION_VERSION_NOT_SUPPORTED,
      `Transaction version (${version}) is not supported by the requesting client. `
      + 'Please try the request again with the following configuration parameter: '
      + `"maxSupportedTransactionVersion": ${version}`);
  }
  const result = {
    blockTime: entry.blockTime,
    meta: renderMeta(entry, encoding === 'jsonParsed'),
    slot: entry.slot,
    transaction: renderTransactionBody(entry, encoding),
  };
  if (maxSupportedTransactionVersion !== undefined) result.version = version;
  return result;
}

function renderTransactionBody(entry, encoding) {
  switch (encoding) {
    case 'base64': return [toBase64(entry.bytes), 'base64'];
    case 'base58': return [toBase58(entry.bytes), 'base58'];
    case 'json': return { message: renderMessage(entry), signatures: entry.signatures };
    case 'jsonParsed': return { message: renderParsedMessage(entry), signatures: entry.signatures };
    default: throw invalidParams(`unsupported encoding: ${encoding}`);
  }
}

function renderMessage(entry) {
  const { message } = entry;
  const out = {
    accountKeys: message.accountKeys,
    header: message.header,
    instructions: message.instructions.map((ix) => ({
      accounts: ix.accounts, data: toBase58(ix.data), programIdIndex: ix.programIdIndex, stackHeight: null,
    })),
    recentBlockhash: message.recentBlockhash,
  };
  if (message.version !== 'legacy') out.addressTableLookups = message.addressTableLookups;
  return out;
}

function renderParsedMessage(entry) {
  const { message, keys } = entry;
  const { numRequiredSignatures, numReadonlySignedAccounts, numReadonlyUnsignedAccounts } = message.header;
  const staticCount = message.accountKeys.length;
  const accountKeys = keys.map((pubkey, i) => {
    const signer = i < numRequiredSignatures;
    let writable;
    if (i >= staticCount) writable = i < staticCount + entry.loaded.writable.length;
    else if (signer) writable = i < numRequiredSignatures - numReadonlySignedAccounts;
    else writable = i < staticCount - numReadonlyUnsignedAccounts;
    return { pubkey, signer, source: i < staticCount ? 'transaction' : 'lookupTable', writable };
  });
  const out = {
    accountKeys,
    instructions: message.instructions.map((ix) => parseInstruction(ix, keys)),
    recentBlockhash: message.recentBlockhash,
  };
  if (message.version !== 'legacy') out.addressTableLookups = message.addressTableLookups;
  return out;
}

function renderMeta(entry, parsed) {
  return {
    computeUnitsConsumed: entry.computeUnitsConsumed,
    err: entry.err,
    fee: entry.fee,
    innerInstructions: entry.innerInstructions.map((group) => ({
      index: group.index,
      instructions: group.instructions.map((ix) => (parsed
        ? parseInstruction(ix, entry.keys, ix.stackHeight)
        : { accounts: ix.accounts, data: toBase58(ix.data), programIdIndex: ix.programIdIndex, stackHeight: ix.stackHeight })),
    })),
    loadedAddresses: entry.loaded,
    logMessages: entry.logs,
    postBalances: entry.postBalances,
    postTokenBalances: entry.postTokenBalances,
    preBalances: entry.preBalances,
    preTokenBalances: entry.preTokenBalances,
    rewards: [],
    status: entry.err === null ? { Ok: null } : { Err: entry.err },
  };
}

/** An account as getAccountInfo returns it, or null. `decimalsOf(mint)` serves jsonParsed. */
export function renderAccount(account, { encoding = 'base64', dataSlice } = {}, decimalsOf = () => null) {
  if (account === null) return null;
  let data = account.data;
  if (dataSlice !== undefined) {
    const { offset, length } = dataSlice;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0) {
      throw invalidParams('dataSlice needs non-negative integer offset and length');
    }
    data = data.subarray(offset, offset + length);
  }
  let rendered;
  switch (encoding) {
    case 'base64': rendered = [toBase64(data), 'base64']; break;
    case 'base58': rendered = [toBase58(data), 'base58']; break;
    case 'jsonParsed': rendered = parseAccountData(account, decimalsOf) ?? [toBase64(data), 'base64']; break;
    default: throw invalidParams(`unsupported encoding: ${encoding}`);
  }
  return {
    data: rendered,
    executable: account.executable,
    lamports: account.lamports,
    owner: account.owner,
    rentEpoch: RENT_EPOCH_EXEMPT,
    space: account.data.length,
  };
}

function parseAccountData(account, decimalsOf) {
  const token = decodeTokenAccount(account);
  if (token !== null) {
    const decimals = decimalsOf(token.mint);
    if (decimals === null) return null;
    const info = {
      isNative: token.isNative,
      mint: token.mint,
      owner: token.owner,
      state: token.state,
      tokenAmount: uiTokenAmount(token.amount, decimals),
    };
    if (token.delegate !== null) {
      info.delegate = token.delegate;
      info.delegatedAmount = uiTokenAmount(token.delegatedAmount, decimals);
    }
    if (token.closeAuthority !== null) info.closeAuthority = token.closeAuthority;
    return { parsed: { info, type: 'account' }, program: tokenProgramName(token.program), space: account.data.length };
  }
  const mint = decodeMint(account);
  if (mint !== null) {
    return {
      parsed: {
        info: {
          decimals: mint.decimals,
          freezeAuthority: mint.freezeAuthority,
          isInitialized: mint.isInitialized,
          mintAuthority: mint.mintAuthority,
          supply: mint.supply.toString(),
        },
        type: 'mint',
      },
      program: tokenProgramName(mint.program),
      space: account.data.length,
    };
  }
  return null;
}
