package dev.empath.readmodel.character;

/**
 * One thing a character remembers about a player.
 *
 * @param kind interaction kind (talk, help, gift, betray, ...)
 * @param impact -1 (hostile) .. 1 (warm)
 * @param importance 0..1, from the kind and the size of the impact
 */
public record Memory(
    String eventId,
    String kind,
    String summary,
    String playerText,
    double impact,
    double importance,
    long timestampMs,
    String sessionId,
    String sceneId) {}
