package dev.carrel.agent.kiosk;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.BookingResponse;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.WireCodec;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Books a seat at the hub, which owns bookings (docs/reservations.md, "At the kiosk"): a
 * {@link BookingRequest} on {@code requests/book} with the agent's {@code responses/book} as Response Topic
 * and fresh Correlation Data (MQTT 5 §4.10), answered within a bounded wait. Offline, without an answer in
 * time, or with a malformed answer, {@link #book} is empty: the kiosk then says booking needs the library
 * system. A late answer is dropped, so a booking the hub made after the kiosk gave up is the patron's to see on
 * the pass page, never half-shown here. Register {@link #onResponse} before the connection starts:
 * {@code connection.onResponse(BookingRequest.NAME, booking::onResponse)}.
 */
public final class HubBooking {
    private static final Logger LOG = Logger.getLogger(HubBooking.class.getName());

    /**
     * How long the kiosk waits for the hub's answer: a booking is one write on the hub (milliseconds), so this
     * only bounds a hub that is up but stuck, while the patron stands at the screen.
     */
    public static final Duration WAIT = Duration.ofSeconds(5);

    /** Sends one request with its correlation data; Paho's publish, in production. */
    @FunctionalInterface
    interface Sender {
        void send(BookingRequest request, byte[] correlationData) throws MqttException;
    }

    private final BooleanSupplier online;
    private final Sender sender;
    private final Duration wait;
    private final WireCodec codec = new WireCodec();
    private final Map<String, CompletableFuture<BookingResponse>> open = new ConcurrentHashMap<>();

    HubBooking(BooleanSupplier online, Sender sender, Duration wait) {
        this.online = online;
        this.sender = sender;
        this.wait = wait;
    }

    /** Requests over the agent's connection, waiting at most {@code wait} for each answer. */
    public static HubBooking over(AgentConnection connection, Duration wait) {
        return new HubBooking(connection::connected, connection::request, wait);
    }

    /** The hub's answer, or empty when the hub cannot be asked or does not answer in time. Blocks. */
    public Optional<BookingResponse> book(BookingRequest request) throws InterruptedException {
        if (!online.getAsBoolean()) {
            return Optional.empty();
        }
        byte[] correlation = new byte[16];
        ThreadLocalRandom.current().nextBytes(correlation);
        String key = HexFormat.of().formatHex(correlation);
        CompletableFuture<BookingResponse> answer = new CompletableFuture<>();
        open.put(key, answer);
        try {
            sender.send(request, correlation);
            return Optional.of(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (MqttException | RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warning(() -> "no booking answer from the hub for " + request.seat() + ": " + e);
            return Optional.empty();
        } finally {
            open.remove(key);
        }
    }

    /** The handler for the agent's {@code responses/book}. */
    public void onResponse(Inbound inbound) {
        CompletableFuture<BookingResponse> answer = inbound.correlationData()
                .map(c -> open.get(HexFormat.of().formatHex(c)))
                .orElse(null);
        if (answer == null) {
            LOG.fine(() -> "booking answer matching no open request on " + inbound.topic() + " dropped");
            return;
        }
        try {
            answer.complete(codec.decode(inbound.topic(), inbound.payload(), BookingResponse.class));
        } catch (PayloadException e) {
            LOG.warning(() -> "malformed booking answer on " + inbound.topic() + ": " + e.getMessage());
            answer.completeExceptionally(e);
        }
    }

    /** Requests waiting for their answer. */
    int open() {
        return open.size();
    }
}
