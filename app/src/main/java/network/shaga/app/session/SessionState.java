package network.shaga.app.session;

import java.util.Set;

/** Where a host-side session is: quoted → paid → pairing → streaming → ended, or failed after payment. */
public enum SessionState {
    QUOTED, PAID, PAIRING, STREAMING, ENDED, FAILED;

    /** True once nothing more happens to the session. */
    public boolean terminal() {
        return this == ENDED || this == FAILED;
    }

    /** True while the host is taken by the session. */
    public boolean occupiesHost() {
        return this == PAID || this == PAIRING || this == STREAMING;
    }

    public boolean canMoveTo(SessionState next) {
        return switch (this) {
            case QUOTED -> next == PAID || next == ENDED;
            case PAID -> next == PAIRING || next == FAILED || next == ENDED;
            case PAIRING -> Set.of(STREAMING, FAILED, ENDED).contains(next);
            case STREAMING -> next == ENDED;
            case ENDED, FAILED -> false;
        };
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
