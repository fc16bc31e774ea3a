package network.shaga.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.shaga.app.stream.Moonlight;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.stream.StreamOptions;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.pay.PaymentPreview;
import network.shaga.wallet.pay.PaymentRequest;
import org.p2p.solanaj.core.PublicKey;

/**
 * The player's journey (flow F9): quote → fee preview → pay → confirmed → verified by the host → PIN unsealed →
 * Moonlight pairs → stream launched → countdown → end. Each step is reported to a {@link Listener} with the time since
 * "Rent" was pressed, so the GUI and {@code shaga play} can show it.
 */
public final class RentFlow {
    private static final int MAX_PAYMENT_POLLS = 60;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final WalletService wallet;
    private final WalletKey key;
    private final MoonlightLocator locator;
    private final Clock clock;
    private final java.net.http.HttpClient http;

    public RentFlow(WalletService wallet, WalletKey key, MoonlightLocator locator, Clock clock, java.net.http.HttpClient http) {
        this.wallet = wallet;
        this.key = key;
        this.locator = locator;
        this.clock = clock;
        this.http = http;
    }

    /** The steps of the journey, in order. */
    public enum Step {
        QUOTED, FEE_PREVIEWED, PAID, VERIFIED_BY_HOST, PIN_UNSEALED, MOONLIGHT_MISSING, PAIRED, STREAMING, COUNTDOWN, EXTENDED, ENDED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** One reported step: what happened, how long after "Rent" was pressed, and its facts (amounts, ids...). */
    public record Progress(Step step, Duration elapsed, String detail, Map<String, Object> facts) {
    }

    /** Receives each step as it happens, on the flow's thread. */
    public interface Listener {
        void onProgress(Progress progress);
    }

    /**
     * What to rent and how to stream it.
     *
     * @param moonlight an explicit Moonlight binary, else it is looked up
     * @param pairTimeout how long Moonlight may take to pair
     */
    public record Options(int minutes, Optional<Path> moonlight, StreamOptions stream, Duration pairTimeout) {
    }

    /** Where the host is: its API endpoint, its key (its wallet address), and its price from its signed record. */
    public record Target(java.net.InetSocketAddress api, String hostAddress, long priceMicroUsdcPerHour) {
    }

    /** A session that got as far as it could: streaming, or stopped at a step with the reason and what to do. */
    public sealed interface Outcome permits Streaming, Stopped {
    }

    /** The stream runs; {@link #awaitEnd} follows it to the end. */
    public record Streaming(RentedSession session) implements Outcome {
    }

    public record Stopped(Step step, String reason, Optional<String> sessionId) implements Outcome {
    }

