#!/usr/bin/env node
// Runs npm bittorrent-dht nodes on 127.0.0.1 and drives them over the line protocol in README.md.
// Replies go to stdout (one JSON object per line); diagnostics go to stderr.

import crypto from 'node:crypto'
import { createInterface } from 'node:readline'
import bencode from 'bencode'
import DHT from 'bittorrent-dht'

const IMPL = 'bittorrent-dht'
const IMPL_VERSION = '11.0.12'
const LOOPBACK = '127.0.0.1'
const ADD_NODE_TIMEOUT_MS = 3000
// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

class CommandError extends Error {}

function parseArgs (argv) {
  const args = { nodes: 1, ports: [], bootstrap: [], hosts: [LOOPBACK], seedNodes: Infinity }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[++i]
    if (value === undefined) throw new CommandError(`missing value after ${flag}`)
    if (flag === '--nodes') args.nodes = Number(value)
    else if (flag === '--ports') args.ports = value.split(',').filter(Boolean).map(Number)
    else if (flag === '--bootstrap') args.bootstrap = value.split(',').filter(Boolean).map(parseEndpoint)
    else if (flag === '--hosts') args.hosts = value.split(',').filter(Boolean)
    else if (flag === '--seed-nodes') args.seedNodes = Number(value)
    else throw new CommandError(`unknown option ${flag}`)
  }
  if (!Number.isInteger(args.nodes) || args.nodes < 1) throw new CommandError('--nodes must be a positive integer')
  if (args.ports.length > args.nodes) throw new CommandError('more --ports than --nodes')
  if (args.hosts.length === 0) throw new CommandError('--hosts must name at least one address')
  if (!(args.seedNodes >= 0)) throw new CommandError('--seed-nodes must be a non-negative number')
  return args
}

function parseEndpoint (text) {
  const colon = text.lastIndexOf(':')
  const port = Number(text.slice(colon + 1))
  if (colon < 1 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CommandError(`bad endpoint ${text}, expected host:port`)
  }
  return { host: text.slice(0, colon), port }
}

function hexArg (cmd, name, length) {
  const text = cmd[name]
  if (typeof text !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(text)) throw new CommandError(`${name} must be a hex string`)
  const bytes = Buffer.from(text, 'hex')
  if (length !== undefined && bytes.length !== length) throw new CommandError(`${name} must be ${length} bytes`)
  return bytes
}

function intArg (cmd, name, min, max) {
  const value = cmd[name]
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CommandError(`${name} must be an integer in [${min}, ${max}]`)
  }
  return value
}

function saltArg (cmd) {
  if (cmd.salt_hex !== undefined) return hexArg(cmd, 'salt_hex')
  if (cmd.salt !== undefined) {
    if (typeof cmd.salt !== 'string') throw new CommandError('salt must be a string')
    return Buffer.from(cmd.salt, 'utf8')
  }
  return Buffer.alloc(0)
}

// bencode 4 decodes byte strings to Uint8Array; the wire codec of k-rpc wants Buffers.
function toBuffers (value) {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  if (Array.isArray(value)) return value.map(toBuffers)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toBuffers(v)]))
  }
  return value
}

// Decodes v_hex and insists that re-encoding gives the same bytes, so what goes on the wire is
// exactly what the caller asked for.
function valueArg (cmd) {
  const raw = hexArg(cmd, 'v_hex')
  if (raw.length === 0) throw new CommandError('v_hex must not be empty')
  let value
  try {
    value = toBuffers(bencode.decode(raw))
  } catch (err) {
    throw new CommandError(`v_hex is not bencode: ${err.message}`)
  }
  if (!Buffer.from(bencode.encode(value)).equals(raw)) throw new CommandError('v_hex is not canonical bencode')
  if (raw.length > 1000) throw new CommandError('v must be at most 1000 bytes')
  return value
}

function encodeHex (value) {
  return Buffer.from(bencode.encode(value)).toString('hex')
}

