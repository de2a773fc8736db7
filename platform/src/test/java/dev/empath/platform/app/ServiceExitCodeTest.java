package dev.empath.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceExitCodeTest {

  @Test
  void aRefusedPermissionExits2AndAnyOtherFailure1() {
    assertThat(
            ServiceBootstrap.exitCode(
                "app: not authorized: User:svc lacks Read on TOPIC empath.behavior.v1"))
        .isEqualTo(2);
    assertThat(ServiceBootstrap.exitCode("Kafka Streams application app is in state ERROR"))
        .isEqualTo(1);
  }
}
