package dev.carrel.drivers.config;

/** A configuration error in one endpoint, raised at start-up. The message names both. */
public final class EndpointConfigException extends IllegalArgumentException {

    private final String endpointId;
    private final String key;

    public EndpointConfigException(String endpointId, String key, String problem) {
        super("endpoint '" + endpointId + "': " + (key.isEmpty() ? "" : "setting '" + key + "' ") + problem);
        this.endpointId = endpointId;
        this.key = key;
    }

    public String endpointId() {
        return endpointId;
    }

    /** The offending setting key, or {@code "driver"}; empty when the problem is the whole endpoint. */
    public String key() {
        return key;
    }
}
