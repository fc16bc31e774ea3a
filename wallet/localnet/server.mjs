#!/usr/bin/env node
// Shaga localnet: a Solana JSON-RPC 2.0 server over LiteSVM (real SVM execution) for tests and the
// demo. Prints one JSON line on stdout when ready, logs to stderr, and exits on SIGTERM/SIGINT or
// when its stdin pipe closes, so a parent that dies does not leave it running.
import { createServer } from 'node:http';
import { fstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Chain } from './lib/chain.mjs';
import { RpcCode, RpcError } from './lib/errors.mjs';
import { RpcMethods } from './lib/rpc.mjs';
import { readState, writeState } from './lib/state.mjs';
import { TOKEN_PROGRAM } from './lib/token.mjs';
import { toJson } from './lib/wire.mjs';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_BATCH = 1000;

const USAGE = `usage: node server.mjs [options]
  --port P                   TCP port, 0 = ephemeral (default 8899)
  --host H                   bind address (default 127.0.0.1)
  --slot-ms MS               wall-clock milliseconds per slot (default 400)
  --confirm-slots N          slots until a transaction is confirmed (default 1)
  --finalize-slots N         slots until a transaction is finalized (default 5)
  --blockhash-valid-slots N  slots a blockhash stays valid (default 150)
  --history N                transactions kept for getTransaction (default 20000)
  --state FILE               load the chain from FILE if it exists, save it there on exit
  --ignore-stdin             keep running when stdin closes
  --quiet                    do not log requests
  --help`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8899' },
      host: { type: 'string', default: '127.0.0.1' },
      'slot-ms': { type: 'string', default: '400' },
      'confirm-slots': { type: 'string', default: '1' },
      'finalize-slots': { type: 'string', default: '5' },
      'blockhash-valid-slots': { type: 'string', default: '150' },
      history: { type: 'string', default: '20000' },
      state: { type: 'string' },
      'ignore-stdin': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
    return n;
  };
  return {
    help: values.help,
    port: int('port', 0),
    host: values.host,
    slotMs: int('slot-ms', 1),
    confirmSlots: int('confirm-slots', 0),
    finalizeSlots: int('finalize-slots', 0),
    blockhashValidSlots: int('blockhash-valid-slots', 1),
    historyLimit: int('history', 1),
    statePath: values.state ?? null,
    ignoreStdin: values['ignore-stdin'],
    quiet: values.quiet,
  };
}

const log = (message) => process.stderr.write(`[localnet] ${message}\n`);

function errorResponse(id, error) {
  return { jsonrpc: '2.0', error: error.toJson(), id };
}

async function handleOne(methods, request, quiet) {
  const id = request !== null && typeof request === 'object' && 'id' in request ? request.id : null;
  if (request === null || typeof request !== 'object' || Array.isArray(request)
      || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
    return errorResponse(id, new RpcError(RpcCode.INVALID_REQUEST, 'Invalid request'));
  }
  try {
    const result = await methods.call(request.method, request.params);
    return { jsonrpc: '2.0', result, id };
  } catch (e) {
    if (e instanceof RpcError) {
      if (!quiet) log(`${request.method}: ${e.code} ${e.message}`);
      return errorResponse(id, e);
    }
    log(`${request.method} failed: ${e.stack ?? e}`);
    return errorResponse(id, new RpcError(RpcCode.INTERNAL_ERROR, `Internal error: ${e.message}`));
  }
}

async function handleBody(methods, body, quiet) {
  let request;
  try {
    request = JSON.parse(body);
  } catch {
    return errorResponse(null, new RpcError(RpcCode.PARSE_ERROR, 'Parse error'));
  }
  if (!Array.isArray(request)) return handleOne(methods, request, quiet);
  if (request.length === 0 || request.length > MAX_BATCH) {
    return errorResponse(null, new RpcError(RpcCode.INVALID_REQUEST, 'Invalid request'));
  }
  const responses = [];
  // Sequential on purpose: a batch of sends must execute in the order given.
  for (const r of request) responses.push(await handleOne(methods, r, quiet));
  return responses;
}

function serve(methods, options) {
  return createServer((req, res) => {
    const reply = (status, body, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method === 'GET' && req.url === '/health') return reply(200, 'ok', 'text/plain');
    if (req.method !== 'POST') return reply(405, 'Used HTTP Method is not allowed. POST or OPTIONS is required', 'text/plain');
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reply(413, 'Payload Too Large', 'text/plain');
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', async () => {
      if (size > MAX_BODY_BYTES) return;
      const response = await handleBody(methods, Buffer.concat(chunks).toString('utf8'), options.quiet);
      reply(200, toJson(response));
    });
  });
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (options.finalizeSlots < options.confirmSlots) {
    process.stderr.write(`--finalize-slots must be >= --confirm-slots\n${USAGE}\n`);
    process.exit(2);
  }
  const saved = options.statePath === null ? null : readState(options.statePath);
  const chain = saved === null ? await Chain.create(options) : await Chain.restore(saved, options);
  const save = () => {
    if (options.statePath === null) return;
    try {
      writeState(options.statePath, chain.toState());
    } catch (e) {
      log(`cannot save state to ${options.statePath}: ${e.message}`);
    }
  };
  if (saved === null) save();
  else log(`restored chain from ${options.statePath}`);
  const methods = new RpcMethods(chain);
  const server = serve(methods, options);
  server.keepAliveTimeout = 30_000;

  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    save();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Watch stdin only when it is a pipe or socket from a parent: a terminal or /dev/null says nothing.
  const stdin = fstatSync(0);
  if (!options.ignoreStdin && (stdin.isFIFO() || stdin.isSocket())) {
    process.stdin.on('data', () => {});
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
  }

  server.on('error', (e) => {
    log(`cannot listen on ${options.host}:${options.port}: ${e.message}`);
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    const { port } = server.address();
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    process.stdout.write(`${JSON.stringify({
      rpc: `http://${host}:${port}`,
      mint: chain.usdcMint,
      faucet: chain.faucet.address,
      tokenProgram: TOKEN_PROGRAM,
      decimals: 6,
      slotMs: chain.slotMs,
      confirmSlots: chain.confirmSlots,
      finalizeSlots: chain.finalizeSlots,
      blockhashValidSlots: chain.blockhashValidSlots,
      genesisHash: chain.genesisHash,
      pid: process.pid,
    })}\n`);
  });
}

main().catch((e) => {
  log(`failed to start: ${e.stack ?? e}`);
  process.exit(1);
});
