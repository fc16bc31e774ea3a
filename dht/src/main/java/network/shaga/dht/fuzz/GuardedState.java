package network.shaga.dht.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import network.shaga.dht.Bencode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;

/**
 * Entries stored on the node under test by well-behaved owners (BEP 44 mutable and immutable
 * items, BEP 5 peers), the hostile writes aimed at them, and the check that they are still exactly
 * what the owners stored.
 */
final class GuardedState {
  /** The seq the owners end at; seqs below it are replayed by the attacker. */
  static final long CURRENT_SEQ = 4;
  private static final long TTL_SECONDS = 3_600;
  private static final int REPLY_MILLIS = 2_000;
  private static final byte[] OUR_CLIENT = {'S', 'G', 0, 1};

  private final InetSocketAddress node;
  private final List<Owned> mutables;
  private final List<byte[]> immutables;
  private final List<Announced> peers;

  /** A mutable item at {@link #CURRENT_SEQ}, its key, and its older signed versions. */
  private record Owned(Ed25519KeyPair key, MutableItem current, List<MutableItem> older) {}

  private record Announced(NodeId infohash, List<InetSocketAddress> peers) {}

  /** Hostile writes: {@code mutable} ones stay invalid whatever bytes are changed. */
  record Hostile(List<Request> mutable, List<Request> verbatim) {}

  private GuardedState(InetSocketAddress node, List<Owned> mutables, List<byte[]> immutables,
      List<Announced> peers) {
    this.node = node;
    this.mutables = mutables;
    this.immutables = immutables;
    this.peers = peers;
  }

