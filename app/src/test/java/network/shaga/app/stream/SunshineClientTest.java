package network.shaga.app.stream;

import network.shaga.app.demo.SunshineStandIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SunshineClientTest {
    @TempDir
    Path dir;
    private SunshineStandIn sunshine;

    @BeforeEach
    void start() throws Exception {
        sunshine = new SunshineStandIn(dir);
    }

    @AfterEach
    void stop() {
        sunshine.close();
    }

    @Test
    void readsServerInfoOverHttp() throws Exception {
        SunshineServerInfo info = sunshine.client().serverInfo();
        assertThat(info.hostname()).isEqualTo("test-rig");
        assertThat(info.codecs()).contains(VideoCodec.HEVC, VideoCodec.AV1);
        assertThat(info.busy()).isFalse();
    }

    @Test
    void pinIsRefusedWhileNoClientWaitsAndRetriedUntilTheTimeout() throws Exception {
        SunshineClient client = sunshine.client();
        assertThat(client.submitPin("1234", "player")).isFalse();
        assertThat(client.pairWhenPending("1234", "player", Duration.ofMillis(300), Duration.ofMillis(50))).isFalse();
        assertThat(sunshine.pinCalls()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void listsAndUnpairsClients() throws Exception {
        SunshineClient client = sunshine.client();
        assertThat(client.pairedClients()).isEmpty();
        assertThat(client.unpair("nobody")).isFalse();
        client.closeApp();
    }

    @Test
    void wrongPasswordSaysWhatToDo() {
        SunshineClient client = new SunshineClient(sunshine.httpBase(), sunshine.webApiBase(), new SunshineCredentials("sunshine", "wrong"));
        assertThatThrownBy(() -> client.submitPin("1234", "x"))
                .isInstanceOf(SunshineException.class).hasMessageContaining("401").hasMessageContaining("credentials");
    }

    @Test
    void missingCredentialsSayWhatToDo() {
        SunshineClient client = new SunshineClient(sunshine.httpBase(), sunshine.webApiBase(), null);
        assertThatThrownBy(() -> client.pairedClients())
                .isInstanceOf(SunshineException.class).hasMessageContaining("not set");
    }

    @Test
    void sunshineNotRunningIsNamedAsSuch() {
        SunshineClient client = new SunshineClient(URI.create("http://127.0.0.1:1"), URI.create("https://localhost:1"),
                new SunshineCredentials("a", "b"));
        assertThatThrownBy(client::serverInfo).isInstanceOf(SunshineException.class).hasMessageContaining("not running");
    }

    @Test
    void selfSignedCertificatesAreOnlyAcceptedOnLoopback() {
        assertThat(LoopbackTls.isLoopback(URI.create("https://localhost:47990"))).isTrue();
        assertThat(LoopbackTls.isLoopback(URI.create("https://127.0.0.1:47990"))).isTrue();
        assertThat(LoopbackTls.isLoopback(URI.create("https://[::1]:47990"))).isTrue();
        assertThat(LoopbackTls.isLoopback(URI.create("https://192.0.2.10:47990"))).isFalse();
        assertThat(LoopbackTls.isLoopback(URI.create("https://sunshine.invalid:47990"))).isFalse();
    }
}
