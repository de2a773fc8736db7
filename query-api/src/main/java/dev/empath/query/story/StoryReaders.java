package dev.empath.query.story;

import dev.empath.history.progress.Progress;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.history.story.SessionStory;
import dev.empath.history.story.StoryPage;
import dev.empath.history.story.StoryRequest;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.query.problem.ProblemException;
import dev.empath.query.problem.ProblemType;
import dev.empath.schemas.topic.TopicCatalog;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * A small pool of Kafka consumers telling stories, so a request does not pay for a new consumer's
 * metadata fetch. At most {@link #CONCURRENT} stories are read at once: each reads up to six
 * partition ranges, and the blocking executor serves every other endpoint too.
 */
@Singleton
public class StoryReaders {

  static final int CONCURRENT = 4;
  private static final long WAIT_FOR_READER_MS = 10_000;
  // A broker that does not answer fails the request in seconds, not after the client default.
  private static final String KAFKA_TIMEOUT_MS = "10000";
  private static final String CLIENT_PREFIX = "kafka.client.";

  private final EmpathConfig config;
  private final TopicCatalog catalog;
  private final Semaphore permits = new Semaphore(CONCURRENT, true);
  private final BlockingQueue<Reader> idle = new ArrayBlockingQueue<>(CONCURRENT);

  private record Reader(Consumer<byte[], byte[]> consumer, SessionStory story) {}

  /**
   * Connection settings as every client's: {@code kafka.bootstrap.servers} here, {@code
   * kafka.client.*} (security) from {@link EmpathConfig}; topic names carry {@code
   * empath.topic.prefix}.
   */
  public StoryReaders(
      @Nullable @Value("${kafka.bootstrap.servers:}") String bootstrapServers,
      @Value("${empath.topic.prefix:}") String topicPrefix) {
    this.config =
        bootstrapServers == null || bootstrapServers.isBlank()
            ? null
            : withTimeouts(
                EmpathConfig.load().with(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers));
    this.catalog = TopicCatalog.withPrefix(topicPrefix);
  }

  private static EmpathConfig withTimeouts(EmpathConfig config) {
    for (String key :
        new String[] {
          ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG
        }) {
      String name = CLIENT_PREFIX + key;
      if (config.find(name).isEmpty()) {
        config = config.with(name, KAFKA_TIMEOUT_MS);
      }
    }
    return config;
  }

  /** Reads one page of a story on the calling (blocking) thread. */
  public StoryPage read(StoryRequest request) {
    if (config == null) {
      throw new ProblemException(
          ProblemType.TOPICS_UNAVAILABLE,
          "stories are read from Kafka: set kafka.bootstrap.servers");
    }
    acquire();
    Reader reader = null;
    try {
      reader = idle.poll();
      if (reader == null) {
        reader = open();
      }
      StoryPage page = reader.story().read(request, Progress.silent());
      if (!idle.offer(reader)) {
        reader.consumer().close();
      }
      reader = null;
      return page;
    } finally {
      if (reader != null) {
        // A failed read may leave the consumer mid-fetch: a fresh one serves the next request.
        closeQuietly(reader);
      }
      permits.release();
    }
  }

  private void acquire() {
    try {
      if (!permits.tryAcquire(WAIT_FOR_READER_MS, TimeUnit.MILLISECONDS)) {
        throw new ProblemException(
            ProblemType.TOPICS_UNAVAILABLE, "too many stories are being read; retry in a moment");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(
          ProblemType.TOPICS_UNAVAILABLE, "interrupted while waiting to read");
    }
  }

  private Reader open() {
    Consumer<byte[], byte[]> consumer = HistoryConsumers.create(config, "empath-query-api-story");
    return new Reader(consumer, new SessionStory(consumer, catalog));
  }

  private static void closeQuietly(Reader reader) {
    try {
      reader.consumer().close();
    } catch (KafkaException ignored) {
      // Closing a consumer whose broker is gone; nothing more to release.
    }
  }

  @PreDestroy
  void close() {
    Reader r;
    while ((r = idle.poll()) != null) {
      closeQuietly(r);
    }
  }
}
