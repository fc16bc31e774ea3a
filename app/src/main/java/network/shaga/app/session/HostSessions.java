package network.shaga.app.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.stream.PairedClient;
import network.shaga.app.stream.SunshineClient;
import network.shaga.app.stream.SunshineException;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.ledger.Quote;
import network.shaga.wallet.tx.TokenAccounts;
import org.p2p.solanaj.core.PublicKey;

/**
 * The host's session state machine (flow F9): quotes, payment acceptance, the sealed PIN, pairing with Sunshine,
 * expiry, extension, ending with unpairing, and refunds when a paid session cannot start or the host ends it early.
 * Every transition is written to the {@link SessionStore} before it takes effect outside, so a restarted host
 * resumes or ends its sessions from there ({@link #resume}).
 */
public final class HostSessions implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostSessions.class.getName());
    private static final Duration PIN_RETRY = Duration.ofMillis(100);
    private static final Duration PAIRED_CHECK = Duration.ofSeconds(5);
    private static final int UNPAIR_ATTEMPTS = 3;
    /** A payment that landed inside its quote's window may still be reported a little later. */
    private static final Duration UNPAID_QUOTE_GRACE = Duration.ofMinutes(10);
    private static final Duration REFUND_RETRY = Duration.ofMinutes(1);

    private final SessionStore store;
    private final HostPayments payments;
    private final SunshineClient sunshine;
    private final Function<HostStatus, CompletableFuture<?>> publishStatus;
    private final SessionSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor work;
    private final SecureRandom random;
    private final ObjectMapper json = new ObjectMapper();
    private ScheduledFuture<?> sweep;
    private final java.util.Set<String> refunding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, Instant> lastRefundAttempt = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Consumer<HostSession>> listeners = new CopyOnWriteArrayList<>();

    public HostSessions(SessionStore store, HostPayments payments, SunshineClient sunshine,
            Function<HostStatus, CompletableFuture<?>> publishStatus, SessionSettings settings, Clock clock,
            ScheduledExecutorService timer, Executor work, SecureRandom random) {
        this.store = store;
        this.payments = payments;
        this.sunshine = sunshine;
        this.publishStatus = publishStatus;
        this.settings = settings;
        this.clock = clock;
        this.timer = timer;
        this.work = work;
        this.random = random;
    }

    /** Called after every saved change of a session. */
    public void addListener(Consumer<HostSession> listener) {
        listeners.add(listener);
    }

    public Optional<HostSession> find(String id) throws SQLException {
        return store.find(id);
    }

    // ---- requests -----------------------------------------------------------------------------

    /** {@code POST /v1/sessions}: records a quote for {@code player}. */
    public SessionAnswer quote(String player, int minutes, String x25519) throws SQLException {
        if (minutes < 1 || minutes > settings.maxMinutes()) {
            return new SessionAnswer.Refused(400, "BAD_MINUTES", "minutes must be 1.." + settings.maxMinutes());
        }
        if (!PinSeal.isPublicKey(x25519)) {
            return new SessionAnswer.Refused(400, "BAD_X25519", "x25519 must be a base64 32-byte X25519 public key");
        }
        if (busy()) {
            return new SessionAnswer.Refused(409, "HOST_BUSY", "the host is in another session; pick another host or try later");
        }
        Quote quote = payments.quote(player, settings.priceOf(minutes), minutes, settings.quoteValidity());
        String clientName = "shaga-" + quote.id().substring(0, 8);
        // Until it is paid, a session's endsAt is when its quote expires.
        save(new HostSession(quote.id(), player, x25519, clientName, SessionState.QUOTED, minutes, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(quote.expiresAt()), 0, Optional.empty(), 0, Optional.empty(), ""));
        return new SessionAnswer.Ok(quoteJson(quote));
    }

    /** {@code POST /v1/sessions/{id}/extend}: a new quote that adds {@code minutes} once paid. */
    public SessionAnswer extend(String signer, String sessionId, int minutes) throws SQLException {
        Optional<HostSession> found = owned(signer, sessionId);
        if (found.isEmpty()) {
            return notYours(sessionId);
        }
        if (!found.get().state().occupiesHost()) {
            return new SessionAnswer.Refused(409, "NOT_RUNNING", "session " + sessionId + " is " + found.get().state().wireName());
        }
        if (minutes < 1 || minutes > settings.maxMinutes()) {
            return new SessionAnswer.Refused(400, "BAD_MINUTES", "minutes must be 1.." + settings.maxMinutes());
        }
        Quote quote = payments.quote(signer, settings.priceOf(minutes), minutes, settings.quoteValidity());
        store.saveExtension(quote.id(), sessionId, minutes);
        return new SessionAnswer.Ok(quoteJson(quote));
    }

    /**
     * {@code POST /v1/sessions/{id}/payment}: verifies the payment of the opening quote ({@code quoteId} null or the
     * session id) or of an extension quote. Repeating an accepted payment repeats the answer.
     */
    public SessionAnswer pay(String signer, String sessionId, String quoteId, String signature) throws SQLException {
        Optional<HostSession> found = owned(signer, sessionId);
        if (found.isEmpty()) {
            return notYours(sessionId);
        }
        if (quoteId != null && !quoteId.equals(sessionId)) {
            return payExtension(found.get(), quoteId, signature);
        }
        HostSession session = found.get();
        if (session.state() != SessionState.QUOTED) {
            if (session.signature().equals(Optional.of(signature))) {
                return new SessionAnswer.Ok(paidJson(session));
            }
            return new SessionAnswer.Refused(409, "ALREADY_PAID", "session " + sessionId + " is already " + session.state().wireName());
        }
        if (busy()) {
            return new SessionAnswer.Refused(409, "HOST_BUSY", "the host started another session; this payment was not taken");
        }
        WalletService.Acceptance acceptance = payments.accept(sessionId, signature);
        if (acceptance instanceof WalletService.PaymentRefused refused) {
            return refused.retryable() ? new SessionAnswer.NotYet(1, refused.reason(), refused.detail())
                    : new SessionAnswer.Refused(402, refused.reason(), refused.detail());
        }
        String pin = String.format("%04d", random.nextInt(10_000));
        String sealed;
        try {
            sealed = json.writeValueAsString(PinSeal.seal(session.x25519(), pin, sessionId, random));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot seal the PIN", e);
        }
        Instant now = clock.instant();
        long amount = ((WalletService.SessionStarted) acceptance).session().amount();
        HostSession paid = session.paid(signature, sealed, amount, now, now.plusSeconds(60L * session.minutes()));
        boolean doubleBooked;
        synchronized (this) {
            doubleBooked = busy();
            save(paid);
        }
        if (doubleBooked) {
            // Another session's payment was accepted at the same moment: this one cannot start, so it is refunded.
            work.execute(() -> failQuietly(paid.id(), "the host started another session at the same time"));
            return new SessionAnswer.Ok(paidJson(paid));
        }
        publish(HostStatus.BUSY);
        work.execute(() -> pair(paid, pin));
        return new SessionAnswer.Ok(paidJson(paid));
    }

    private SessionAnswer payExtension(HostSession session, String quoteId, String signature) throws SQLException {
        Optional<SessionStore.Extension> extension = store.findExtension(quoteId);
        if (extension.isEmpty() || !extension.get().sessionId().equals(session.id())) {
            return new SessionAnswer.Refused(404, "UNKNOWN_QUOTE", "no extension " + quoteId + " of session " + session.id());
        }
        if (extension.get().signature().isPresent()) {
            return extension.get().signature().get().equals(signature) ? new SessionAnswer.Ok(statusJson(session))
                    : new SessionAnswer.Refused(409, "ALREADY_PAID", "extension " + quoteId + " is already paid");
        }
        WalletService.Acceptance acceptance = payments.accept(quoteId, signature);
        if (acceptance instanceof WalletService.PaymentRefused refused) {
            return refused.retryable() ? new SessionAnswer.NotYet(1, refused.reason(), refused.detail())
                    : new SessionAnswer.Refused(402, refused.reason(), refused.detail());
        }
        long amount = ((WalletService.SessionStarted) acceptance).session().amount();
        HostSession extended;
        synchronized (this) {
            HostSession current = store.find(session.id()).orElseThrow();
            if (current.state().terminal()) {
                extended = null;
            } else {
                extended = current.extended(amount, extension.get().minutes());
                store.applyExtension(quoteId, signature, extended);
                notifyListeners(extended);
            }
        }
        payments.endLedgerSessionOf(quoteId);
        if (extended == null) {
            work.execute(() -> owe(session.id(), amount, "the session ended before its extension was paid"));
            return new SessionAnswer.Refused(409, "NOT_RUNNING", "session " + session.id() + " already ended; the extension is refunded");
        }
        return new SessionAnswer.Ok(statusJson(extended));
    }

    /** {@code POST /v1/sessions/{id}/end}: the player stops; no refund for the unused time. */
    public SessionAnswer end(String signer, String sessionId) throws SQLException {
        Optional<HostSession> found = owned(signer, sessionId);
        if (found.isEmpty()) {
            return notYours(sessionId);
        }
        finish(sessionId, SessionState.ENDED, "ended by the player", false);
        return new SessionAnswer.Ok(statusJson(store.find(sessionId).orElseThrow()));
    }

    /** {@code POST /v1/sessions/{id}/status}. */
    public SessionAnswer status(String signer, String sessionId) throws SQLException {
        Optional<HostSession> found = owned(signer, sessionId);
        return found.isEmpty() ? notYours(sessionId) : new SessionAnswer.Ok(statusJson(found.get()));
    }

    /** The host stops a running session before its time: it ends now and the unused time is refunded pro rata. */
    public void endEarly(String sessionId, String why) throws SQLException {
        finish(sessionId, SessionState.ENDED, why, true);
    }

    /**
     * The host is shutting down: every paid session ends now, its client is unpaired and the unused time refunded,
     * so no player keeps a paired client, or paid time, on a host that is gone.
     */
    public void endAllEarly(String why) throws SQLException {
        for (HostSession session : store.open()) {
            if (session.state().occupiesHost()) {
                endEarly(session.id(), why);
            }
        }
    }

    // ---- restart ------------------------------------------------------------------------------

    /** Resumes what the store holds (see {@link #resume}), then checks for sessions past their time every {@code every}. */
    public void start(Duration every) throws SQLException {
        resume();
        synchronized (this) {
            sweep = timer.scheduleWithFixedDelay(() -> work.execute(this::endExpired), every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * After a restart: streaming sessions whose time is left keep running (and end at {@code endsAt}); paid or pairing
     * sessions whose client is not paired failed while the host was down and are refunded; past ones are ended.
     */
    public void resume() throws SQLException {
        boolean occupied = false;
        for (HostSession session : store.open()) {
            switch (session.state()) {
                case QUOTED -> {
                    // A quote can still be paid; it expires on its own.
                }
                case PAID, PAIRING -> {
                    if (clientPaired(session.clientName())) {
                        HostSession streaming = session.withState(SessionState.STREAMING, "resumed after a restart");
                        save(streaming);
                        occupied = true;
                    } else {
                        fail(session.id(), "the host restarted before pairing finished");
                    }
                }
                case STREAMING -> {
                    if (session.endsAt().orElseThrow().isAfter(clock.instant())) {
                        LOG.log(Level.INFO, "resuming session " + session.id() + " until " + session.endsAt().get());
                        occupied = true;
                    } else {
                        finish(session.id(), SessionState.ENDED, "the paid time ran out while the host was down", false);
                    }
                }
                case ENDED, FAILED -> throw new IllegalStateException("open() returned a closed session");
            }
        }
        if (occupied) {
            publish(HostStatus.BUSY);
        }
    }

    // ---- pairing, ending, refunds -------------------------------------------------------------------

    private void pair(HostSession paid, String pin) {
        try {
            if (!move(paid.id(), SessionState.PAIRING, "waiting for Moonlight to pair")) {
                return;
            }
            boolean submitted = sunshine.pairWhenPending(pin, paid.clientName(), settings.pairingTimeout(), PIN_RETRY);
            if (!submitted) {
                fail(paid.id(), "no Moonlight client asked to pair within " + settings.pairingTimeout().toSeconds() + " s");
                return;
            }
            Instant deadline = clock.instant().plus(PAIRED_CHECK);
            while (!clientPaired(paid.clientName())) {
                if (clock.instant().isAfter(deadline)) {
                    fail(paid.id(), "Sunshine did not pair the player's Moonlight (wrong PIN or a pairing error)");
                    return;
                }
                Thread.sleep(PIN_RETRY.toMillis());
            }
            move(paid.id(), SessionState.STREAMING, "paired; streaming");
        } catch (SunshineException e) {
            failQuietly(paid.id(), "Sunshine: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "cannot record the pairing of session " + paid.id(), e);
        }
    }

    private void failQuietly(String id, String why) {
        try {
            fail(id, why);
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "cannot record the failure of session " + id, e);
        }
    }

    private void fail(String id, String why) throws SQLException {
        LOG.log(Level.WARNING, "session " + id + " failed: " + why);
        finish(id, SessionState.FAILED, why, true);
    }

    /**
     * Ends a session: records the state first, then refunds (all of it for a failed session, the unused part when
     * {@code refundUnused}), closes the app, unpairs the session's client, and goes available.
     */
    private void finish(String id, SessionState end, String why, boolean refundUnused) throws SQLException {
        HostSession before;
        synchronized (this) {
            Optional<HostSession> found = store.find(id);
            if (found.isEmpty() || found.get().state().terminal()) {
                return;
            }
            before = found.get();
            if (!before.state().canMoveTo(end)) {
                return;
            }
            long refund = end == SessionState.FAILED ? before.paidMicro() : refundUnused ? unusedPart(before) : 0;
            HostSession ended = before.withState(end, why);
            save(refund > 0 ? ended.owing(refund, newReference()) : ended);
        }
        if (before.state() == SessionState.QUOTED) {
            return;
        }
        // The refund goes out before the stream is closed, so a player whose stream stops finds it already recorded.
        refundDue(id);
        closeAndUnpair(before);
        payments.endLedgerSessionOf(id);
        if (!busy()) {
            publish(HostStatus.AVAILABLE);
        }
    }

    private long unusedPart(HostSession session) {
        long total = 60_000L * session.minutes();
        long left = Math.max(0, Duration.between(clock.instant(), session.endsAt().orElseThrow()).toMillis());
        return Math.min(session.paidMicro(), Math.floorDiv(session.paidMicro() * Math.min(left, total), total));
    }

    private void owe(String id, long micro, String why) {
        try {
            synchronized (this) {
                HostSession current = store.find(id).orElseThrow();
                save(current.owing(micro, newReference()).withState(current.state(), current.detail() + "; " + why));
            }
            refundDue(id);
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "cannot record the refund owed by session " + id, e);
        }
    }

    /**
     * Sends the refund a session owes, once at a time per session; the stored reference makes a retry resume the same
     * transfer rather than pay twice. A failure is recorded and retried later by the sweep.
     */
    private void refundDue(String id) {
        if (!refunding.add(id)) {
            return;
        }
        try {
            HostSession session = store.find(id).orElseThrow();
            if (session.refundDueMicro() <= 0) {
                return;
            }
            lastRefundAttempt.put(id, clock.instant());
            WalletService.PayResult result = payments.refund(session.player(), session.refundDueMicro(), id,
                    session.refundReference().orElseThrow());
            synchronized (this) {
                HostSession current = store.find(id).orElseThrow();
                if (result.ok()) {
                    save(current.refunded(result.signature().orElseThrow()));
                    LOG.log(Level.INFO, "refunded " + current.refundDueMicro() + " micro-USDC of session " + id);
                } else {
                    save(current.withState(current.state(), current.detail() + "; refund of " + current.refundDueMicro()
                            + " not sent yet (" + result.status() + " " + result.detail() + "), retrying"));
                    LOG.log(Level.ERROR, "refund of session " + id + " failed: " + result.status() + " " + result.detail());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.ERROR, "refund of session " + id + " failed; retrying later", e);
        } finally {
            refunding.remove(id);
        }
    }

    private String newReference() {
        return network.shaga.wallet.keys.WalletKey.generate(random).address();
    }

    private void closeAndUnpair(HostSession session) {
        try {
            sunshine.closeApp();
        } catch (SunshineException e) {
            LOG.log(Level.WARNING, "closing the app of session " + session.id() + " failed: " + e.getMessage());
        }
        for (int attempt = 1; attempt <= UNPAIR_ATTEMPTS; attempt++) {
            try {
                for (PairedClient client : sunshine.pairedClients()) {
                    if (client.name().equals(session.clientName())) {
                        sunshine.unpair(client.uuid());
                    }
                }
                return;
            } catch (SunshineException e) {
                LOG.log(Level.ERROR, "unpairing " + session.clientName() + " failed (attempt " + attempt + "): " + e.getMessage());
            }
        }
    }

    private boolean clientPaired(String name) {
        try {
            return sunshine.pairedClients().stream().anyMatch(c -> c.name().equals(name));
        } catch (SunshineException e) {
            LOG.log(Level.WARNING, "cannot list Sunshine's paired clients: " + e.getMessage());
            return false;
        }
    }

    /** Ends every session whose paid time is over, whether or not its player is still there, and retries refunds due. */
    void endExpired() {
        try {
            Instant now = clock.instant();
            for (HostSession session : store.open()) {
                Instant ends = session.endsAt().orElseThrow();
                if (session.state().occupiesHost() && !ends.isAfter(now)) {
                    finish(session.id(), SessionState.ENDED, "the paid time is over", false);
                } else if (session.state() == SessionState.QUOTED && ends.plus(UNPAID_QUOTE_GRACE).isBefore(now)) {
                    finish(session.id(), SessionState.ENDED, "the quote expired unpaid", false);
                }
            }
            for (HostSession owing : store.owingRefunds()) {
                Instant last = lastRefundAttempt.get(owing.id());
                if (owing.state().terminal() && (last == null || last.plus(REFUND_RETRY).isBefore(now))) {
                    refundDue(owing.id());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.ERROR, "cannot end expired sessions", e);
        }
    }

    private synchronized boolean move(String id, SessionState next, String why) throws SQLException {
        HostSession current = store.find(id).orElseThrow();
        if (!current.state().canMoveTo(next)) {
            return false;
        }
        save(current.withState(next, why));
        return true;
    }

    private boolean busy() throws SQLException {
        return store.open().stream().anyMatch(s -> s.state().occupiesHost());
    }

    private void publish(HostStatus status) {
        publishStatus.apply(status).whenComplete((report, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "publishing " + status + " failed", error);
            }
        });
    }

    private synchronized void save(HostSession session) throws SQLException {
        store.save(session);
        notifyListeners(session);
    }

    private void notifyListeners(HostSession session) {
        for (Consumer<HostSession> listener : listeners) {
            try {
                listener.accept(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session listener failed", e);
            }
        }
    }

    private Optional<HostSession> owned(String signer, String sessionId) throws SQLException {
        return store.find(sessionId).filter(s -> s.player().equals(signer));
    }

    private static SessionAnswer notYours(String sessionId) {
        return new SessionAnswer.Refused(404, "UNKNOWN_SESSION", "no session " + sessionId + " of the signing player");
    }

    // ---- answers ------------------------------------------------------------------------------

    private ObjectNode quoteJson(Quote quote) {
        ObjectNode out = json.createObjectNode();
        out.put("id", quote.id());
        out.put("amount", quote.amount());
        out.put("mint", quote.mint());
        out.put("recipient", quote.recipient());
        out.put("recipientAta", TokenAccounts.associated(new PublicKey(quote.recipient()), new PublicKey(quote.mint())).toBase58());
        out.put("reference", quote.reference());
        out.put("memo", quote.memo());
        out.put("minutes", quote.minutes());
        out.put("expiresAt", quote.expiresAt().getEpochSecond());
        return out;
    }

    private ObjectNode paidJson(HostSession session) {
        ObjectNode out = statusJson(session);
        try {
            out.set("pin", json.readTree(session.sealedPin().orElseThrow()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored sealed PIN is not JSON", e);
        }
        out.put("clientName", session.clientName());
        out.putObject("sunshine").put("host", settings.moonlightHost());
        return out;
    }

    private ObjectNode statusJson(HostSession session) {
        ObjectNode out = json.createObjectNode();
        out.put("id", session.id());
        out.put("state", session.state().wireName());
        out.put("minutes", session.minutes());
        out.put("paid", session.paidMicro());
        session.startedAt().ifPresent(t -> out.put("startedAt", t.getEpochSecond()));
        session.endsAt().ifPresent(t -> out.put("endsAt", t.getEpochSecond()));
        out.put("refunded", session.refundMicro());
        session.refundSignature().ifPresent(s -> out.put("refundSignature", s));
        out.put("detail", session.detail());
        return out;
    }

    @Override
    public synchronized void close() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }
}
