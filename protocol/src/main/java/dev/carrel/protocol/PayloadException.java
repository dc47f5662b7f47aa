package dev.carrel.protocol;

/**
 * A payload that the contract rejects: not JSON, an unsupported schema version, a missing field, or a value
 * out of range. {@link #field()} names the offending field by its path in the payload ({@code body.score});
 * it is {@code "$"} when the payload as a whole is at fault.
 */
public final class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public PayloadException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
