package network.shaga.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppIconsTest {
    @Test
    void everySizeIsBundledAsAPng() throws Exception {
        List<InputStream> icons = AppIcons.open();
        assertThat(icons).hasSize(AppIcons.SIZES.length);
        for (InputStream in : icons) {
            try (in) {
                byte[] head = in.readNBytes(8);
                assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        }
    }
}
