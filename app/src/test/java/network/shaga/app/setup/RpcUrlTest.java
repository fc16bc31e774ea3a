package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class RpcUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://api.mainnet-beta.solana.com", "https://rpc.example.com:8443/v1/KEY?x=1", "  https://x.io/  ",
        "http://127.0.0.1:8899", "http://localhost:8899", "http://192.168.1.20:8899", "http://10.0.0.5", "http://[::1]:8899",
        "http://[fd00::5]:8899", "HTTPS://API.DEVNET.SOLANA.COM"})
    void accepts(String url) {
        assertThat(RpcUrl.check(url)).as(url).isInstanceOf(RpcUrl.Valid.class);
        assertThat(((RpcUrl.Valid) RpcUrl.check(url)).url()).hasToString(url.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|Enter the RPC URL",
        "'   '|Enter the RPC URL",
        "api.mainnet-beta.solana.com|must start with https://",
        "ftp://rpc.example.com|must start with https://",
        "ws://rpc.example.com|must start with https://",
        "https://|not a URL",
        "https:///path|no host name",
        "https://rpc.example.com:0|port must be",
        "https://rpc.example.com#top|Remove the #",
        "http://rpc.example.com:8899|Use https://",
        "http://8.8.8.8:8899|Use https://",
        "http://my-node.lan:8899|Use https://",
        "https://exa mple.com|not a URL"})
    void refusesWithAReason(String url, String reason) {
        RpcUrl.Check check = RpcUrl.check(url);
        assertThat(check).as(url).isInstanceOf(RpcUrl.Invalid.class);
        assertThat(((RpcUrl.Invalid) check).reason()).as(url).contains(reason);
    }

    @Test
    void nullIsRefusedNotThrown() {
        assertThat(RpcUrl.check(null)).isInstanceOf(RpcUrl.Invalid.class);
    }

    @Test
    void localMeansThisMachineOrAPrivateNetworkJudgedWithoutDns() {
        assertThat(RpcUrl.isLocal("localhost")).isTrue();
        assertThat(RpcUrl.isLocal("node.localhost")).isTrue();
        assertThat(RpcUrl.isLocal("172.16.3.4")).isTrue();
        assertThat(RpcUrl.isLocal("169.254.1.1")).isTrue();
        assertThat(RpcUrl.isLocal("1.1.1.1")).isFalse();
        assertThat(RpcUrl.isLocal("example.com")).isFalse();
    }
}
