package dev.carrel.drivers.serial;

/** The LD2410's target state byte: 0 none, 1 moving, 2 stationary, 3 both. */
public enum TargetState {
    NONE,
    MOVING,
    STATIONARY,
    MOVING_AND_STATIONARY
}
