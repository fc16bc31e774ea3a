package network.shaga.app.stream;

/** Sunshine could not be reached or refused a request; the message says which and what to do. */
public class SunshineException extends Exception {
    private static final long serialVersionUID = 1L;

    public SunshineException(String message) {
        super(message);
    }

    public SunshineException(String message, Throwable cause) {
        super(message, cause);
    }
}
