package dev.carrel.hub.enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.Optional;

/** Enrolment as the hub wires it: the store, the logic, and its two HTTP services. */
public final class EnrolmentFeature {
    private final Enrolment enrolment;

    private EnrolmentFeature(Enrolment enrolment) {
        this.enrolment = enrolment;
    }

    public static EnrolmentFeature open(
            Database database, StoreWriter writer, BrokerSeats seats, Enrolment.Site site, Clock clock) {
        return new EnrolmentFeature(new Enrolment(new SqliteEnrolmentStore(database, writer), seats, site, clock));
    }

    /** {@code /api/enrolment} and {@code /api/devices}; see {@link EnrolmentService} for the broker address. */
    public void routing(
            HttpRouting.Builder r,
            ObjectMapper mapper,
            JsonResponses responses,
            String brokerUri,
            Optional<String> advertisedBroker) {
        r.register("/api/enrolment", new EnrolmentService(enrolment, mapper, responses, brokerUri, advertisedBroker))
                .register("/api/devices", new DevicesService(enrolment, responses));
    }

    public Enrolment enrolment() {
        return enrolment;
    }
}
