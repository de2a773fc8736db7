package dev.empath.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded KRaft broker as a process of its own, on a persistent log dir: {@code BrokerMain
 * --port N --data-dir DIR [--property key=value]...}. It prints {@value #READY}{@code host:port}
 * once it serves, stops cleanly on SIGTERM and, killed with SIGKILL, starts again on the same
 * directory after Kafka's own log recovery. The fault harness runs its broker this way.
 */
public final class BrokerMain {

  public static final String READY = "EMBEDDED KAFKA READY ";

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
    boolean hasDir = false;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(required(args[i], value)));
        case "--data-dir" -> {
          builder.dataDir(Path.of(required(args[i], value)));
          hasDir = true;
        }
        case "--property" -> {
          String property = required(args[i], value);
          int eq = property.indexOf('=');
          if (eq < 1) {
            usage("--property takes key=value, not " + property);
          }
          builder.brokerProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        default -> usage("unknown argument " + args[i]);
      }
      i++;
    }
    if (!hasDir) {
      usage("--data-dir is required: the broker's storage must outlive the process");
    }
    EmbeddedKafka kafka = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                },
                "broker-shutdown"));
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
  }

  private static String required(String option, String value) {
    if (value == null) {
      usage(option + " needs a value");
    }
    return value;
  }

  private static void usage(String problem) {
    System.err.println("BrokerMain: " + problem);
    System.err.println("usage: BrokerMain --port N --data-dir DIR [--property key=value]...");
    System.exit(2);
  }
}
