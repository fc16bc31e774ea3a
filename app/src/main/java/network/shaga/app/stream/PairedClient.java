package network.shaga.app.stream;

/** A Moonlight client that Sunshine has paired with. */
public record PairedClient(String name, String uuid) {
}
