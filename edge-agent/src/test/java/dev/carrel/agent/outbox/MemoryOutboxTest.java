package dev.carrel.agent.outbox;

class MemoryOutboxTest extends OutboxContract {
    @Override
    Outbox create(OutboxBudget budget) {
        return new MemoryOutbox(budget);
    }
}
