package dev.carrel.hub.spaces;

import dev.carrel.hub.spaces.SpaceModel.Seat;
import dev.carrel.hub.spaces.SpaceModel.Zone;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Endpoint.Kind;
import dev.carrel.protocol.InvalidFieldException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a whole {@link SpaceModel} before it is stored: unique ids, every parent present, and every bound
 * endpoint known, of the right kind, and bound once.
 *
 * <p>An endpoint is <em>known</em> when the model's {@code agents} section declares it, or when an agent
 * announced it in its last birth. Declaring is what lets a site load its model before any Pi is installed;
 * accepting births too means a new device does not need a file edit before staff can bind it. The first
 * problem found is thrown as an {@link InvalidFieldException} whose field is the path in the model, e.g.
 * {@code seats[desk-01].lamp}, and whose reason names both the seat and the endpoint.
 */
public final class SpaceValidator {
    private static final Set<Kind> LAMPS = Set.of(Kind.LAMP, Kind.DIMMABLE_LAMP);

    private SpaceValidator() {}

    /** The endpoints a model may bind: those it declares, plus those in {@code announced} (agents' births). */
    public static Map<EndpointRef, Kind> known(SpaceModel model, Map<EndpointRef, Kind> announced) {
        Map<EndpointRef, Kind> known = new HashMap<>(announced);
        model.agents().forEach((agent, endpoints) -> {
            for (Endpoint e : endpoints) {
                known.put(new EndpointRef(agent, e.id()), e.kind());
            }
        });
        return known;
    }

    public static void validate(SpaceModel model, Map<EndpointRef, Kind> announced) {
        unique("sites", model.sites(), SpaceModel.Site::id);
        unique("buildings", model.buildings(), SpaceModel.Building::id);
        unique("floors", model.floors(), SpaceModel.Floor::id);
        unique("zones", model.zones(), Zone::id);
        unique("seats", model.seats(), Seat::id);
        unique("gates", model.gates(), SpaceModel.Gate::id);
        for (var b : model.buildings()) {
            parent("buildings[" + b.id() + "].site", "site", b.siteId(), model.site(b.siteId()));
        }
        for (var f : model.floors()) {
            parent("floors[" + f.id() + "].building", "building", f.buildingId(), model.building(f.buildingId()));
        }
        for (var z : model.zones()) {
            parent("zones[" + z.id() + "].floor", "floor", z.floorId(), model.floor(z.floorId()));
        }
        for (var s : model.seats()) {
            parent("seats[" + s.id() + "].zone", "zone", s.zoneId(), model.zone(s.zoneId()));
        }
        for (var g : model.gates()) {
            parent("gates[" + g.id() + "].building", "building", g.buildingId(), model.building(g.buildingId()));
        }
        new Bindings(known(model, announced)).check(model);
    }

    private static String wire(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static <T> void unique(String field, List<T> items, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(id.apply(item))) {
                throw new InvalidFieldException(field, "id '" + id.apply(item) + "' is used twice");
            }
        }
    }

    private static void parent(String field, String what, String id, Optional<?> found) {
        if (found.isEmpty()) {
            throw new InvalidFieldException(field, "names " + what + " '" + id + "', which does not exist");
        }
    }

    /** Checks each binding once, remembering who holds each endpoint so a double binding is caught. */
    private static final class Bindings {
        private final Map<EndpointRef, Kind> known;
        private final Map<EndpointRef, String> holders = new HashMap<>();

        Bindings(Map<EndpointRef, Kind> known) {
            this.known = known;
        }

        void check(SpaceModel model) {
            for (Seat s : model.seats()) {
                String owner = "seat '" + s.id() + "'";
                String at = "seats[" + s.id() + "].";
                s.lamp().ifPresent(r -> bind(at + "lamp", owner, r, LAMPS));
                s.outlet().ifPresent(r -> bind(at + "outlet", owner, r, Set.of(Kind.OUTLET)));
                s.sensor().ifPresent(r -> bind(at + "sensor", owner, r, Set.of(Kind.PRESENCE_SENSOR)));
                s.reader().ifPresent(r -> bind(at + "reader", owner, r, Set.of(Kind.CREDENTIAL_READER)));
            }
            for (Zone z : model.zones()) {
                String owner = "zone '" + z.id() + "'";
                String at = "zones[" + z.id() + "].";
                z.fixtures().lamps().forEach(r -> bind(at + "lamps", owner, r, LAMPS));
                z.fixtures().outlets().forEach(r -> bind(at + "outlets", owner, r, Set.of(Kind.OUTLET)));
                z.fixtures().sensors().forEach(r -> bind(at + "sensors", owner, r, Set.of(Kind.PRESENCE_SENSOR)));
                z.fixtures().readers().forEach(r -> bind(at + "readers", owner, r, Set.of(Kind.CREDENTIAL_READER)));
            }
            for (var g : model.gates()) {
                String owner = "gate '" + g.id() + "'";
                g.gate().ifPresent(r -> bind("gates[" + g.id() + "].gate", owner, r, Set.of(Kind.GATE)));
                g.readers()
                        .forEach(r -> bind("gates[" + g.id() + "].readers", owner, r, Set.of(Kind.CREDENTIAL_READER)));
            }
        }

        private void bind(String field, String owner, EndpointRef ref, Set<Kind> kinds) {
            Kind kind = known.get(ref);
            if (kind == null) {
                throw new InvalidFieldException(
                        field,
                        owner + " is bound to endpoint '" + ref
                                + "', which no agent declares in the agents section or announced in its birth");
            }
            if (!kinds.contains(kind)) {
                throw new InvalidFieldException(
                        field,
                        owner + " is bound to endpoint '" + ref + "', which is a " + wire(kind) + ", not a "
                                + (kinds.contains(Kind.LAMP)
                                        ? "lamp"
                                        : wire(kinds.iterator().next())));
            }
            String before = holders.putIfAbsent(ref, owner);
            if (before != null) {
                throw new InvalidFieldException(
                        field, owner + " is bound to endpoint '" + ref + "', which " + before + " already uses");
            }
        }
    }
}
