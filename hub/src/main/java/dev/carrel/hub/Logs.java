package dev.carrel.hub;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** Reads the hub's {@code logging.properties} unless the JVM was given its own. */
public final class Logs {
    private Logs() {}

    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Logs.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("carrel: cannot read logging.properties: " + e.getMessage());
        }
    }
}
