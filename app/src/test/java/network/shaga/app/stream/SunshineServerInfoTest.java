package network.shaga.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SunshineServerInfoTest {

    private static SunshineServerInfo parse(String xml) throws IOException {
        return SunshineServerInfo.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNameVersionCodecsAndState() throws IOException {
        SunshineServerInfo info = parse("<?xml version=\"1.0\" encoding=\"utf-8\"?><root status_code=\"200\">"
                + "<hostname>rig</hostname><appversion>7.1.431.-1</appversion><uniqueid>ABC</uniqueid>"
                + "<ServerCodecModeSupport>66305</ServerCodecModeSupport><currentgame>3</currentgame>"
                + "<state>SUNSHINE_SERVER_BUSY</state></root>");
        assertThat(info.hostname()).isEqualTo("rig");
        assertThat(info.version()).isEqualTo("7.1.431.-1");
        assertThat(info.uniqueId()).isEqualTo("ABC");
        // 66305 = 0x10301: H.264, HEVC, HEVC Main10, AV1
        assertThat(info.codecs()).containsExactlyInAnyOrder(VideoCodec.H264, VideoCodec.HEVC, VideoCodec.HEVC_MAIN10, VideoCodec.AV1);
        assertThat(info.busy()).isTrue();
        assertThat(info.currentGame()).isEqualTo(3);
    }

    @Test
    void olderHostsWithoutCodecBitsStreamH264() throws IOException {
        SunshineServerInfo info = parse("<root status_code=\"200\"><hostname>old</hostname><state>SUNSHINE_SERVER_FREE</state></root>");
        assertThat(info.codecs()).containsExactly(VideoCodec.H264);
        assertThat(info.busy()).isFalse();
    }

    @Test
    void refusesDocumentTypesSoNoEntityCanBeExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<root status_code=\"200\"><hostname>&x;</hostname></root>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(IOException.class).hasMessageContaining("not valid XML");
    }

    @Test
    void reportsAnErrorStatus() {
        assertThatThrownBy(() -> parse("<root status_code=\"401\" status_message=\"The client is not authorized\"/>"))
                .isInstanceOf(IOException.class).hasMessageContaining("401");
    }

    @Test
    void refusesGarbageAndHugeAnswers() {
        assertThatThrownBy(() -> parse("not xml")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SunshineServerInfo.parse(new byte[200_000])).isInstanceOf(IOException.class).hasMessageContaining("too large");
    }

    @Test
    void codecShortNamesRoundTrip() {
        for (VideoCodec codec : VideoCodec.values()) {
            assertThat(VideoCodec.fromShortName(codec.shortName())).isEqualTo(codec);
        }
    }
}
