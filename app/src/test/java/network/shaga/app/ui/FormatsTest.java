package network.shaga.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void pingsShowOneDecimalUnderTenMillisecondsAndWholeOnesAbove() {
        assertThat(Formats.ping(-1)).isEqualTo("—");
        assertThat(Formats.ping(0)).isEqualTo("0.0 ms");
        assertThat(Formats.ping(3.14)).isEqualTo("3.1 ms");
        assertThat(Formats.ping(9.96)).isEqualTo("10.0 ms");
        assertThat(Formats.ping(10)).isEqualTo("10 ms");
        assertThat(Formats.ping(42.6)).isEqualTo("43 ms");
        assertThat(Formats.ping(250.2)).isEqualTo("250 ms");
    }

    @Test
    void pingsReadAsTheyDidWithStringFormat() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            double ms = random.nextDouble() * (i % 2 == 0 ? 12 : 400);
            String formatted = ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
            assertThat(Formats.ping(ms)).as("%s", ms).isEqualTo(formatted);
        }
    }
}
