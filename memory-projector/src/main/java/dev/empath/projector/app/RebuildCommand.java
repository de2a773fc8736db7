package dev.empath.projector.app;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.Catalogs;
import dev.empath.projector.config.ProjectorConfigKeys;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.rebuild.Rebuilder;
import dev.empath.schemas.topic.TopicCatalog;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * Rebuilds the read models from the topics into a new keyspace version, switches readers to it and
 * deletes the old version. Safe while the live projector runs: it follows the switch.
 *
 * <p>Configuration as for the projector; {@code empath.projector.rebuild.grace.ms} (default 2000)
 * is the wait between the switch and deleting the old version.
 */
public final class RebuildCommand {

  private RebuildCommand() {}

  public static void main(String[] args) {
    EmpathConfig config = EmpathConfig.load();
    TopicCatalog catalog = Catalogs.from(config);
    try (RedisClient redis = RedisConnections.open(config.redisUrl())) {
      Rebuilder rebuilder =
          new Rebuilder(
              () -> ProjectorClients.assignedConsumer(config),
              redis,
              new ProjectedTopics(catalog),
              ProjectorSettings.from(config),
              Duration.ofMillis(config.get(ProjectorConfigKeys.REBUILD_GRACE_MS)));
      Rebuilder.Result result = rebuilder.rebuild();
      // A command-line tool: its result is its output.
      System.out.printf(
          "rebuilt version %d from %d events; readers switched from version %d; %d old keys"
              + " deleted%n",
          result.to().version(), result.events(), result.from().version(), result.deletedKeys());
    }
  }
}
