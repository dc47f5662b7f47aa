package dev.carrel.drivers;

/** Whether the gate's release is energised. */
public enum GateState {
    OPEN,
    CLOSED,
    /** Held closed after it reached its maximum open time; see {@link GateActuator}. */
    LOCKED_OUT
}
