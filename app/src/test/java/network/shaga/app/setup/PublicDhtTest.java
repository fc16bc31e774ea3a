package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PublicDhtTest {

    @Test
    void namesThatDoNotResolveAreSkipped() throws Exception {
        PublicDht.Resolver resolver = host -> {
            if (host.startsWith("router")) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getByName("127.0.0.1");
        };
        List<InetSocketAddress> resolved = PublicDht.resolve(
                List.of("router.bittorrent.com:6881", "dht.libtorrent.org:25401", "no-port", "dht.example:notaport"), resolver,
                Duration.ofSeconds(5));
        assertThat(resolved).containsExactly(new InetSocketAddress("127.0.0.1", 25401));
    }

    @Test
    void aResolverThatHangsIsNotWaitedForPastTheDeadline() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        PublicDht.Resolver resolver = host -> {
            if (host.equals("slow.example")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return InetAddress.getByName("127.0.0.1");
        };
        long started = System.nanoTime();
        List<InetSocketAddress> resolved = PublicDht.resolve(List.of("slow.example:6881", "fast.example:6882"), resolver, Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(resolved).containsExactly(new InetSocketAddress("127.0.0.1", 6882));
        never.countDown();
    }

    @Test
    void theDesignsPublicRoutersAreTheDefault() {
        assertThat(network.shaga.app.net.DhtSettings.PUBLIC_BOOTSTRAP).containsExactly("router.bittorrent.com:6881",
                "dht.transmissionbt.com:6881", "router.utorrent.com:6881", "dht.libtorrent.org:25401");
    }
}
