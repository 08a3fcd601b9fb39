package io.stevedore.operator.api.v1alpha1;

/** What the operator observed of an Environment. */
public class EnvironmentStatus extends StevedoreStatus {

  /** Version of the release that the ingest tier has fully rolled out. */
  private String release;

  /** In-cluster URL of the ingest Service that device agents and tests post to. */
  private String ingestUrl;

  /** Ingest pods that are ready. */
  private Integer ingestReadyReplicas;

  public String getRelease() {
    return release;
  }

  public void setRelease(String release) {
    this.release = release;
  }

  public String getIngestUrl() {
    return ingestUrl;
  }

  public void setIngestUrl(String ingestUrl) {
    this.ingestUrl = ingestUrl;
  }

  public Integer getIngestReadyReplicas() {
    return ingestReadyReplicas;
  }

  public void setIngestReadyReplicas(Integer ingestReadyReplicas) {
    this.ingestReadyReplicas = ingestReadyReplicas;
  }
}
