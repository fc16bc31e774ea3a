package network.shaga.app.ui.map;

/** What a map shows: the visible bounds and the (fractional) zoom level. */
public record Viewport(GeoBounds bounds, double zoom) {
}
