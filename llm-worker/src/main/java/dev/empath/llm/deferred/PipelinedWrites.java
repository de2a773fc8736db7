package dev.empath.llm.deferred;

import redis.clients.jedis.AbstractPipeline;

/** Writes held in memory until {@link DeferredWrites} sends them, batched, in one pipeline. */
public interface PipelinedWrites {

  /** Whether any write is held (checked before a connection is taken for a flush). */
  boolean holdsWrites();

  /** Moves every held write into {@code pipeline}; returns how many commands it added. */
  int drainTo(AbstractPipeline pipeline);
}
