package dev.carrel.agent.gate;

import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A hub a test drives: online or not, answering at once, later, or never; it records every request. */
final class FakeHubAuthoriser implements HubAuthoriser {
    private boolean online = true;
    private Function<AuthorisationRequest, Optional<AuthorisationResponse>> answers = r -> Optional.empty();
    private final List<AuthorisationRequest> requests = new ArrayList<>();
    private final List<CompletableFuture<AuthorisationResponse>> pending = new ArrayList<>();

    synchronized void online(boolean online) {
        this.online = online;
    }

    /** Answers each request at once with what the function gives; empty leaves it unanswered. */
    synchronized void answering(Function<AuthorisationRequest, Optional<AuthorisationResponse>> answers) {
        this.answers = answers;
    }

    @Override
    public synchronized boolean online() {
        return online;
    }

    @Override
    public synchronized CompletableFuture<AuthorisationResponse> authorise(AuthorisationRequest request) {
        requests.add(request);
        CompletableFuture<AuthorisationResponse> f = new CompletableFuture<>();
        pending.add(f);
        answers.apply(request).ifPresent(f::complete);
        return f;
    }

    synchronized List<AuthorisationRequest> requests() {
        return List.copyOf(requests);
    }

    /** The future handed out for the n-th request (cancelled when the gate gave up on it). */
    synchronized CompletableFuture<AuthorisationResponse> future(int n) {
        return pending.get(n);
    }
}
