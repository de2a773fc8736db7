package dev.empath.platform.app;

import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * What one service adds to the common start-up ({@link ServiceBootstrap}): its name, the topics it
 * needs and how it is built. Everything else (configuration, catalog, provisioning, the operations
 * endpoint, shutdown) is the same for every service.
 */
public interface ServiceDefinition {

  /** Name in logs, client ids and the {@code service} tag of every meter, e.g. stream-emotion. */
  String name();

  /** Every topic the service reads or writes: created when missing, checked when present. */
  List<TopicSpec<?, ?>> topics(TopicCatalog catalog);

  /** Creates the missing topics and checks the others; override to wait for more. */
  default void provision(Admin admin, TopicSettings settings, TopicCatalog catalog) {
    new TopicProvisioner(admin, settings).ensure(topics(catalog));
  }

  /** Builds the service, not yet started; called once its topics exist. */
  RunningService create(ServiceContext context);
}
