package dev.carrel.provisioning;

/** Enrolment did not happen; the message says why in the hub's words, or names the local problem. */
public final class EnrolmentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public EnrolmentException(int status, String message) {
        super(message);
        this.status = status;
    }

    public EnrolmentException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The hub's HTTP status, or 0 when the hub was not reached or its answer could not be read. */
    public int status() {
        return status;
    }
}
