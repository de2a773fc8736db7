package dev.empath.cli.tool;

import dev.empath.platform.config.EmpathConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the analyst tools find Kafka and Redis: the same configuration the services read (the file
 * named by {@code empath.config.file}, the environment, {@code -D}), with these options on top.
 * Security settings come from {@code kafka.client.*} as for every service.
 */
public final class ToolOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "properties file to read, as empath.config.file (default: none)")
  Path configFile;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description =
          "Kafka bootstrap servers (default: kafka.bootstrap.servers, else localhost:9092)")
  String bootstrap;

  @Option(
      names = "--redis",
      paramLabel = "URL",
      description =
          "Redis URL (default: redis.url, else redis://localhost:6379);"
              + " redis-cluster://host:port,host:port for a Redis Cluster")
  String redis;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      description = "prefix of the topic names (default: empath.topic.prefix, else none)")
  String topicPrefix;

  /** The configuration with these options applied. */
  public EmpathConfig config() {
    Properties system = System.getProperties();
    if (configFile != null) {
      if (!Files.isReadable(configFile)) {
        throw new UserError("cannot read the configuration file " + configFile);
      }
      system = new Properties();
      system.putAll(System.getProperties());
      system.setProperty(EmpathConfig.CONFIG_FILE, configFile.toString());
    }
    EmpathConfig config = EmpathConfig.load(System.getenv(), system);
    if (bootstrap != null) {
      config = config.with(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrap);
    }
    if (redis != null) {
      config = config.with(EmpathConfig.REDIS_URL, redis);
    }
    if (topicPrefix != null) {
      config = config.with(EmpathConfig.TOPIC_PREFIX, topicPrefix);
    }
    return config;
  }
}