    /** Runs the journey up to the launched stream. */
    public Outcome rent(Target target, Options options, Listener listener) throws IOException, InterruptedException, SQLException {
        long started = System.nanoTime();
        Reporter report = (step, detail, facts) -> listener.onProgress(new Progress(step, Duration.ofNanos(System.nanoTime() - started),
                detail, facts));
        HostApiClient api = new HostApiClient(target.api(), target.hostAddress(), Ed25519KeyPair.fromSeed(key.seed()), clock, http);
        KeyPair pinKey = PinSeal.newPlayerKey();
        ObjectNode ask = JSON.createObjectNode()
                .put("player", key.address()).put("minutes", options.minutes()).put("x25519", PinSeal.publicKeyBase64(pinKey));
        HostApiClient.Reply quoted = api.post(SessionApi.PREFIX, ask);
        if (!quoted.ok()) {
            return stop(report, Step.QUOTED, "the host gave no quote: " + quoted.describe(), null);
        }
        ObjectNode quote = quoted.body();
        String id = quote.path("id").asText();
        Optional<String> wrong = checkQuote(quote, target, options.minutes(), id)
                .or(() -> quote.path("mint").asText().equals(wallet.usdcMint().toBase58()) ? Optional.empty()
                        : Optional.of("the quote asks for mint " + quote.path("mint").asText() + ", not this cluster's USDC "
                                + wallet.usdcMint().toBase58() + "; is the host on another network?"));
        if (wrong.isPresent()) {
            return stop(report, Step.QUOTED, wrong.get(), id);
        }
        report.step(Step.QUOTED, "quote " + id + ": " + quote.get("amount").asLong() + " micro-USDC for " + options.minutes() + " min",
                facts("session", id, "amount", quote.get("amount").asLong()));
        PaymentRequest request = new PaymentRequest(new PublicKey(quote.get("recipient").asText()), wallet.usdcMint(),
                quote.get("amount").asLong(), new PublicKey(quote.get("reference").asText()), quote.get("memo").asText());
        PaymentPreview preview = wallet.previewPayment(key.address(), request);
        report.step(Step.FEE_PREVIEWED, "fee " + preview.feeLamports() + " lamports; USDC after " + preview.tokenAfter(),
                facts("fee_lamports", preview.feeLamports(), "usdc_after", preview.tokenAfter(), "sol_after", preview.solAfter()));
        if (!preview.affordable()) {
            return stop(report, Step.FEE_PREVIEWED, "not enough funds: USDC after " + preview.tokenAfter() + ", SOL after "
                    + preview.solAfter() + " lamports; fund the wallet first", id);
        }
        WalletService.PayResult paid = wallet.payWith(key, request);
        if (!paid.ok()) {
            return stop(report, Step.PAID, "payment " + paid.status() + ": " + paid.detail(), id);
        }
        report.step(Step.PAID, "confirmed in " + paid.confirmedMillis() + " ms", facts("signature", paid.signature().orElseThrow(),
                "confirmed_ms", paid.confirmedMillis()));
        HostApiClient.Reply accepted = submitPayment(api, id, null, paid.signature().orElseThrow());
        if (!accepted.ok()) {
            return stop(report, Step.VERIFIED_BY_HOST, "the host did not accept the payment: " + accepted.describe(), id);
        }
        Instant endsAt = Instant.ofEpochSecond(accepted.body().path("endsAt").asLong());
        report.step(Step.VERIFIED_BY_HOST, "session runs until " + endsAt, facts("ends_at", endsAt.toString()));
        String pin;
        try {
            JsonNode sealed = accepted.body().path("pin");
            pin = PinSeal.open(pinKey, new PinSeal.Sealed(sealed.path("ephemeralKey").asText(), sealed.path("nonce").asText(),
                    sealed.path("ciphertext").asText()), id);
        } catch (GeneralSecurityException e) {
            return stop(report, Step.PIN_UNSEALED, "the PIN from the host cannot be opened: " + e.getMessage(), id);
        }
        report.step(Step.PIN_UNSEALED, "PIN received", Map.of());
        String sunshineHost = accepted.body().path("sunshine").path("host").asText();
        Optional<network.shaga.app.stream.MoonlightInstallation> found = locator.locate(options.moonlight().orElse(null));
        if (found.isEmpty()) {
            String pairLine = "moonlight pair " + sunshineHost + " --pin " + pin;
            report.step(Step.MOONLIGHT_MISSING, "Moonlight is not installed. " + locator.installHint()
                    + " Then pair with: " + pairLine, facts("pair_command", pairLine, "install", locator.installHint()));
            return new Stopped(Step.MOONLIGHT_MISSING, "Moonlight is not installed; pair with: " + pairLine, Optional.of(id));
        }
        Moonlight moonlight = new Moonlight(found.get());
        long pairStarted = System.nanoTime();
        Moonlight.CommandResult pairing = moonlight.pair(sunshineHost, pin, options.pairTimeout());
        if (!moonlight.isPaired(sunshineHost, Duration.ofSeconds(15))) {
            return stop(report, Step.PAIRED, "Moonlight did not pair with " + sunshineHost + ": " + pairing.output().strip()
                    + " (the host refunds a session that cannot start)", id);
        }
        Duration pairTime = Duration.ofNanos(System.nanoTime() - pairStarted);
        report.step(Step.PAIRED, "paired with " + sunshineHost, facts("pair_ms", pairTime.toMillis()));
        Process stream = moonlight.stream(sunshineHost, options.stream());
        Duration launched = Duration.ofNanos(System.nanoTime() - started).minus(pairTime);
        report.step(Step.STREAMING, "Moonlight launched " + options.stream().app(), facts("launch_ms_excluding_pairing", launched.toMillis()));
        return new Streaming(new RentedSession(id, api, stream, endsAt, launched, report, clock));
    }

    private static HostApiClient.Reply submitPayment(HostApiClient api, String id, String quote, String signature)
            throws IOException, InterruptedException {
        HostApiClient.Reply reply = null;
        for (int poll = 0; poll < MAX_PAYMENT_POLLS; poll++) {
            ObjectNode body = JSON.createObjectNode().put("signature", signature);
            if (quote != null) {
                body.put("quote", quote);
            }
            reply = api.post(SessionApi.PREFIX + "/" + id + "/payment", body);
            if (reply.status() != 202) {
                return reply;
            }
            Thread.sleep(Math.min(5, reply.retryAfterSeconds().orElse(1)) * 250L);
        }
        return reply;
    }

    private static Optional<String> checkQuote(ObjectNode quote, Target target, int minutes, String id) {
        if (!quote.path("recipient").asText().equals(target.hostAddress())) {
            return Optional.of("the quote pays " + quote.path("recipient").asText() + ", not the host's wallet " + target.hostAddress());
        }
        long fair = SessionSettings.priceOf(target.priceMicroUsdcPerHour(), minutes);
        if (!quote.path("amount").canConvertToLong() || quote.get("amount").asLong() > fair) {
            return Optional.of("the quote asks " + quote.path("amount").asText() + " micro-USDC, more than the published price ("
                    + fair + ")");
        }
        if (!quote.path("memo").asText().equals("shaga:" + id) || !quote.path("reference").isTextual()) {
            return Optional.of("the quote's memo or reference is malformed");
        }
        return Optional.empty();
    }

