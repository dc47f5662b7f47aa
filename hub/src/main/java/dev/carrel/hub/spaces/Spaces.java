package dev.carrel.hub.spaces;

import dev.carrel.hub.spaces.SpaceModel.Seat;
import dev.carrel.hub.spaces.SpaceModel.Zone;
import dev.carrel.protocol.Endpoint;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current space model: read from memory, changed only by validating a whole new model, storing it, and
 * then swapping it in, so a rejected edit changes nothing anywhere. Edits are serialised; reads never wait.
 */
public final class Spaces {

    /** The endpoints agents announced in their last births, keyed by {@code agent/endpoint}. */
    public interface Births {
        Map<EndpointRef, Endpoint.Kind> endpoints() throws SQLException;
    }

    private final SpaceStore store;
    private final Births births;
    private final List<Consumer<SpaceModel>> listeners = new CopyOnWriteArrayList<>();
    private volatile SpaceModel current;

    private Spaces(SpaceStore store, Births births, SpaceModel current) {
        this.store = store;
        this.births = births;
        this.current = current;
    }

    /**
     * Opens the stored model; if none was ever stored, validates and stores {@code seed} (the space file).
     *
     * @throws dev.carrel.protocol.InvalidFieldException when the seed is invalid, naming the field
     */
    public static Spaces open(SpaceStore store, Births births, SpaceModel seed) throws SQLException {
        var stored = store.load();
        if (stored.isPresent()) {
            return new Spaces(store, births, stored.get());
        }
        SpaceValidator.validate(seed, births.endpoints());
        store.save(seed);
        return new Spaces(store, births, seed);
    }

    public SpaceModel current() {
        return current;
    }

    /** Called with the new model after every committed change. */
    public void onChange(Consumer<SpaceModel> listener) {
        listeners.add(listener);
    }

    /** Creates or replaces a zone; returns true if it was new. */
    public synchronized boolean putZone(Zone zone) throws SQLException {
        boolean created = current.zone(zone.id()).isEmpty();
        replace(current.withZone(zone));
        return created;
    }

    /** @throws IllegalStateException when seats are still in the zone */
    public synchronized void deleteZone(String id) throws SQLException {
        current.zone(id).orElseThrow(() -> new NoSuchElementException("no zone '" + id + "'"));
        int seats = current.seatsIn(id).size();
        if (seats > 0) {
            throw new IllegalStateException(
                    "zone '" + id + "' still has " + seats + " seats; move or delete them first");
        }
        replace(current.withoutZone(id));
    }

    public synchronized boolean putSeat(Seat seat) throws SQLException {
        boolean created = current.seat(seat.id()).isEmpty();
        replace(current.withSeat(seat));
        return created;
    }

    public synchronized void deleteSeat(String id) throws SQLException {
        current.seat(id).orElseThrow(() -> new NoSuchElementException("no seat '" + id + "'"));
        replace(current.withoutSeat(id));
    }

    /** Replaces the whole model (an import). */
    public synchronized void replace(SpaceModel model) throws SQLException {
        SpaceValidator.validate(model, births.endpoints());
        store.save(model);
        current = model;
        listeners.forEach(l -> l.accept(model));
    }
}
