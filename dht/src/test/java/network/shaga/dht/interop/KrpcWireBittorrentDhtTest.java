package network.shaga.dht.interop;

/** Our KRPC codec against npm bittorrent-dht nodes. */
class KrpcWireBittorrentDhtTest extends KrpcWireInterop {
  KrpcWireBittorrentDhtTest() {
    super(ThirdPartyImplementation.BITTORRENT_DHT);
  }
}