function sha1 (bytes) {
  return crypto.createHash('sha1').update(bytes).digest()
}

function signingKey (seed) {
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8'
  })
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  return { privateKey, publicKey: spki.subarray(spki.length - 32) }
}

function verify (signature, message, publicKey) {
  try {
    const key = crypto.createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk'
    })
    return crypto.verify(null, message, key, signature)
  } catch {
    return false
  }
}

// bittorrent-dht only warns "Invalid data" on a packet it cannot decode; log the packet itself,
// since it is what an interop failure needs. Reaches into k-rpc-socket's dgram socket.
function logUndecodablePackets (dht) {
  const socket = dht._rpc && dht._rpc.socket && dht._rpc.socket.socket
  if (!socket) return
  socket.on('message', (buf, rinfo) => {
    // KRPC packets are dicts; anything else (uTP connection attempts by libtorrent torrents) is noise.
    if (buf[0] !== 0x64) return
    try {
      bencode.decode(buf)
    } catch (err) {
      process.stderr.write(`${IMPL} undecodable packet from ${rinfo.address}:${rinfo.port} ` +
        `(${err.message}): ${buf.toString('hex')}\n`)
    }
  })
}

// Bind address of each node (127.0.0.1 unless --hosts gave others).
const hostOf = new WeakMap()
// Datagrams each node sent and received, for the benchmark's packets per operation.
const packetCounts = new WeakMap()

function countPackets (dht) {
  const counts = { packets: 0 }
  packetCounts.set(dht, counts)
  const socket = dht._rpc && dht._rpc.socket && dht._rpc.socket.socket
  if (!socket) return
  socket.on('message', () => { counts.packets++ })
  const send = socket.send
  socket.send = function (...sendArgs) {
    counts.packets++
    return send.apply(this, sendArgs)
  }
}

function packets (dht) {
  const counts = packetCounts.get(dht)
  return counts ? counts.packets : 0
}

function startNode (port, bootstrap, host = LOOPBACK) {
  return new Promise((resolve, reject) => {
    // An explicit bootstrap list (possibly empty) keeps the node away from the public routers.
    const dht = new DHT({ bootstrap: bootstrap.map(n => `${n.host}:${n.port}`), host, verify })
    hostOf.set(dht, host)
    dht.on('warning', err => process.stderr.write(`${IMPL} warning: ${err.message}\n`))
    logUndecodablePackets(dht)
    countPackets(dht)
    dht.once('error', reject)
    dht.listen(port, host, () => {
      dht.removeListener('error', reject)
      dht.on('error', err => process.stderr.write(`${IMPL} error: ${err.message}\n`))
      resolve(dht)
    })
  })
}

function nodeArg (nodes, cmd) {
  if (cmd.node === undefined) return nodes[0]
  if (!Number.isInteger(cmd.node) || cmd.node < 0 || cmd.node >= nodes.length) {
    throw new CommandError(`node must be an index in [0, ${nodes.length - 1}]`)
  }
  return nodes[cmd.node]
}

function addresses (nodes) {
  return nodes.map(dht => ({ host: hostOf.get(dht) || LOOPBACK, port: dht.address().port }))
}

// Without a seq the put follows the item found in the network: its seq + 1, or 1 for a new item.
async function nextSeq (dht, publicKey, salt) {
  const current = await getMutable(dht, { pubkey: publicKey.toString('hex'), salt_hex: salt.toString('hex') })
  return current.found ? current.seq + 1 : 1
}

