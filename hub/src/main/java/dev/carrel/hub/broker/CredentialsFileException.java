package dev.carrel.hub.broker;

import java.nio.file.Path;

/**
 * The broker credentials file cannot be used; the message names the file and, for a malformed entry, the line.
 * An {@link IllegalArgumentException}, so the hub reports it at start-up like any configuration error.
 */
public final class CredentialsFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    CredentialsFileException(Path file, int line, String reason) {
        super("broker credentials file " + file + ", line " + line + ": " + reason);
    }

    CredentialsFileException(Path file, String reason, Throwable cause) {
        super("broker credentials file " + file + ": " + reason, cause);
    }
}
