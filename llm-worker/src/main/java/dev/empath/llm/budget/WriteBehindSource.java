package dev.empath.llm.budget;

import redis.clients.jedis.AbstractPipeline;

/** Writes held in memory until {@link WriteBehind} sends them, batched, in one pipeline. */
public interface WriteBehindSource {

  /** Whether any write is held (checked before a connection is taken for a flush). */
  boolean holdsWrites();

  /** Moves every held write into {@code pipeline}; returns how many commands it added. */
  int drainTo(AbstractPipeline pipeline);
}