    private static Outcome stop(Reporter report, Step step, String reason, String id) {
        report.step(Step.FAILED, reason, facts("at", step.wireName()));
        return new Stopped(step, reason, Optional.ofNullable(id));
    }

    private static Map<String, Object> facts(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private interface Reporter {
        void step(Step step, String detail, Map<String, Object> facts);
    }

    /** A launched session: follows the countdown, extends, and ends it. */
    public static final class RentedSession {
        private final String id;
        private final HostApiClient api;
        private final Process stream;
        private final Duration launchedAfter;
        private final Reporter report;
        private final Clock clock;
        private Instant endsAt;

        private RentedSession(String id, HostApiClient api, Process stream, Instant endsAt, Duration launchedAfter, Reporter report,
                Clock clock) {
            this.id = id;
            this.api = api;
            this.stream = stream;
            this.endsAt = endsAt;
            this.launchedAfter = launchedAfter;
            this.report = report;
            this.clock = clock;
        }

        public String id() {
            return id;
        }

        public Process stream() {
            return stream;
        }

        public synchronized Instant endsAt() {
            return endsAt;
        }

        /** Time from "Rent" to Moonlight launched, without Moonlight's own pairing. */
        public Duration launchedAfter() {
            return launchedAfter;
        }

        /** The host's view of the session ({@code state}, {@code endsAt}, {@code refunded}...). */
        public HostApiClient.Reply status() throws IOException, InterruptedException {
            return api.post(SessionApi.PREFIX + "/" + id + "/status", JSON.createObjectNode());
        }

        /** Buys {@code minutes} more: a new quote, paid like the first. */
        public HostApiClient.Reply extend(WalletService wallet, WalletKey key, int minutes) throws IOException, InterruptedException, SQLException {
            HostApiClient.Reply quoted = api.post(SessionApi.PREFIX + "/" + id + "/extend",
                    JSON.createObjectNode().put("minutes", minutes));
            if (!quoted.ok()) {
                return quoted;
            }
            ObjectNode quote = quoted.body();
            PaymentRequest request = new PaymentRequest(new PublicKey(quote.get("recipient").asText()), wallet.usdcMint(),
                    quote.get("amount").asLong(), new PublicKey(quote.get("reference").asText()), quote.get("memo").asText());
            WalletService.PayResult paid = wallet.payWith(key, request);
            if (!paid.ok()) {
                throw new IOException("paying the extension failed: " + paid.status() + " " + paid.detail());
            }
            HostApiClient.Reply reply = submitPayment(api, id, quote.get("id").asText(), paid.signature().orElseThrow());
            if (reply.ok()) {
                synchronized (this) {
                    endsAt = Instant.ofEpochSecond(reply.body().path("endsAt").asLong());
                }
                report.step(Step.EXTENDED, "extended by " + minutes + " min until " + endsAt(), facts("ends_at", endsAt().toString()));
            }
            return reply;
        }

        /** Asks the host to end the session now (no refund for unused time) and stops Moonlight. */
        public HostApiClient.Reply end() throws IOException, InterruptedException {
            HostApiClient.Reply reply = api.post(SessionApi.PREFIX + "/" + id + "/end", JSON.createObjectNode());
            stream.destroy();
            report.step(Step.ENDED, "ended by the player", facts("state", reply.body().path("state").asText()));
            return reply;
        }

        /**
         * Waits while Moonlight streams, reporting the time left every {@code tick}. When the stream stops, asks the host
         * why: if the session still runs, the player closed Moonlight early and the session is ended; otherwise the
         * host ended it (paid time over, or the host stopped and refunded the rest) and that is reported.
         */
        public void awaitEnd(Duration tick) throws IOException, InterruptedException {
            while (stream.isAlive()) {
                long left = Math.max(0, Duration.between(clock.instant(), endsAt()).toSeconds());
                report.step(Step.COUNTDOWN, left + " s left", facts("seconds_left", left));
                stream.waitFor(tick.toMillis(), TimeUnit.MILLISECONDS);
            }
            HostApiClient.Reply status;
            try {
                status = status();
            } catch (IOException e) {
                report.step(Step.ENDED, "the stream stopped and the host does not answer (" + e + ")", facts("state", "unknown"));
                return;
            }
            String state = status.body().path("state").asText();
            if (state.equals("streaming") || state.equals("pairing") || state.equals("paid")) {
                end();
            } else {
                report.step(Step.ENDED, status.body().path("detail").asText(state), facts("state", state,
                        "refunded", status.body().path("refunded").asLong()));
            }
        }
    }
}
