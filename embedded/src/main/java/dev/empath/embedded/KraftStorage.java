package dev.empath.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats a KRaft log directory once and recognises it on later starts. */
final class KraftStorage {

  private static final Logger log = LoggerFactory.getLogger(KraftStorage.class);
  private static final String META_PROPERTIES = "meta.properties";

  private KraftStorage() {}

  /**
   * Returns the cluster id stored in {@code logDir}, formatting it first if it is new (with {@code
   * givenClusterId}, or a new one when null: every node of a cluster is formatted with the same),
   * with the SCRAM credentials of {@code scramArguments} (as {@code kafka-storage format
   * --add-scram}). A formatted directory is never reformatted: that would discard the metadata log
   * and every topic with it.
   */
  static String ensureFormatted(
      Path logDir,
      int nodeId,
      String controllerListenerName,
      String givenClusterId,
      List<String> scramArguments) {
    Path meta = logDir.resolve(META_PROPERTIES);
    if (Files.exists(meta)) {
      String clusterId = readClusterId(meta);
      log.debug("Reusing formatted KRaft storage {} (cluster {})", logDir, clusterId);
      return clusterId;
    }
    String clusterId = givenClusterId != null ? givenClusterId : Uuid.randomUuid().toString();
    // The formatter reports progress on a PrintStream; keep it out of stdout and in the log.
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(controllerListenerName)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setScramArguments(scramArguments)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Could not format KRaft storage in " + logDir, e);
    }
    log.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).trim());
    return clusterId;
  }

  private static String readClusterId(Path meta) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + meta, e);
    }
    String clusterId = properties.getProperty("cluster.id");
    if (clusterId == null) {
      throw new IllegalStateException(
          meta + " has no cluster.id; the directory is not KRaft storage");
    }
    return clusterId;
  }
}