async function putMutable (dht, cmd) {
  const { privateKey, publicKey } = signingKey(hexArg(cmd, 'seed', 32))
  const salt = saltArg(cmd)
  if (salt.length > 64) throw new CommandError('salt must be at most 64 bytes')
  const v = valueArg(cmd)
  const opts = {
    k: publicKey,
    v,
    seq: cmd.seq === undefined ? await nextSeq(dht, publicKey, salt) : intArg(cmd, 'seq', 0, Number.MAX_SAFE_INTEGER),
    sign: message => crypto.sign(null, message, privateKey)
  }
  if (salt.length > 0) opts.salt = salt
  if (cmd.cas !== undefined) opts.cas = intArg(cmd, 'cas', 0, Number.MAX_SAFE_INTEGER)
  return new Promise((resolve, reject) => {
    dht.put(opts, (err, target, stored) => {
      if (err) return reject(new CommandError(`put failed: ${err.message}`))
      resolve({ target: Buffer.from(target).toString('hex'), pubkey: publicKey.toString('hex'), seq: opts.seq, stored })
    })
  })
}

function getMutable (dht, cmd) {
  const publicKey = hexArg(cmd, 'pubkey', 32)
  const salt = saltArg(cmd)
  const target = sha1(salt.length > 0 ? Buffer.concat([publicKey, salt]) : publicKey)
  const opts = { cache: false }
  if (salt.length > 0) opts.salt = salt
  return new Promise((resolve, reject) => {
    dht.get(target, opts, (err, item) => {
      if (err) return reject(new CommandError(`get failed: ${err.message}`))
      if (!item) return resolve({ found: false, target: target.toString('hex') })
      resolve({
        found: true,
        target: target.toString('hex'),
        v_hex: encodeHex(item.v),
        seq: item.seq,
        sig: Buffer.from(item.sig).toString('hex')
      })
    })
  })
}

function putImmutable (dht, cmd) {
  const v = valueArg(cmd)
  return new Promise((resolve, reject) => {
    dht.put({ v }, (err, target, stored) => {
      if (err) return reject(new CommandError(`put failed: ${err.message}`))
      resolve({ target: Buffer.from(target).toString('hex'), stored })
    })
  })
}

function getImmutable (dht, cmd) {
  const target = hexArg(cmd, 'target', 20)
  return new Promise((resolve, reject) => {
    dht.get(target, { cache: false }, (err, item) => {
      if (err) return reject(new CommandError(`get failed: ${err.message}`))
      if (!item) return resolve({ found: false, target: target.toString('hex') })
      resolve({ found: true, target: target.toString('hex'), v_hex: encodeHex(item.v) })
    })
  })
}

function announce (dht, cmd) {
  const infohash = hexArg(cmd, 'infohash', 20)
  // Port 0 asks for implied_port: the receiver records the UDP source port.
  const port = cmd.port === undefined ? 0 : intArg(cmd, 'port', 0, 65535)
  return new Promise((resolve, reject) => {
    dht.announce(infohash, port, (err, stored) => {
      if (err) return reject(new CommandError(`announce failed: ${err.message}`))
      resolve({ port: port || dht.address().port, stored })
    })
  })
}

function getPeers (dht, cmd) {
  const infohash = hexArg(cmd, 'infohash', 20)
  const peers = new Map()
  const onPeer = (peer, hash) => {
    if (Buffer.from(hash).equals(infohash)) peers.set(`${peer.host}:${peer.port}`, { host: peer.host, port: peer.port })
  }
  dht.on('peer', onPeer)
  return new Promise((resolve, reject) => {
    dht.lookup(infohash, err => {
      dht.removeListener('peer', onPeer)
      if (err) return reject(new CommandError(`get_peers failed: ${err.message}`))
      resolve({ peers: [...peers.values()] })
    })
  })
}

function addNodeTo (dht, endpoint) {
  const known = () => dht.nodes.toArray().some(n => n.host === endpoint.host && n.port === endpoint.port)
  if (known()) return Promise.resolve(true)
  return new Promise(resolve => {
    const timer = setTimeout(() => finish(false), ADD_NODE_TIMEOUT_MS)
    const onNode = () => { if (known()) finish(true) }
    function finish (added) {
      clearTimeout(timer)
      dht.removeListener('node', onNode)
      resolve(added)
    }
    dht.on('node', onNode)
    dht.addNode(endpoint)
  })
}

