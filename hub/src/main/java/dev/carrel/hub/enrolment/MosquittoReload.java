package dev.carrel.hub.enrolment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends SIGHUP to the Mosquitto whose pid is in {@code pidFile}: Mosquitto then re-reads its password and ACL
 * files (mosquitto.conf(5), "SIGHUP"). The hub's user must be allowed to signal it: the same user, or root.
 */
public final class MosquittoReload implements MosquittoSeats.Reload {
    private static final Logger LOG = Logger.getLogger(MosquittoReload.class.getName());

    private final Path pidFile;

    public MosquittoReload(Path pidFile) {
        this.pidFile = pidFile;
    }

    @Override
    public void reload() {
        String pid;
        try {
            pid = Files.readString(pidFile).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Mosquitto's pid file " + pidFile + ": " + e, e);
        }
        if (!pid.matches("[0-9]{1,10}")) {
            throw new IllegalStateException("Mosquitto's pid file " + pidFile + " holds '" + pid + "', not a pid");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", pid).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -HUP " + pid + " (Mosquitto, from " + pidFile + ") failed");
            }
            LOG.info(() -> "asked Mosquitto (pid " + pid + ") to re-read its password and ACL files");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -HUP " + pid + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading Mosquitto", e);
        }
    }
}
