package network.shaga.app.directory;

import java.util.Locale;

/** Whether a host can be rented now; the wire form is the lower-case name. */
public enum HostStatus {
    AVAILABLE,
    BUSY,
    OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; null when unknown. */
    public static HostStatus fromWire(String text) {
        for (HostStatus status : values()) {
            if (status.wire().equals(text)) {
                return status;
            }
        }
        return null;
    }
}
