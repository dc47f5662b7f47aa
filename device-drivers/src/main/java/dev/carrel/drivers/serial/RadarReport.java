package dev.carrel.drivers.serial;

/**
 * One LD2410 data frame's target information (basic part; an engineering frame carries the same
 * fields first). Distances in cm, energies 0–100.
 */
public record RadarReport(
        TargetState state,
        int movingDistanceCm,
        int movingEnergy,
        int stillDistanceCm,
        int stillEnergy,
        int detectionDistanceCm) {

    public boolean present() {
        return state != TargetState.NONE;
    }
}
