package network.shaga.app.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApplicationTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Service service(String name, CompletableFuture<Void> ready) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Void> start() {
                events.add("start " + name);
                return ready;
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void startsInOrderWaitingForEachAndStopsInReverse() throws Exception {
        CompletableFuture<Void> dhtReady = new CompletableFuture<>();
        Application app = new Application(List.of(
                service("wallet", CompletableFuture.completedFuture(null)),
                service("dht", dhtReady),
                service("directory", CompletableFuture.completedFuture(null))));
        CompletableFuture<Void> started = app.start();
        assertThat(events).containsExactly("start wallet", "start dht");
        dhtReady.complete(null);
        started.get(5, TimeUnit.SECONDS);
        assertThat(events).containsExactly("start wallet", "start dht", "start directory");

        app.close();
        app.close();
        assertThat(events).endsWith("stop directory", "stop dht", "stop wallet").hasSize(6);
    }

    @Test
    void aFailedStartStopsWhatAlreadyStartedAndNamesTheService() {
        Application app = new Application(List.of(
                service("wallet", CompletableFuture.completedFuture(null)),
                service("dht", CompletableFuture.failedFuture(new IllegalStateException("port 6881 in use"))),
                service("directory", CompletableFuture.completedFuture(null))));
        assertThatThrownBy(() -> app.start().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("port 6881 in use")
                .cause().hasMessage("dht could not start: port 6881 in use");
        assertThat(events).containsExactly("start wallet", "start dht", "stop dht", "stop wallet");
    }

    @Test
    void aServiceThatThrowsInsteadOfFailingItsFutureIsHandledTheSameWay() {
        Service broken = new Service() {
            @Override
            public String name() {
                return "ledger";
            }

            @Override
            public CompletableFuture<Void> start() {
                throw new IllegalStateException("database is locked");
            }

            @Override
            public void stop() {
                events.add("stop ledger");
            }
        };
        Application app = new Application(List.of(service("wallet", CompletableFuture.completedFuture(null)), broken));
        assertThatThrownBy(() -> app.start().get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database is locked");
        assertThat(events).containsExactly("start wallet", "stop ledger", "stop wallet");
    }
}
