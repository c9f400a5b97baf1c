package dev.lanes.core.gate;

/**
 * Nearly every point moved by a similar ratio: a slower or faster machine (a different
 * CI runner, a neighbour, a frequency change) rather than a change of the program.
 *
 * @param medianRatio the typical ratio of the points that moved together
 * @param moved       how many of {@code compared} points moved with it
 */
public record Drift(double medianRatio, int moved, int compared) {
}
