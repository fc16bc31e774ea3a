#!/usr/bin/python3
"""Runs libtorrent sessions as DHT nodes on 127.0.0.1, driven by the line protocol in README.md.

Replies go to stdout, one JSON object per line; diagnostics go to stderr. Commands run one at a
time. Needs Debian's python3-libtorrent (2.0.8) and python3-cryptography under /usr/bin/python3.
"""

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time

import libtorrent as lt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

IMPL = "libtorrent"
LOOPBACK = "127.0.0.1"
MAX_VALUE_BYTES = 1000
MAX_SALT_BYTES = 64
# libtorrent itself gives up on a silent node after 15 s; a lookup may wait for that.
LOOKUP_TIMEOUT_S = 30.0
ANNOUNCE_REPLY_TIMEOUT_S = 5.0
ADD_NODE_TIMEOUT_S = 3.0
STARTUP_TIMEOUT_S = 10.0

# dht_pkt_alert and dht_log_alert carry what the Python binding does not expose otherwise: the raw
# values of get replies (the binding cannot convert non-string items) and the end of a traversal.
PACKET_LINE = re.compile(r"^(==>|<==) \[([^\]]+)\]")
TRAVERSAL_NEW = re.compile(r"^\[(\d+)\] NEW target: ([0-9a-f]{40})")
TRAVERSAL_DONE = re.compile(r"^\[(\d+)\] COMPLETED")
ANNOUNCE_SENT = re.compile(r"^sending announce_peer \[ ih: ([0-9a-f]{40}) +p: (\d+) nodes: (\d+) \]")

SETTINGS = {
    "enable_dht": True,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "dht_bootstrap_nodes": "",
    # Without these every loopback node shares one IP and libtorrent keeps only one of them.
    "dht_restrict_routing_ips": False,
    "dht_restrict_search_ips": False,
    # The default rate limit bans 127.0.0.1 for 300 s after ~50 packets in 10 s.
    "dht_block_ratelimit": 1000000,
    "dht_upload_rate_limit": 1000000,
    "alert_queue_size": 100000,
    "alert_mask": (lt.alert_category.dht | lt.alert_category.dht_operation | lt.alert_category.dht_log
                   | lt.alert_category.error | lt.alert_category.status),
}


class CommandError(Exception):
    """A command that cannot be carried out; its message goes back to the caller."""


def log(message):
    sys.stderr.write(f"libtorrent-node: {message}\n")
    sys.stderr.flush()


