package io.stevedore.runtime.query;

import java.util.List;

/**
 * One page of a tenant's devices, in device-id order.
 *
 * @param devices the devices
 * @param next cursor for the following page; null on the last page
 */
public record DevicePage(List<Device> devices, String next) {

  /** A device and the timestamp of its newest stored event (null once all have expired). */
  public record Device(String deviceId, String lastEventAt) {}
}
