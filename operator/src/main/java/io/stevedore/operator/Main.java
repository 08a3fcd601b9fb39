package io.stevedore.operator;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/** Command line of the operator jar: `run` (production; the sandbox has its own jar). */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    switch (command) {
      case "run" -> run();
      default -> {
        System.err.println(
            """
            usage: stevedore <command>
              run    run the operator against the current kubeconfig
            """);
        System.exit("help".equals(command) ? 0 : 2);
      }
    }
  }

  private static void run() throws InterruptedException {
    var client = new KubernetesClientBuilder().build();
    var operator =
        StevedoreOperator.start(client, OperatorSettings.fromEnvironment(System.getenv()));
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "stevedore-shutdown"));
    stopped.await();
  }
}
