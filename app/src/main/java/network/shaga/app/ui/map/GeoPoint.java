package network.shaga.app.ui.map;

/** A place on Earth in degrees (WGS 84), as the map shows and picks it. */
public record GeoPoint(double latitude, double longitude) {

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude out of range: " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude out of range: " + longitude);
        }
    }
}
