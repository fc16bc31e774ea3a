package network.shaga.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.HostDirectory;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.RequiresLocalnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's world starts on a machine without internet and the player sees every host. */
@Timeout(180)
class DemoWorldTest {
    @TempDir
    Path dir;

    @Test
    void everyDemoHostIsListedAndThePlayerIsFunded() throws Exception {
        RequiresLocalnet.check();
        List<String> progress = new CopyOnWriteArrayList<>();
        try (DemoWorld world = DemoWorld.start(dir, progress::add)) {
            assertThat(progress).first().asString().contains("Solana");
            assertThat(progress).last().asString().contains("ready");
            assertThat(world.hosts()).hasSize(DemoHosts.ALL.size());
            assertThat(world.hosts()).allSatisfy(host -> assertThat(host.publisher().lastReport().recordAcks()).isPositive());

            HostDirectory directory = new HostDirectory(world.dht().addNode(), "localnet", HttpClient.newHttpClient(), Clock.systemUTC());
            Map<String, HostListing> found = new ConcurrentHashMap<>();
            directory.query(new GeoBox(-90, -180, 90, 180), listing -> found.put(listing.record().name(), listing)).get(60, TimeUnit.SECONDS);
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(DemoHosts.ALL.stream().map(DemoHosts.DemoHost::name).toList());
            assertThat(found.values()).allSatisfy(listing -> assertThat(listing.status()).isEqualTo(HostStatus.AVAILABLE));

            String balance = world.localnet().call("getTokenAccountsByOwner", world.player().address(),
                    Map.of("mint", world.usdcMint()), Map.of("encoding", "jsonParsed")).toString();
            assertThat(balance).contains("\"amount\":\"" + DemoWorld.PLAYER_USDC_MICRO + "\"");
        }
    }
}
