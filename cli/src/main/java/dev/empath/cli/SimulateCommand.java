package dev.empath.cli;

import dev.empath.cli.demo.Playback;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.simulator.TelemetryPublisher;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes simulated telemetry to any Kafka. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Publish simulated behaviour, character interactions and players' labels to a Kafka"
            + " cluster.")
final class SimulateCommand implements Callable<Integer> {

  @Mixin PlaybackMixin play;

  @Option(
      names = "--bootstrap",
      description =
          "Kafka bootstrap servers, host:port (default: kafka.bootstrap.servers from the"
              + " configuration, as every service reads it; security settings come from"
              + " kafka.client.*)")
  String bootstrap;

  @Option(
      names = "--topic-prefix",
      description = "prefix of the topic names (default: empath.topic.prefix, else none)")
  String topicPrefix;

  @Override
  public Integer call() throws InterruptedException {
    if (play.problem() != null) {
      System.err.println(play.problem());
      return 2;
    }
    EmpathConfig config = EmpathConfig.load();
    if (bootstrap != null) {
      config = config.with(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrap);
    }
    if (topicPrefix != null) {
      config = config.with(EmpathConfig.TOPIC_PREFIX, topicPrefix);
    }
    Playback playback =
        Playback.plan(
            play.game,
            play.players,
            Duration.ofSeconds(play.durationSeconds),
            System.currentTimeMillis(),
            play.seed,
            play.labelling());
    System.out.printf(
        "publishing %d events of %d players to %s over %d s%n",
        playback.size(), play.players, config.kafkaBootstrapServers(), play.durationSeconds);
    try (TelemetryPublisher publisher =
        new TelemetryPublisher(
            KafkaClientConfigs.producer(config, "empath-simulate"),
            ServiceBootstrap.catalog(config))) {
      playback.play(publisher);
    }
    System.out.printf(
        "published %d behaviour events, %d interactions and %d labels%n",
        playback.behaviourSent(), playback.interactionsSent(), playback.labelsSent());
    return 0;
  }
}
