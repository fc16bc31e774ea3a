package network.shaga.app.ui.map;

import java.util.Objects;

/**
 * One point on the map, e.g. a host.
 *
 * @param id     what the click callback receives (e.g. the host's public key)
 * @param label  the hover text (e.g. name, GPU and price)
 */
public record MapMarker(String id, GeoPoint position, MarkerStatus status, String label) {

    public MapMarker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(label, "label");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("marker id is empty");
        }
    }

    public MapMarker(String id, double latitude, double longitude, MarkerStatus status, String label) {
        this(id, new GeoPoint(latitude, longitude), status, label);
    }
}
