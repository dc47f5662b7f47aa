package dev.carrel.agent.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells systemd the agent is alive (sd_notify: {@code READY=1}, then {@code WATCHDOG=1} at half the watchdog
 * interval), so a hung agent is restarted, not just a dead one. It pings only while the agent's one-second
 * tick keeps running: a stuck tick thread means seat deadlines stop, and that must restart the service.
 *
 * <p>The JDK has no Unix datagram sockets, which sd_notify uses, so this runs {@code systemd-notify}; the
 * unit therefore says {@code NotifyAccess=all} (the message comes from a child process). Without
 * {@code NOTIFY_SOCKET} in the environment (not under systemd) it does nothing.
 */
public final class Watchdog {
    private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());

    /** Runs one notification; the real one starts {@code systemd-notify}, tests record. */
    public interface Notifier {
        void notify(String state) throws IOException, InterruptedException;
    }

    private final Notifier notifier;
    private final Clock clock;
    private final Supplier<Instant> lastTick;
    private final Duration stale;

    Watchdog(Notifier notifier, Clock clock, Supplier<Instant> lastTick, Duration stale) {
        this.notifier = notifier;
        this.clock = clock;
        this.lastTick = lastTick;
        this.stale = stale;
    }

    /**
     * The watchdog for this process, if systemd asked for one: {@code NOTIFY_SOCKET} set. Its ping period is
     * half of {@code WATCHDOG_USEC} (sd_watchdog_enabled(3)), or none when only readiness is wanted.
     */
    public static Optional<Watchdog> fromEnvironment(Map<String, String> env, Clock clock, Supplier<Instant> lastTick) {
        if (!env.containsKey("NOTIFY_SOCKET")) {
            return Optional.empty();
        }
        return Optional.of(new Watchdog(Watchdog::systemdNotify, clock, lastTick, Duration.ofSeconds(10)));
    }

    /** The interval to ping at, from {@code WATCHDOG_USEC}; empty when systemd set no watchdog. */
    public static Optional<Duration> period(Map<String, String> env) {
        try {
            long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", ""));
            return usec > 0 ? Optional.of(Duration.ofNanos(usec * 1000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void ready() {
        send("READY=1");
    }

    /** Pings systemd if the agent's tick ran recently; stays silent otherwise, so systemd restarts it. */
    public void ping() {
        Instant last = lastTick.get();
        if (Duration.between(last, clock.instant()).compareTo(stale) > 0) {
            LOG.severe(() -> "the agent's tick last ran at " + last + "; not telling systemd it is alive");
            return;
        }
        send("WATCHDOG=1");
    }

    private void send(String state) {
        try {
            notifier.notify(state);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "systemd-notify " + state + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void systemdNotify(String state) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of("systemd-notify", state)).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("systemd-notify did not finish in 5 s");
        }
    }
}