async function addNode (nodes, cmd) {
  const endpoint = parseEndpoint(`${cmd.host}:${cmd.port}`)
  const targets = cmd.node === undefined ? nodes : [nodeArg(nodes, cmd)]
  const added = await Promise.all(targets.map(dht => addNodeTo(dht, endpoint)))
  return { added: added.filter(Boolean).length }
}

function tableSize (nodes) {
  return { sizes: nodes.map(dht => dht.nodes.count()) }
}

// Adds the operation's wall time and the issuing node's datagrams (sent + received) to its reply.
async function measured (dht, operation) {
  const packetsBefore = packets(dht)
  const start = process.hrtime.bigint()
  const result = await operation(dht)
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6
  return { ...result, elapsed_ms: elapsedMs, packets: packets(dht) - packetsBefore }
}

// Up to count distinct entries of list, drawn at random.
function sample (list, count) {
  const pool = [...list]
  const picked = []
  while (pool.length > 0 && picked.length < count) picked.push(pool.splice(Math.floor(Math.random() * pool.length), 1)[0])
  return picked
}

async function execute (nodes, cmd) {
  switch (cmd.op) {
    case 'addresses': return { nodes: addresses(nodes) }
    case 'table_size': return tableSize(nodes)
    case 'add_node': return addNode(nodes, cmd)
    case 'put_mutable': return measured(nodeArg(nodes, cmd), dht => putMutable(dht, cmd))
    case 'get_mutable': return measured(nodeArg(nodes, cmd), dht => getMutable(dht, cmd))
    case 'put_immutable': return putImmutable(nodeArg(nodes, cmd), cmd)
    case 'get_immutable': return getImmutable(nodeArg(nodes, cmd), cmd)
    case 'announce': return measured(nodeArg(nodes, cmd), dht => announce(dht, cmd))
    case 'get_peers': return measured(nodeArg(nodes, cmd), dht => getPeers(dht, cmd))
    default: throw new CommandError(`unknown op ${JSON.stringify(cmd.op)}`)
  }
}

function reply (message) {
  process.stdout.write(JSON.stringify(message) + '\n')
}

async function shutdown (nodes, code) {
  await Promise.all(nodes.map(dht => new Promise(resolve => dht.destroy(resolve))))
  process.exit(code)
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const nodes = []
  for (let i = 0; i < args.nodes; i++) {
    // Each node also knows the harness's earlier nodes (all, or --seed-nodes of them at random),
    // so one harness is a connected network.
    const earlier = Number.isFinite(args.seedNodes) ? sample(addresses(nodes), args.seedNodes) : addresses(nodes)
    nodes.push(await startNode(args.ports[i] || 0, [...args.bootstrap, ...earlier], args.hosts[i % args.hosts.length]))
  }
  await Promise.all(nodes.map(dht => dht.ready ? null : new Promise(resolve => dht.once('ready', resolve))))
  reply({ event: 'ready', impl: IMPL, version: IMPL_VERSION, nodes: addresses(nodes) })

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  lines.on('close', () => shutdown(nodes, 0))
  lines.on('line', async line => {
    if (line.trim() === '') return
    let cmd
    try {
      cmd = JSON.parse(line)
    } catch {
      return reply({ id: null, ok: false, error: 'line is not JSON' })
    }
    if (cmd === null || typeof cmd !== 'object') return reply({ id: null, ok: false, error: 'command must be an object' })
    const id = cmd.id === undefined ? null : cmd.id
    if (cmd.op === 'quit') {
      reply({ id, ok: true })
      return shutdown(nodes, 0)
    }
    try {
      reply({ id, ok: true, ...(await execute(nodes, cmd)) })
    } catch (err) {
      if (!(err instanceof CommandError)) process.stderr.write(`${err.stack}\n`)
      reply({ id, ok: false, error: err.message })
    }
  })
}

main().catch(err => {
  process.stderr.write(`${err.stack || err}\n`)
  reply({ event: 'failed', error: err.message })
  process.exit(1)
})
