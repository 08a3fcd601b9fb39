package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A platform release: a version and the runtime image built for it. */
public class Release {

  /**
   * Release version, e.g. `1.4.2` or `1.4.2-rc.1`; shown in `kubectl get senv` and set as the pods'
   * `app.kubernetes.io/version` label, so it must be a label value (no `+`).
   */
  @Required
  @Pattern(Dns1123.LABEL_VALUE)
  private String version;

  /** The platform-runtime container image of this release, e.g. `registry/runtime:1.4.2`. */
  @Required
  @Pattern("^\\S+$")
  private String image;

  public Release() {}

  public Release(String version, String image) {
    this.version = version;
    this.image = image;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  /** Same version and image. */
  public boolean sameAs(Release other) {
    return other != null
        && Objects.equals(version, other.version)
        && Objects.equals(image, other.image);
  }

  @Override
  public String toString() {
    return version + " (" + image + ")";
  }
}