  /**
   * Has {@code owners} store {@code items} mutable items (seq 1 up to {@link #CURRENT_SEQ}),
   * {@code items} immutable ones and announce themselves under {@code infohashes} infohashes;
   * fails if the node refuses any of it.
   */
  static GuardedState store(InetSocketAddress node, List<KrpcProbe> owners, int items,
      int infohashes, SplittableRandom random) throws IOException {
    List<Owned> mutables = new ArrayList<>();
    List<byte[]> immutables = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      KrpcProbe owner = owners.get(i % owners.size());
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
      byte[] salt = ("guard/" + i).getBytes(StandardCharsets.US_ASCII);
      List<MutableItem> versions = new ArrayList<>();
      for (long seq = 1; seq <= CURRENT_SEQ; seq++) {
        MutableItem item = MutableItem.sign(key, salt, seq,
            Bencode.encode("owner value " + i + " v" + seq));
        expectAck(owner, node, new Request.Put(token(owner, node, item.targetId()), item.value(),
            item.publicKey(), item.salt(), seq, item.signature(), null, TTL_SECONDS));
        versions.add(item);
      }
      mutables.add(new Owned(key, versions.get(versions.size() - 1),
          List.copyOf(versions.subList(0, versions.size() - 1))));
      byte[] value = Bencode.encode("immutable " + i + " " + random.nextLong());
      expectAck(owner, node, new Request.Put(token(owner, node, NodeId.sha1(value)), value, null,
          null, null, null, null, TTL_SECONDS));
      immutables.add(value);
    }
    List<Announced> announced = new ArrayList<>();
    for (int i = 0; i < infohashes; i++) {
      NodeId infohash = NodeId.random(random);
      List<InetSocketAddress> list = new ArrayList<>();
      for (KrpcProbe owner : owners) {
        byte[] token = ((KrpcResponse) owner.query(node, new Request.GetPeers(infohash),
            REPLY_MILLIS).orElseThrow(() -> noAnswer("get_peers"))).token();
        expectAck(owner, node, new Request.AnnouncePeer(infohash,
            owner.localAddress().getPort(), false, token, TTL_SECONDS, null));
        list.add(owner.localAddress());
      }
      announced.add(new Announced(infohash, List.copyOf(list)));
    }
    return new GuardedState(node, List.copyOf(mutables), List.copyOf(immutables),
        List.copyOf(announced));
  }

  private static byte[] token(KrpcProbe probe, InetSocketAddress node, NodeId target)
      throws IOException {
    KrpcMessage reply = probe.query(node, new Request.Get(target, null), REPLY_MILLIS)
        .orElseThrow(() -> noAnswer("get"));
    if (!(reply instanceof KrpcResponse r) || r.token() == null) {
      throw new IOException("the node under test gave no write token: " + reply);
    }
    return r.token();
  }

  private static void expectAck(KrpcProbe owner, InetSocketAddress node, Request request)
      throws IOException {
    KrpcMessage reply = owner.query(node, request, REPLY_MILLIS)
        .orElseThrow(() -> noAnswer(request.method()));
    if (!(reply instanceof KrpcResponse)) {
      throw new IOException("the node under test refused an owner's " + request.method() + ": "
          + reply);
    }
  }

  private static IOException noAnswer(String method) {
    return new IOException("the node under test did not answer an owner's " + method);
  }

  /**
   * The writes an attacker at the token's address tries: a forged signature, replays of older
   * seqs, a different value at the same seq, properly signed newer versions with a wrong
   * {@code cas} or another address's token, and removals of the owners' peer entries (as a
   * replica, with another address's token, and with the attacker's own token, which the node
   * accepts as a removal of the attacker's own address, leaving the owners' entries alone).
   * {@code ownerToken} is a token the node issued to another address.
   */
  Hostile hostile(byte[] attackerToken, byte[] ownerToken, SplittableRandom random) {
    List<Request> mutable = new ArrayList<>();
    List<Request> verbatim = new ArrayList<>();
    Ed25519KeyPair forger = Ed25519KeyPair.fromSeed(randomBytes(random, 32));
    byte[] junkToken = randomBytes(random, 8);
    for (Owned o : mutables) {
      MutableItem current = o.current();
      byte[] forgedValue = Bencode.encode("forged " + random.nextLong());
      MutableItem forged = MutableItem.sign(forger, current.salt(), CURRENT_SEQ + 1, forgedValue);
      mutable.add(put(attackerToken, new MutableItem(current.publicKey(), current.salt(),
          CURRENT_SEQ + 1, forgedValue, forged.signature()), null));
      for (MutableItem old : o.older()) {
        mutable.add(put(attackerToken, old, null));
      }
      mutable.add(put(attackerToken,
          MutableItem.sign(o.key(), current.salt(), CURRENT_SEQ, forgedValue), null));
      MutableItem newer = MutableItem.sign(o.key(), current.salt(), CURRENT_SEQ + 1, forgedValue);
      verbatim.add(put(attackerToken, newer, CURRENT_SEQ - 1));
      verbatim.add(put(attackerToken, newer, CURRENT_SEQ + 1));
      verbatim.add(put(ownerToken, newer, null));
      verbatim.add(put(junkToken, newer, null));
      verbatim.add(put(null, newer, null));
    }
    for (Announced a : peers) {
      for (InetSocketAddress peer : a.peers()) {
        // A replica may not remove, and a removal only ever concerns the sender's own address.
        mutable.add(new Request.AnnouncePeer(a.infohash(), peer.getPort(), false,
            attackerToken, 0L, peer));
        mutable.add(new Request.AnnouncePeer(a.infohash(), peer.getPort(), false,
            ownerToken, 0L, null));
        mutable.add(new Request.AnnouncePeer(a.infohash(), peer.getPort(), false,
            attackerToken, 0L, null));
      }
    }
    return new Hostile(List.copyOf(mutable), List.copyOf(verbatim));
  }

  private static Request put(byte[] token, MutableItem item, Long cas) {
    return new Request.Put(token, item.value(), item.publicKey(), item.salt(), item.seq(),
        item.signature(), cas, TTL_SECONDS);
  }

  /** A query packet as one of our nodes would send it (client tag SG), from {@code sender}. */
  static byte[] packet(Request request, byte[] tid, NodeId sender) {
    return KrpcCodec.encode(new KrpcQuery(tid, sender, false, OUR_CLIENT, request));
  }

  private static byte[] randomBytes(SplittableRandom random, int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  /** Entries checked by {@link #differences}. */
  int size() {
    return 2 * mutables.size() + peers.size();
  }

  /** Descriptions of every guarded entry that is no longer what its owner stored. */
  List<String> differences(KrpcProbe witness) throws IOException {
    List<String> out = new ArrayList<>();
    for (Owned o : mutables) {
      MutableItem want = o.current();
      Optional<KrpcMessage> reply = witness.query(node, new Request.Get(want.targetId(), null),
          REPLY_MILLIS);
      if (reply.isEmpty() || !(reply.get() instanceof KrpcResponse r)) {
        out.add("mutable " + want.targetId() + ": no answer " + reply);
      } else if (r.seq() == null || r.seq() != want.seq() || !Arrays.equals(r.value(), want.value())
          || !Arrays.equals(r.signature(), want.signature())) {
        out.add("mutable " + want.targetId() + ": seq " + r.seq() + " instead of " + want.seq()
            + " or another value/signature");
      }
    }
    for (byte[] value : immutables) {
      NodeId target = NodeId.sha1(value);
      Optional<KrpcMessage> reply = witness.query(node, new Request.Get(target, null),
          REPLY_MILLIS);
      if (reply.isEmpty() || !(reply.get() instanceof KrpcResponse r)
          || !Arrays.equals(r.value(), value)) {
        out.add("immutable " + target + ": missing or changed");
      }
    }
    for (Announced a : peers) {
      Optional<KrpcMessage> reply = witness.query(node, new Request.GetPeers(a.infohash()),
          REPLY_MILLIS);
      if (reply.isEmpty() || !(reply.get() instanceof KrpcResponse r)
          || !r.values().containsAll(a.peers())) {
        out.add("peers of " + a.infohash() + ": some owner was removed");
      }
    }
    return out;
  }

  /** Sends each write and counts those the node accepted (any answer but an error). */
  static int accepted(KrpcProbe attacker, InetSocketAddress node, List<Request> writes)
      throws IOException {
    int accepted = 0;
    for (Request write : writes) {
      byte[] tid = new byte[4];
      attacker.random().nextBytes(tid);
      attacker.send(node, packet(write, tid, attacker.id()));
      Optional<KrpcMessage> reply = attacker.await(tid, REPLY_MILLIS);
      if (reply.isPresent() && !(reply.get() instanceof KrpcError)) {
        accepted++;
      }
    }
    return accepted;
  }
}
