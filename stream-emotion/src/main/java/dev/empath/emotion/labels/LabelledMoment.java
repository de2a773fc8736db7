package dev.empath.emotion.labels;

/**
 * A label joined with the prediction in force at its moment.
 *
 * @param labelId the label's id, to line up the joins of one label set with two sides' predictions
 * @param playerKey game/player: the unit the held-out split is made by
 * @param inputs the prediction's features, in {@link LabelJoin#INPUTS} order
 * @param truth the labelled emotion
 * @param current the dominant emotion the running model predicted then
 */
public record LabelledMoment(
    String labelId, String playerKey, float[] inputs, String truth, String current) {}
