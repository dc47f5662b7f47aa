package dev.carrel.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.access.Access;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.devices.AgentsService;
import dev.carrel.hub.devices.EventHistory;
import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.monitoring.AlertsService;
import dev.carrel.hub.monitoring.DeadLettersService;
import dev.carrel.hub.monitoring.HubHealth;
import dev.carrel.hub.monitoring.TelemetryService;
import dev.carrel.hub.passes.SeatCodesService;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The hub's HTTP side, wired by hand from the parts {@link Hub} has started: observability (health with the
 * broker and store checks, Prometheus metrics), the static dashboard and pass page, and each feature's REST
 * routes behind the staff filter.
 */
final class HubWeb {
    private HubWeb() {}

    /** The web server on {@code server}: health and metrics, the dashboard's files, and every feature's routes. */
    static WebServer start(Config root, AgentRegistry registry, ObjectMapper json, Hub.Parts p) {
        Database database = p.database;
        HubMqttClient mqtt = p.mqtt;
        JsonResponses responses = new JsonResponses(json);
        return WebServer.builder()
                .config(root.get("server"))
                .featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(HubHealth.broker(mqtt::connected))
                                .addCheck(HubHealth.store(database, p.writer))
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .addFeature(StaticContentFeature.builder()
                        .addClasspath(
                                cl -> cl.location("web").welcome("index.html").context("/"))
                        .build())
                .routing(r -> {
                    p.staff.routing(r, responses);
                    TelemetryService telemetry = new TelemetryService(p.monitoring.telemetry(), p.clock, responses);
                    r.register("/api/agents", new AgentsService(registry, new EventHistory(database, json), responses))
                            .register("/api/agents", telemetry)
                            .get("/api/telemetry/latest", telemetry::latest)
                            .register(
                                    "/api/alerts",
                                    new AlertsService(p.monitoring.alerts(), p.writer, p.clock, responses))
                            .register(
                                    "/api/dead-letters", new DeadLettersService(p.monitoring.deadLetters(), responses));
                    p.facilities.routing(r, responses);
                    r.register(
                            "/api/spaces",
                            SeatCodesService.of(
                                    p.facilities.spaces()::current, p.access.map(Access::config), responses));
                    p.access.ifPresent(a -> a.routing(r, responses));
                    p.reservations.routing(r, responses);
                    p.analytics.routing(r, responses);
                    p.privacy.routing(r, responses);
                    p.engagement.routing(r, responses, p.access);
                    p.enrolment.routing(
                            r,
                            json,
                            responses,
                            p.brokerUri,
                            root.get("carrel.enrolment.broker-url").asString().asOptional());
                })
                .build()
                .start();
    }
}
