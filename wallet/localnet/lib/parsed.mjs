// jsonParsed instructions for the programs a payment touches, in the validator's shapes.
// Anything not recognised falls back to {programId, accounts, data}, as the validator does.
import {
  ATA_PROGRAM, MEMO_V1_PROGRAM, MEMO_V2_PROGRAM, SYSTEM_PROGRAM, isTokenProgram, tokenProgramName, uiTokenAmount,
} from './token.mjs';
import { readU32, readU64, toBase58 } from './wire.mjs';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One instruction in jsonParsed form; `keys` are the transaction's account keys. */
export function parseInstruction(ix, keys, stackHeight = null) {
  const programId = keys[ix.programIdIndex];
  const accounts = ix.accounts.map((i) => keys[i]);
  let parsed = null;
  try {
    parsed = parseKnown(programId, accounts, ix.data);
  } catch {
    parsed = null;
  }
  if (parsed === null) return { accounts, data: toBase58(ix.data), programId, stackHeight };
  return { ...parsed, programId, stackHeight };
}

function parseKnown(programId, accounts, data) {
  if (programId === MEMO_V1_PROGRAM || programId === MEMO_V2_PROGRAM) {
    return { parsed: utf8.decode(data), program: 'spl-memo' };
  }
  if (programId === SYSTEM_PROGRAM) return wrap('system', parseSystem(accounts, data));
  if (programId === ATA_PROGRAM) return wrap('spl-associated-token-account', parseAta(accounts, data));
  if (isTokenProgram(programId)) return wrap(tokenProgramName(programId), parseToken(accounts, data));
  return null;
}

const wrap = (program, parsed) => (parsed === null ? null : { parsed, program });

function need(accounts, n) {
  if (accounts.length < n) throw new Error('not enough accounts');
}

function parseSystem(accounts, data) {
  const tag = readU32(data, 0);
  switch (tag) {
    case 0:
      need(accounts, 2);
      return {
        type: 'createAccount',
        info: {
          source: accounts[0], newAccount: accounts[1], lamports: readU64(data, 4),
          space: readU64(data, 12), owner: toBase58(data.subarray(20, 52)),
        },
      };
    case 1:
      need(accounts, 1);
      return { type: 'assign', info: { account: accounts[0], owner: toBase58(data.subarray(4, 36)) } };
    case 2:
      need(accounts, 2);
      return { type: 'transfer', info: { source: accounts[0], destination: accounts[1], lamports: readU64(data, 4) } };
    case 8:
      need(accounts, 1);
      return { type: 'allocate', info: { account: accounts[0], space: readU64(data, 4) } };
    default:
      return null;
  }
}

function parseAta(accounts, data) {
  const tag = data.length === 0 ? 0 : data[0];
  if (tag > 1) return null;
  need(accounts, 6);
  return {
    type: tag === 0 ? 'create' : 'createIdempotent',
    info: {
      source: accounts[0], account: accounts[1], wallet: accounts[2], mint: accounts[3],
      systemProgram: accounts[4], tokenProgram: accounts[5],
    },
  };
}

// Like the validator: extra accounts after a single authority mean a multisig, so a Solana Pay
// reference appended to transferChecked shows up as `multisigAuthority` + `signers`.
function withAuthority(info, accounts, index, name, multisigName) {
  need(accounts, index + 1);
  if (accounts.length > index + 1) {
    info[multisigName] = accounts[index];
    info.signers = accounts.slice(index + 1);
  } else {
    info[name] = accounts[index];
  }
  return info;
}

const authority = (info, accounts, index) => withAuthority(info, accounts, index, 'authority', 'multisigAuthority');
const mintAuthority = (info, accounts, index) =>
  withAuthority(info, accounts, index, 'mintAuthority', 'multisigMintAuthority');

function parseToken(accounts, data) {
  const tag = data[0];
  switch (tag) {
    case 3:
      need(accounts, 3);
      return {
        type: 'transfer',
        info: authority({ source: accounts[0], destination: accounts[1], amount: readU64(data, 1).toString() }, accounts, 2),
      };
    case 7:
      need(accounts, 3);
      return {
        type: 'mintTo',
        info: mintAuthority({ mint: accounts[0], account: accounts[1], amount: readU64(data, 1).toString() }, accounts, 2),
      };
    case 8:
      need(accounts, 3);
      return {
        type: 'burn',
        info: authority({ account: accounts[0], mint: accounts[1], amount: readU64(data, 1).toString() }, accounts, 2),
      };
    case 9:
      need(accounts, 3);
      return {
        type: 'closeAccount',
        info: withAuthority({ account: accounts[0], destination: accounts[1] }, accounts, 2, 'owner', 'multisigOwner'),
      };
    case 12: {
      need(accounts, 4);
      const amount = readU64(data, 1);
      const decimals = data[9];
      if (decimals === undefined) return null;
      return {
        type: 'transferChecked',
        info: authority({
          source: accounts[0], mint: accounts[1], destination: accounts[2], tokenAmount: uiTokenAmount(amount, decimals),
        }, accounts, 3),
      };
    }
    case 14: {
      need(accounts, 3);
      const amount = readU64(data, 1);
      const decimals = data[9];
      if (decimals === undefined) return null;
      return {
        type: 'mintToChecked',
        info: mintAuthority({ mint: accounts[0], account: accounts[1], tokenAmount: uiTokenAmount(amount, decimals) }, accounts, 2),
      };
    }
    case 18:
      need(accounts, 2);
      return {
        type: 'initializeAccount3',
        info: { account: accounts[0], mint: accounts[1], owner: toBase58(data.subarray(1, 33)) },
      };
    case 20: {
      need(accounts, 1);
      const info = { mint: accounts[0], decimals: data[1], mintAuthority: toBase58(data.subarray(2, 34)) };
      if (data[34] === 1) info.freezeAuthority = toBase58(data.subarray(35, 67));
      return { type: 'initializeMint2', info };
    }
    case 21:
      need(accounts, 1);
      return { type: 'getAccountDataSize', info: { mint: accounts[0] } };
    case 22:
      need(accounts, 1);
      return { type: 'initializeImmutableOwner', info: { account: accounts[0] } };
    default:
      return null;
  }
}
