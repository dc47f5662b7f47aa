package dev.carrel.drivers.network;

/**
 * The little of MQTT that network devices need: publish, and subscribe with a handler. {@link
 * PahoMqttLink} is the real one. Handlers run on the client's single callback thread: they must
 * not block (Paho rule, STACK.md §5).
 */
public interface MqttLink extends AutoCloseable {

    /** Publishes at QoS 1; when the link is down the message is dropped and false returned. */
    boolean publish(String topic, byte[] payload, boolean retained);

    /** Subscribes at QoS 1 and keeps the subscription across reconnects. */
    void subscribe(String filter, MessageHandler handler);

    boolean connected();

    @Override
    void close();

    /** One received message. */
    @FunctionalInterface
    interface MessageHandler {
        void message(String topic, byte[] payload);
    }
}
