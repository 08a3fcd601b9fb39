package io.stevedore.runtime.ingest.ratelimit;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one ingest pod tells the others every reporting interval: the events per second each tenant
 * asked of it (accepted or refused) over the last window; tenants that asked nothing are left out.
 *
 * @param pod the reporting pod's id (its pod name)
 * @param demand events per second by tenant ("namespace/name")
 */
public record DemandReport(String pod, Map<String, Double> demand) {
  private static final JsonMapper JSON = JsonMapper.shared();

  public DemandReport {
    demand = Map.copyOf(demand);
  }

  public byte[] encode() {
    return JSON.writeValueAsBytes(this);
  }

  /** The report in {@code body}; throws if it is not one. */
  public static DemandReport decode(byte[] body) {
    DemandReport report = JSON.readValue(body, DemandReport.class);
    if (report.pod() == null || report.pod().isBlank()) {
      throw new IllegalArgumentException("a demand report names its pod");
    }
    return report;
  }
}
