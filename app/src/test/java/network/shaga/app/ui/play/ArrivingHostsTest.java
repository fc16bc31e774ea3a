package network.shaga.app.ui.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import javafx.collections.ListChangeListener;
import network.shaga.app.directory.HostListing;
import network.shaga.app.ui.perf.SyntheticHosts;
import org.junit.jupiter.api.Test;

/** Hosts arriving one by one reach the Play model in batches, each one list change. */
class ArrivingHostsTest {
    private final List<HostListing> hosts = SyntheticHosts.generate(50, 7, Runnable::run).all().join();
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();

    @Test
    void aBurstOfArrivalsIsOneTaskAndOneBatch() {
        List<List<HostListing>> batches = new ArrayList<>();
        ArrivingHosts arriving = new ArrivingHosts(fxQueue::add, batches::add);
        hosts.subList(0, 30).forEach(arriving::add);
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(batches).containsExactly(hosts.subList(0, 30));

        hosts.subList(30, 50).forEach(arriving::add);
        assertThat(fxQueue).hasSize(1);
        arriving.drain();
        assertThat(batches).hasSize(2);
        fxQueue.poll().run();
        assertThat(batches).as("a drain with nothing waiting hands over nothing").hasSize(2);
    }

    @Test
    void theModelTakesABatchAsOneChangeAndKeepsTheNewestRecordOfEachHost() {
        PlayModel model = new PlayModel();
        int[] changes = new int[1];
        model.hosts.addListener((ListChangeListener<HostRow>) change -> changes[0]++);
        model.upsertAll(hosts);
        assertThat(changes[0]).isEqualTo(1);
        assertThat(model.hosts).hasSize(50);

        HostRow chosen = model.hosts.get(3);
        model.selected.set(chosen);
        HostListing again = hosts.get(3);
        model.upsertAll(List.of(again, hosts.get(4)));
        assertThat(changes[0]).isEqualTo(2);
        assertThat(model.hosts).hasSize(50);
        assertThat(model.selected.get()).isNotSameAs(chosen).isEqualTo(new HostRow(again));

        model.retainOnly(java.util.Set.of(hosts.get(0).signed().publicKeyHex(), hosts.get(1).signed().publicKeyHex()));
        assertThat(changes[0]).isEqualTo(3);
        assertThat(model.hosts).extracting(HostRow::key)
                .containsExactly(hosts.get(0).signed().publicKeyHex(), hosts.get(1).signed().publicKeyHex());
        assertThat(model.selected.get()).isNull();
    }

    @Test
    void aSearchThatFindsTheSameHostsChangesNothingAndAVisiblyNewPingChangesItsRow() {
        PlayModel model = new PlayModel();
        int[] changes = new int[1];
        model.hosts.addListener((ListChangeListener<HostRow>) change -> changes[0]++);
        model.upsertAll(hosts);
        HostRow before = model.hosts.get(7);
        model.upsertAll(hosts);
        assertThat(changes[0]).as("the same listings again").isEqualTo(1);
        assertThat(model.hosts.get(7)).isSameAs(before);

        HostListing h = hosts.get(7);
        HostListing slower = new HostListing(h.signed(), h.endpoint(), h.rttMs() * 1.5 + 2, h.distanceKm(),
                h.ageSeconds() + 30, h.status(), h.replicas());
        HostListing older = new HostListing(h.signed(), h.endpoint(), h.rttMs() * 1.05, h.distanceKm(),
                h.ageSeconds() + 60, h.status(), h.replicas());
        model.upsertAll(List.of(older));
        assertThat(changes[0]).as("an older age, which the list does not show, and a ping 5 % off").isEqualTo(1);
        model.upsertAll(List.of(slower));
        assertThat(changes[0]).isEqualTo(2);
        assertThat(model.hosts.get(7).pingMs()).isEqualTo(h.rttMs() * 1.5 + 2);
    }
}
