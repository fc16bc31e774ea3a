package network.shaga.app.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Formatted texts by number, each formatted once: the list and the map format every visible price again on each
 * update, and String.format (new DecimalFormatSymbols per call on JDK 17) for a thousand hosts showed up in the FX
 * thread's stalls. Holds at most {@code max} texts (then starts over). FX thread only.
 */
public final class LongTexts {
    private final int max;
    private final LongFunction<String> format;
    private final Map<Long, String> texts = new HashMap<>();

    public LongTexts(int max, LongFunction<String> format) {
        this.max = max;
        this.format = format;
    }

    /** The text of {@code value}. */
    public String of(long value) {
        if (texts.size() >= max) {
            texts.clear();
        }
        return texts.computeIfAbsent(value, format::apply);
    }
}
