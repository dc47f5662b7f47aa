package dev.carrel.hub.live;

import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/stream[?zone=id]}: server-sent events of live changes ({@code seat}, {@code presence},
 * {@code lamp}, {@code outlet}, {@code command}), a {@code :ping} comment every 15 s so proxies keep the
 * connection, and an {@code overflow} event before the stream ends if the client fell too far behind (it
 * should then re-read the state and reconnect). {@code GET /api/spaces/zones/{id}/state}: a zone as
 * reported. Helidon runs each handler on its own virtual thread, so a stream may simply block (STACK §3).
 */
public final class LiveService {
    private static final int QUEUE = 4096;

    private final LiveState state;
    private final ChangeFeed feed;
    private final JsonResponses out;

    public LiveService(LiveState state, ChangeFeed feed, JsonResponses out) {
        this.state = state;
        this.feed = feed;
        this.out = out;
    }

    public void zone(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        Api.guard(
                out,
                res,
                () -> out.send(
                        res, state.zone(id).orElseThrow(() -> new NoSuchElementException("no zone '" + id + "'"))));
    }

    public void stream(ServerRequest req, ServerResponse res) throws InterruptedException {
        String zone = req.query().first("zone").orElse("");
        try (ChangeFeed.Subscription sub = feed.subscribe(QUEUE, zone);
                SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("carrel live").build());
            while (!sub.overflowed()) {
                ChangeFeed.Change change = sub.poll(15, TimeUnit.SECONDS);
                sink.emit(
                        change == null
                                ? SseEvent.builder().comment("ping").build()
                                : SseEvent.builder()
                                        .name(change.name())
                                        .data(change.data())
                                        .build());
            }
            sink.emit(SseEvent.builder().name("overflow").data("{}").build());
        } catch (RuntimeException clientGone) {
            // emit fails once the client has gone: the subscription closes with the try
        }
    }
}
