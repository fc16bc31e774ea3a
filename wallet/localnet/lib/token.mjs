// SPL Token and Token-2022 account layouts, shared by token balances and jsonParsed rendering.
import { readU64, toBase58 } from './wire.mjs';

export const SYSTEM_PROGRAM = '11111111111111111111111111111111';
export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
export const ATA_PROGRAM = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL';
export const MEMO_V1_PROGRAM = 'Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo';
export const MEMO_V2_PROGRAM = 'MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr';
export const COMPUTE_BUDGET_PROGRAM = 'ComputeBudget111111111111111111111111111111';

export const MINT_SIZE = 82;
export const TOKEN_ACCOUNT_SIZE = 165;
const ACCOUNT_TYPE_OFFSET = 165;
const ACCOUNT_TYPE_MINT = 1;
const ACCOUNT_TYPE_ACCOUNT = 2;

export const isTokenProgram = (program) => program === TOKEN_PROGRAM || program === TOKEN_2022_PROGRAM;

/** The jsonParsed program name of a token program id. */
export const tokenProgramName = (program) => (program === TOKEN_2022_PROGRAM ? 'spl-token-2022' : 'spl-token');

// Token-2022 accounts with extensions are longer and carry an account-type byte after the base layout.
function hasKind(account, size, kind) {
  if (!isTokenProgram(account.owner)) return false;
  const { data } = account;
  if (data.length === size) return true;
  return account.owner === TOKEN_2022_PROGRAM && data.length > ACCOUNT_TYPE_OFFSET
    && data[ACCOUNT_TYPE_OFFSET] === kind;
}

const readOptionKey = (data, offset) => (readU32Le(data, offset) === 1 ? toBase58(data.subarray(offset + 4, offset + 36)) : null);
const readU32Le = (data, offset) => data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);

/** Decodes a token account ({owner: program, data}) or returns null when it is not one. */
export function decodeTokenAccount(account) {
  if (!hasKind(account, TOKEN_ACCOUNT_SIZE, ACCOUNT_TYPE_ACCOUNT)) return null;
  const { data } = account;
  const state = data[108];
  if (state === 0) return null;
  const isNative = readU32Le(data, 109) === 1;
  return {
    program: account.owner,
    mint: toBase58(data.subarray(0, 32)),
    owner: toBase58(data.subarray(32, 64)),
    amount: readU64(data, 64),
    delegate: readOptionKey(data, 72),
    state: state === 2 ? 'frozen' : 'initialized',
    isNative,
    delegatedAmount: readU64(data, 121),
    closeAuthority: readOptionKey(data, 129),
  };
}

/** Decodes a mint account or returns null when it is not one. */
export function decodeMint(account) {
  if (!hasKind(account, MINT_SIZE, ACCOUNT_TYPE_MINT)) return null;
  const { data } = account;
  if (data[45] !== 1) return null;
  return {
    program: account.owner,
    mintAuthority: readOptionKey(data, 0),
    supply: readU64(data, 36),
    decimals: data[44],
    isInitialized: true,
    freezeAuthority: readOptionKey(data, 46),
  };
}

/** Trims a base-unit amount to its decimal text: 2500000 with 6 decimals is "2.5". */
export function uiAmountString(amount, decimals) {
  const digits = amount.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction.length === 0 ? whole : `${whole}.${fraction}`;
}

/** Solana's UiTokenAmount. Zero is null in stored transaction metadata, as validators serve it. */
export function uiTokenAmount(amount, decimals, { zeroAsNull = false } = {}) {
  const text = uiAmountString(amount, decimals);
  return {
    amount: amount.toString(),
    decimals,
    uiAmount: zeroAsNull && amount === 0n ? null : Number(text),
    uiAmountString: text,
  };
}
