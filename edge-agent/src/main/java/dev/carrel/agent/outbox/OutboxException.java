package dev.carrel.agent.outbox;

/**
 * The outbox cannot do what was asked: its file is corrupt, locked by another process, or the disk refused
 * a write. The message names the file and what to do; nothing was changed by the failed call.
 */
public final class OutboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxException(String message) {
        super(message);
    }
}
