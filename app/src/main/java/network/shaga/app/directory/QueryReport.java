package network.shaga.app.directory;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of one directory query.
 *
 * @param precision geohash precision of the index cells looked up
 * @param cells how many cells were looked up
 * @param endpoints distinct host API endpoints found in the index
 * @param hosts hosts shown (verified, in the area)
 * @param unreachable endpoints whose host API did not answer (hosts that went away)
 * @param outsideArea verified hosts dropped because they lie outside the area
 * @param rejected records dropped, by reason
 * @param took how long the query took
 */
public record QueryReport(
        int precision,
        int cells,
        int endpoints,
        int hosts,
        int unreachable,
        int outsideArea,
        Map<RecordRejection, Integer> rejected,
        Duration took) {

    public QueryReport {
        rejected = Map.copyOf(rejected);
    }

    public int rejectedTotal() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
