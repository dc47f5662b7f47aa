package dev.carrel.protocol;

/** A seat's state in its session (DESIGN §5). */
public enum SeatState {
    FREE,
    RESERVED,
    OCCUPIED,
    AWAY,
    OUT_OF_ORDER
}
