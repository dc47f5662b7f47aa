package dev.carrel.hub.broker;

import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Connects a test client and subscribes it, the way the real agent copes with the embedded broker: Moquette
 * 0.18.3 can drop a brand-new connection at its first SUBSCRIBE ("SUBSCRIBE received on already closed
 * connection", Paho 32109), a race inside the broker described in docs/mqtt-contract.md. Only that loss, on
 * the first attempt, is retried once on a fresh connection; a refused subscription, a failed connect or a
 * second loss still fail the test.
 */
public final class FirstSubscribe {
    private static final Logger LOG = Logger.getLogger(FirstSubscribe.class.getName());
    private static final long WAIT_MS = 10_000;

    private FirstSubscribe() {}

    /** Returns once every subscription is granted on a live connection. */
    public static void connectAndSubscribe(
            MqttAsyncClient client, MqttConnectionOptions options, MqttSubscription... subscriptions)
            throws MqttException {
        withRetry(client.getClientId(), () -> attempt(client, options, subscriptions));
    }

    /** One connect-and-subscribe of a client, its own way. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws MqttException;
    }

    /**
     * For a client that connects and subscribes its own way (a synchronous client, a listener per
     * subscription): {@code attempt} must connect when the client is not connected, then subscribe. It runs
     * once more on this loss only, as soon as Paho has torn the lost connection down.
     */
    public static void withRetry(String clientId, Attempt attempt) throws MqttException {
        try {
            attempt.run();
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttClientException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
            LOG.warning(() -> "broker dropped " + clientId + " at its first SUBSCRIBE; connecting again");
            long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
            while (true) {
                try {
                    attempt.run();
                    return;
                } catch (MqttException again) {
                    if (again.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
                            || System.nanoTime() > deadline) {
                        throw again;
                    }
                    sleep(10);
                }
            }
        }
    }

    private static void attempt(MqttAsyncClient client, MqttConnectionOptions options, MqttSubscription[] subs)
            throws MqttException {
        connect(client, options);
        IMqttToken token = client.subscribe(subs);
        token.waitForCompletion(WAIT_MS);
        for (int code : token.getReasonCodes()) {
            if (code >= 0x80) {
                throw new IllegalStateException(
                        "broker refused a subscription of " + client.getClientId() + " with reason code " + code);
            }
        }
    }

    /**
     * Paho fails the SUBSCRIBE token of a lost connection before it has finished tearing that connection down,
     * and refuses a connect meanwhile (32102).
     */
    private static void connect(MqttAsyncClient client, MqttConnectionOptions options) throws MqttException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (true) {
            try {
                client.connect(options).waitForCompletion(WAIT_MS);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(10);
            }
        }
    }

    private static void sleep(long millis) throws MqttException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttException(e);
        }
    }
}
