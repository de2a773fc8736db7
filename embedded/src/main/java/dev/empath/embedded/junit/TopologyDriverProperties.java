package dev.empath.embedded.junit;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams settings for a {@code TopologyTestDriver}: a service's own settings, with what a driver
 * needs instead. The driver opens no connection, but Streams still requires a bootstrap address.
 *
 * <p>Each driver gets the state directory the test gives it (a JUnit {@code @TempDir}): a default
 * one under {@code java.io.tmpdir} would be shared by every test of that application id.
 */
public final class TopologyDriverProperties {

  /** A bootstrap address for settings that require one; no driver connects to it. */
  public static final String UNUSED_BOOTSTRAP = "unused:9092";

  private TopologyDriverProperties() {}

  /** The service's own Streams settings ({@code KafkaClientConfigs.streams(...)}), adapted. */
  public static Properties adapt(Properties service, Path stateDir) {
    Properties props = new Properties();
    props.putAll(service);
    props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, UNUSED_BOOTSTRAP);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // The driver has no transactions; exactly-once is tested against a broker in the ITs.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    return props;
  }

  /** Only what Streams requires, for a topology that is not one service's. */
  public static Properties minimal(String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    return adapt(props, stateDir);
  }
}