def reply(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def hex_arg(cmd, name, length=None):
    text = cmd.get(name)
    if not isinstance(text, str):
        raise CommandError(f"{name} must be a hex string")
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raise CommandError(f"{name} must be a hex string") from None
    if length is not None and len(raw) != length:
        raise CommandError(f"{name} must be {length} bytes")
    return raw


def int_arg(cmd, name, low, high):
    value = cmd.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise CommandError(f"{name} must be an integer in [{low}, {high}]")
    return value


def salt_arg(cmd):
    if "salt_hex" in cmd:
        salt = hex_arg(cmd, "salt_hex")
    elif "salt" in cmd:
        if not isinstance(cmd["salt"], str):
            raise CommandError("salt must be a string")
        salt = cmd["salt"].encode("utf-8")
    else:
        salt = b""
    if len(salt) > MAX_SALT_BYTES:
        raise CommandError(f"salt must be at most {MAX_SALT_BYTES} bytes")
    return salt


def value_arg(cmd):
    """Decodes v_hex, insisting that re-encoding gives the same bytes (canonical bencode)."""
    raw = hex_arg(cmd, "v_hex")
    if not raw:
        raise CommandError("v_hex must not be empty")
    if len(raw) > MAX_VALUE_BYTES:
        raise CommandError(f"v must be at most {MAX_VALUE_BYTES} bytes")
    try:
        value = lt.bdecode(raw)
    except RuntimeError as err:
        raise CommandError(f"v_hex is not bencode: {err}") from None
    if value is None or lt.bencode(value) != raw:
        raise CommandError("v_hex is not canonical bencode")
    return value


def mutable_target(pubkey, salt):
    return hashlib.sha1(pubkey + salt).digest()


def expanded_key(seed):
    """The 64-byte ed25519 secret libtorrent signs with: SHA-512 of the seed, clamped (RFC 8032)."""
    digest = bytearray(hashlib.sha512(seed).digest())
    digest[0] &= 248
    digest[31] &= 63
    digest[31] |= 64
    return bytes(digest)


def public_key(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def decode_packet(alert):
    """(direction, endpoint, message dict) of a dht_pkt_alert, or None when it is not KRPC."""
    match = PACKET_LINE.match(alert.message())
    if not match:
        return None
    try:
        message = lt.bdecode(alert.pkt_buf)
    except RuntimeError:
        return None
    if not isinstance(message, dict):
        return None
    return match.group(1), match.group(2), message


def reply_body(packet):
    """The 'r' dict of an incoming KRPC response, else None."""
    if packet is None:
        return None
    direction, _, message = packet
    body = message.get(b"r")
    if direction != "<==" or message.get(b"y") != b"r" or not isinstance(body, dict):
        return None
    return body


class Node:
    """One libtorrent session acting as a DHT node on 127.0.0.1."""

    def __init__(self, port, save_path):
        settings = dict(SETTINGS)
        settings["listen_interfaces"] = f"{LOOPBACK}:{port}"
        self.session = lt.session(settings)
        self.save_path = save_path
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while self.session.listen_port() == 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"libtorrent could not listen on {LOOPBACK}:{port}")
            time.sleep(0.01)
        self.port = self.session.listen_port()

    def discard_alerts(self):
        """Drops alerts left over from earlier commands, so they cannot answer this one."""
        self.session.pop_alerts()

    def pump(self, on_alert, timeout_s, what):
        """Feeds alerts to on_alert until it returns something other than None.

        Alerts are only valid until the next pop_alerts call, so they are handled right away.
        """
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CommandError(f"{what} timed out after {timeout_s:.0f} s")
            self.session.wait_for_alert(max(1, min(100, int(remaining * 1000))))
            for alert in self.session.pop_alerts():
                result = on_alert(alert)
                if result is not None:
                    return result

    def table_size(self):
        self.discard_alerts()
        self.session.post_dht_stats()

        def on_alert(alert):
            if isinstance(alert, lt.dht_stats_alert):
                return sum(bucket["num_nodes"] for bucket in alert.routing_table)
            return None
        return self.pump(on_alert, 5.0, "table_size")

    def add_node(self, host, port):
        """Adds a node and reports whether it answered libtorrent's ping."""
        self.discard_alerts()
        endpoint = f"{host}:{port}"
        self.session.add_dht_node((host, port))

        def on_alert(alert):
            if isinstance(alert, lt.dht_pkt_alert):
                packet = decode_packet(alert)
                if reply_body(packet) is not None and packet[1] == endpoint:
                    return True
            return None
        try:
            return self.pump(on_alert, ADD_NODE_TIMEOUT_S, "add_node")
        except CommandError:
            return False

    def get_mutable(self, pubkey, salt):
        self.discard_alerts()
        target = mutable_target(pubkey, salt)
        seen = {}
        self.session.dht_get_mutable_item(pubkey, salt)

        def on_alert(alert):
            if isinstance(alert, lt.dht_pkt_alert):
                body = reply_body(decode_packet(alert))
                if body is not None and body.get(b"k") == pubkey and b"v" in body and b"sig" in body:
                    seen[(body.get(b"seq"), body[b"sig"])] = lt.bencode(body[b"v"])
            elif isinstance(alert, lt.dht_mutable_item_alert) and alert.key == pubkey and alert.authoritative:
                raw = seen.get((alert.seq, alert.signature))
                if raw is None:
                    return {"found": False, "target": target.hex()}
                return {"found": True, "target": target.hex(), "v_hex": raw.hex(), "seq": alert.seq,
                        "sig": alert.signature.hex()}
            return None
        return self.pump(on_alert, LOOKUP_TIMEOUT_S, "get_mutable")

    def put_mutable(self, seed, salt, value, seq):
        if not isinstance(value, bytes):
            raise CommandError("libtorrent's Python binding can only put mutable values that are byte strings")
        pubkey = public_key(seed)
        if seq is not None:
            # The binding always writes current seq + 1; refuse rather than silently use another seq.
            current = self.get_mutable(pubkey, salt)
            expected = current["seq"] + 1 if current["found"] else 1
            if seq != expected:
                raise CommandError(f"libtorrent can only put seq {expected} (current + 1), not {seq}")
        self.discard_alerts()
        self.session.dht_put_mutable_item(expanded_key(seed), pubkey, value, salt)

        def on_alert(alert):
            if isinstance(alert, lt.dht_put_alert) and alert.public_key == pubkey:
                return {"target": mutable_target(pubkey, salt).hex(), "pubkey": pubkey.hex(),
                        "seq": alert.seq, "stored": alert.num_success}
            return None
        return self.pump(on_alert, LOOKUP_TIMEOUT_S, "put_mutable")

    def put_immutable(self, value):
        self.discard_alerts()
        target = str(self.session.dht_put_immutable_item(value))

        def on_alert(alert):
            if isinstance(alert, lt.dht_put_alert) and str(alert.target) == target:
                return {"target": target, "stored": alert.num_success}
            return None
        return self.pump(on_alert, LOOKUP_TIMEOUT_S, "put_immutable")

    def get_immutable(self, target):
        self.discard_alerts()
        found = {}
        self.session.dht_get_immutable_item(lt.sha1_hash(target))

        def on_alert(alert):
            if isinstance(alert, lt.dht_pkt_alert):
                body = reply_body(decode_packet(alert))
                if body is not None and b"v" in body:
                    raw = lt.bencode(body[b"v"])
                    if hashlib.sha1(raw).digest() == target:
                        found["raw"] = raw
            elif isinstance(alert, lt.dht_immutable_item_alert) and str(alert.target) == target.hex():
                if "raw" not in found:
                    return {"found": False, "target": target.hex()}
                return {"found": True, "target": target.hex(), "v_hex": found["raw"].hex()}
            return None
        return self.pump(on_alert, LOOKUP_TIMEOUT_S, "get_immutable")

    def announce(self, infohash):
        """Announces through a magnet torrent: session.dht_announce is unusable from Python 2.0.8.

        libtorrent announces its own listen port (implied_port); stored counts the nodes that
        acknowledged the announce_peer queries.
        """
        self.discard_alerts()
        handle = self.session.find_torrent(lt.sha1_hash(infohash))
        if handle.is_valid():
            handle.force_dht_announce()
        else:
            params = lt.parse_magnet_uri("magnet:?xt=urn:btih:" + infohash.hex())
            params.save_path = self.save_path
            self.session.add_torrent(params)
        state = {"expected": None, "port": None, "pending": set(), "acked": 0, "answered": 0}

        def on_alert(alert):
            if isinstance(alert, lt.dht_log_alert) and state["expected"] is None:
                match = ANNOUNCE_SENT.match(alert.log_message())
                if match and match.group(1) == infohash.hex():
                    state["expected"] = int(match.group(3))
                    state["port"] = int(match.group(2))
            elif isinstance(alert, lt.dht_pkt_alert):
                self._track_announce(decode_packet(alert), infohash, state)
            if state["expected"] is not None and state["answered"] >= state["expected"]:
                return {"port": state["port"], "stored": state["acked"]}
            return None
        try:
            return self.pump(on_alert, LOOKUP_TIMEOUT_S, "announce")
        except CommandError:
            if state["expected"] is None:
                raise
            return {"port": state["port"], "stored": state["acked"]}

    @staticmethod
    def _track_announce(packet, infohash, state):
        if packet is None:
            return
        direction, endpoint, message = packet
        args = message.get(b"a")
        if (direction == "==>" and message.get(b"q") == b"announce_peer" and isinstance(args, dict)
                and args.get(b"info_hash") == infohash):
            state["pending"].add((endpoint, message.get(b"t")))
        elif direction == "<==" and message.get(b"y") in (b"r", b"e"):
            key = (endpoint, message.get(b"t"))
            if key in state["pending"]:
                state["pending"].discard(key)
                state["answered"] += 1
                if message.get(b"y") == b"r":
                    state["acked"] += 1

    def get_peers(self, infohash):
        self.discard_alerts()
        peers = {}
        traversals = set()
        self.session.dht_get_peers(lt.sha1_hash(infohash))

        def on_alert(alert):
            if isinstance(alert, lt.dht_get_peers_reply_alert) and str(alert.info_hash) == infohash.hex():
                for host, port in alert.peers():
                    peers[(host, port)] = {"host": host, "port": port}
            elif isinstance(alert, lt.dht_log_alert):
                line = alert.log_message()
                started = TRAVERSAL_NEW.match(line)
                if started and started.group(2) == infohash.hex() and not traversals:
                    traversals.add(started.group(1))
                finished = TRAVERSAL_DONE.match(line)
                if finished and finished.group(1) in traversals:
                    return {"peers": list(peers.values())}
            return None
        return self.pump(on_alert, LOOKUP_TIMEOUT_S, "get_peers")


class Harness:
    """The sessions of one process and the commands that drive them."""

    def __init__(self, count, ports, bootstrap):
        self.save_path = tempfile.mkdtemp(prefix="libtorrent-node-")
        self.nodes = [Node(ports[i] if i < len(ports) else 0, self.save_path) for i in range(count)]
        for node in self.nodes:
            for host, port in bootstrap:
                node.session.add_dht_node((host, port))
            for other in self.nodes:
                if other is not node:
                    node.session.add_dht_node((LOOPBACK, other.port))

    def addresses(self):
        return [{"host": LOOPBACK, "port": node.port} for node in self.nodes]

    def node(self, cmd):
        index = cmd.get("node", 0)
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(self.nodes):
            raise CommandError(f"node must be an index in [0, {len(self.nodes) - 1}]")
        return self.nodes[index]

    def execute(self, cmd):
        op = cmd.get("op")
        if op == "addresses":
            return {"nodes": self.addresses()}
        if op == "table_size":
            return {"sizes": [node.table_size() for node in self.nodes]}
        if op == "add_node":
            host = cmd.get("host")
            if not isinstance(host, str):
                raise CommandError("host must be a string")
            port = int_arg(cmd, "port", 1, 65535)
            targets = self.nodes if "node" not in cmd else [self.node(cmd)]
            return {"added": sum(1 for node in targets if node.add_node(host, port))}
        if op == "put_mutable":
            if "cas" in cmd:
                raise CommandError("libtorrent's Python binding cannot send cas")
            seq = int_arg(cmd, "seq", 0, 2 ** 63 - 1) if "seq" in cmd else None
            return self.node(cmd).put_mutable(hex_arg(cmd, "seed", 32), salt_arg(cmd), value_arg(cmd), seq)
        if op == "get_mutable":
            return self.node(cmd).get_mutable(hex_arg(cmd, "pubkey", 32), salt_arg(cmd))
        if op == "put_immutable":
            return self.node(cmd).put_immutable(value_arg(cmd))
        if op == "get_immutable":
            return self.node(cmd).get_immutable(hex_arg(cmd, "target", 20))
        if op == "announce":
            node = self.node(cmd)
            port = int_arg(cmd, "port", 0, 65535) if "port" in cmd else 0
            if port not in (0, node.port):
                raise CommandError(f"libtorrent announces its own listen port {node.port}, not {port}")
            return node.announce(hex_arg(cmd, "infohash", 20))
        if op == "get_peers":
            return self.node(cmd).get_peers(hex_arg(cmd, "infohash", 20))
        raise CommandError(f"unknown op {json.dumps(op)}")

    def close(self):
        for node in self.nodes:
            node.session.pause()
        self.nodes.clear()
        shutil.rmtree(self.save_path, ignore_errors=True)


def parse_endpoint(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"bad endpoint {text}, expected host:port")
    return host, int(port)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="libtorrent DHT nodes on 127.0.0.1 behind a JSON line protocol")
    parser.add_argument("--nodes", type=int, default=1)
    parser.add_argument("--ports", default="", help="comma-separated UDP ports, 0 or missing = ephemeral")
    parser.add_argument("--bootstrap", default="", help="comma-separated host:port list")
    args = parser.parse_args(argv)
    if args.nodes < 1:
        parser.error("--nodes must be a positive integer")
    args.ports = [int(p) for p in args.ports.split(",") if p]
    if len(args.ports) > args.nodes:
        parser.error("more --ports than --nodes")
    args.bootstrap = [parse_endpoint(e) for e in args.bootstrap.split(",") if e]
    return args


def serve(harness):
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            cmd = json.loads(line)
        except ValueError:
            reply({"id": None, "ok": False, "error": "line is not JSON"})
            continue
        if not isinstance(cmd, dict):
            reply({"id": None, "ok": False, "error": "command must be an object"})
            continue
        request_id = cmd.get("id")
        if cmd.get("op") == "quit":
            reply({"id": request_id, "ok": True})
            return
        try:
            reply({"id": request_id, "ok": True, **harness.execute(cmd)})
        except CommandError as err:
            reply({"id": request_id, "ok": False, "error": str(err)})
        except Exception as err:  # noqa: BLE001 - a harness bug must not kill the other sessions
            log(f"{type(err).__name__} while running {cmd.get('op')}: {err}")
            reply({"id": request_id, "ok": False, "error": f"{type(err).__name__}: {err}"})


def main(argv):
    args = parse_args(argv)
    try:
        harness = Harness(args.nodes, args.ports, args.bootstrap)
    except Exception as err:  # noqa: BLE001 - reported to the caller as a failed start
        reply({"event": "failed", "error": str(err)})
        return 1
    try:
        reply({"event": "ready", "impl": IMPL, "version": lt.__version__, "nodes": harness.addresses()})
        serve(harness)
    finally:
        harness.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
