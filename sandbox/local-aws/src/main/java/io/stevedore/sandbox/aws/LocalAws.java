package io.stevedore.sandbox.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/** What every client of the local AWS stand-ins shares: a region and keys they accept (any). */
public final class LocalAws {
  public static final Region REGION = Region.EU_WEST_1;

  private LocalAws() {}

  /** {@code builder} pointed at {@code endpoint} in {@link #REGION} with throwaway keys. */
  public static <B extends AwsClientBuilder<B, ?>> B client(B builder, String endpoint) {
    return builder
        .endpointOverride(URI.create(endpoint))
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
  }

  /**
   * Gives clients in this process that use the default credential chain and region (as the operator
   * and the runtime do) keys the stand-ins accept; what is already set is kept.
   */
  static void offerDefaultCredentials() {
    setIfAbsent("aws.accessKeyId", "local");
    setIfAbsent("aws.secretAccessKey", "local");
    setIfAbsent("aws.region", REGION.id());
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
