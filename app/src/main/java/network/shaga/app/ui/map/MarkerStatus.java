package network.shaga.app.ui.map;

/** How a host's marker is coloured; listed from least to most interesting, which is also the drawing order. */
public enum MarkerStatus {
    /** Grey: not heartbeating. */
    OFFLINE,
    /** Amber: in a session with someone else. */
    BUSY,
    /** Green: can be rented now. */
    AVAILABLE
}
