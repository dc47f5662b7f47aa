package dev.carrel.protocol;

/**
 * A message value broke a rule of the contract. Thrown by the records' constructors; the codec turns it
 * into a {@link PayloadException} carrying the field's path within the payload.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String reason) {
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
