package io.stevedore.operator;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stevedore.operator.sandbox.Sandbox;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Command line of the operator jar: `run` (production) or `sandbox` (embedded API). */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "run" -> run();
      case "sandbox" -> System.exit(Sandbox.main(rest));
      default -> {
        System.err.println(
            """
            usage: stevedore <command>
              run                       run the operator against the current kubeconfig
              sandbox [--once] [--timeout SECONDS] [--port PORT] [--simulated] [--runtime-jar JAR]
                      [--kubeconfig PATH]
                                        embedded Kubernetes API + operator + example resources
                                        + the platform (--simulated: no platform processes);
                                        writes a kubeconfig for kubectl (default .sandbox/kubeconfig)
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
