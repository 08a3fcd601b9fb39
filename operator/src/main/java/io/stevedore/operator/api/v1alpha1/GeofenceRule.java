package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A `geofence` rule: a circle on the globe (great-circle distance); an event inside it gets payload
 * field `tag` set to `name`. Of two matching geofences with the same tag, the later one wins.
 */
public class GeofenceRule {

  /** The value written into the tag field, e.g. `depot`. */
  @Required private String name;

  /** Latitude of the centre, degrees within ±90. */
  @Required
  @Min(-90)
  @Max(90)
  private Double latitude;

  /** Longitude of the centre, degrees within ±180. */
  @Required
  @Min(-180)
  @Max(180)
  private Double longitude;

  /** Radius of the circle in metres; positive. */
  @Required private Double radiusMeters;

  /** The payload field to set, e.g. `zone`. */
  @Required private String tag;

  /** Event types it applies to; unset means every type. */
  @Size(min = 1, max = 100)
  private List<String> types;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Double getLatitude() {
    return latitude;
  }

  public void setLatitude(Double latitude) {
    this.latitude = latitude;
  }

  public Double getLongitude() {
    return longitude;
  }

  public void setLongitude(Double longitude) {
    this.longitude = longitude;
  }

  public Double getRadiusMeters() {
    return radiusMeters;
  }

  public void setRadiusMeters(Double radiusMeters) {
    this.radiusMeters = radiusMeters;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }

  public List<String> getTypes() {
    return types;
  }

  public void setTypes(List<String> types) {
    this.types = types;
  }
}
