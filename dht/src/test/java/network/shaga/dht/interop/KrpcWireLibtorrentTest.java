package network.shaga.dht.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.Test;

/** Our KRPC codec against libtorrent nodes. */
class KrpcWireLibtorrentTest extends KrpcWireInterop {
  KrpcWireLibtorrentTest() {
    super(ThirdPartyImplementation.LIBTORRENT);
  }

  @Test
  void bep42AddressEchoIsDecoded() throws IOException {
    KrpcResponse pong = probe.response(dht.node(0), new Request.Ping());

    assertThat(pong.requester()).isEqualTo(probe.address());
  }
}
