package dev.carrel.agent.seats;

import dev.carrel.protocol.EventBody;

/** What a seat's session does to the world: power, the "please check in" signal, and events. */
public interface SeatEffects {

    /** Lamp and outlet of the seat on or off together: they follow the session (DESIGN §5). */
    void power(SeatBinding seat, boolean on);

    /** Blinks the seat's lamp as a closing-time warning. */
    void warn(SeatBinding seat);

    /** Presence without a session: ask the person to check in (the reader's attention signal). */
    void attention(SeatBinding seat, boolean on);

    void publish(EventBody event);
}
