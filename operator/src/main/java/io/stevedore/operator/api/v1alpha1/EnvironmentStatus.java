package io.stevedore.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed of an Environment. */
public class EnvironmentStatus extends StevedoreStatus {

  /**
   * Version of the release that is fully rolled out: every ingest pod and every worker pod of the
   * environment's pools runs it.
   */
  private String release;

  /** Image of the fully rolled-out release. */
  private String releaseImage;

  /** When the fully rolled-out release became so (RFC 3339); soak time counts from here. */
  private String releaseSince;

  /**
   * The last release that was fully rolled out and not rolled back: verified by a Promotion, or set
   * by hand. A failed verification returns the environment to it.
   */
  private Release lastGoodRelease;

  /** The latest releases set on the environment, newest first (at most 10). */
  private List<ReleaseHistoryEntry> history = new ArrayList<>();

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

  public String getReleaseImage() {
    return releaseImage;
  }

  public void setReleaseImage(String releaseImage) {
    this.releaseImage = releaseImage;
  }

  public String getReleaseSince() {
    return releaseSince;
  }

  public void setReleaseSince(String releaseSince) {
    this.releaseSince = releaseSince;
  }

  public Release getLastGoodRelease() {
    return lastGoodRelease;
  }

  public void setLastGoodRelease(Release lastGoodRelease) {
    this.lastGoodRelease = lastGoodRelease;
  }

  public List<ReleaseHistoryEntry> getHistory() {
    return history;
  }

  public void setHistory(List<ReleaseHistoryEntry> history) {
    this.history = history;
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
