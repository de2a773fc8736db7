package dev.empath.readmodel.session;

/**
 * A session of a game and when it was last active.
 *
 * @param sessionId the session
 * @param lastActiveMs time of its latest emotion prediction or narrative decision (event time)
 */
public record ActiveSession(String sessionId, long lastActiveMs) {}
