package dev.empath.cli;

import dev.empath.cli.demo.Playback;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.simulator.TelemetryPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes simulated telemetry to any Kafka. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Publish simulated behaviour and character interactions to a Kafka cluster.")
final class SimulateCommand implements Callable<Integer> {

  @Mixin PlaybackMixin play;

  @Option(
      names = "--bootstrap",
      required = true,
      description = "Kafka bootstrap servers, host:port")
  String bootstrap;

  @Option(
      names = "--topic-prefix",
      defaultValue = "",
      description = "prefix of the topic names (default none)")
  String topicPrefix;

  @Override
  public Integer call() throws InterruptedException {
    if (play.problem() != null) {
      System.err.println(play.problem());
      return 2;
    }
    EmpathConfig config = EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrap));
    Playback playback =
        Playback.plan(
            play.game,
            play.players,
            Duration.ofSeconds(play.durationSeconds),
            System.currentTimeMillis(),
            play.seed);
    System.out.printf(
        "publishing %d events of %d players to %s over %d s%n",
        playback.size(), play.players, bootstrap, play.durationSeconds);
    try (TelemetryPublisher publisher =
        new TelemetryPublisher(
            KafkaClientConfigs.producer(config, "empath-simulate"),
            TopicCatalog.withPrefix(topicPrefix))) {
      playback.play(publisher);
    }
    System.out.printf(
        "published %d behaviour events and %d interactions%n",
        playback.behaviourSent(), playback.interactionsSent());
    return 0;
  }
}
