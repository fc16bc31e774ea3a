import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transactionErrorMessage } from '../lib/errors.mjs';

test('validator messages for transaction errors', () => {
  assert.equal(transactionErrorMessage('BlockhashNotFound'), 'Blockhash not found');
  assert.equal(transactionErrorMessage({ InstructionError: [2, { Custom: 1 }] }), 'Error processing Instruction 2: custom program error: 0x1');
  assert.equal(transactionErrorMessage({ InstructionError: [0, 'InvalidAccountData'] }), 'Error processing Instruction 0: invalid account data for instruction');
  assert.equal(transactionErrorMessage({ InsufficientFundsForRent: { account_index: 1 } }), 'Transaction results in an account (1) with insufficient funds for rent');
});
