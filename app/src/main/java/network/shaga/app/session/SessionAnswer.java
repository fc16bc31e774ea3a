package network.shaga.app.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the host answers a session request: a result, "not yet" (payment not confirmed), or a refusal. */
public sealed interface SessionAnswer {
    /** HTTP 200 with {@code body}. */
    record Ok(ObjectNode body) implements SessionAnswer {
    }

    /** HTTP 202 with {@code Retry-After}: the payment is not confirmed yet. */
    record NotYet(int retryAfterSeconds, String reason, String detail) implements SessionAnswer {
    }

    /** A 4xx answer with a stable {@code code} and a message saying what to do. */
    record Refused(int status, String code, String message) implements SessionAnswer {
    }
}
