package dev.carrel.hub.privacy;

import dev.carrel.hub.access.Access;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.protocol.WireJson;
import java.util.List;

/**
 * Registers what the patron registry and the raw events hold about patrons; after an erasure, ends the
 * patron's pass-page sessions and tells the registry's observers (the allow-list push).
 */
public final class PatronPrivacy {
    private PatronPrivacy() {}

    public static void register(Privacy privacy, Access access) {
        register(privacy, access.patrons());
        privacy.onErased(access.extras()::signOut);
    }

    /** The registry and the raw events, and the registry's observers told of each erasure. */
    public static void register(Privacy privacy, Patrons patrons) {
        privacy.registerRegistry(new RegistryData(patrons));
        privacy.register(new RawEvents(patrons.key(), WireJson.mapper()));
        // After the commit: the allow-list distributor pushes the revocations to every online gate.
        privacy.onErased(
                id -> patrons.committed(List.of(new Patrons.Change(id, Patrons.Change.Kind.ERASED, "erasure"))));
    }
}
