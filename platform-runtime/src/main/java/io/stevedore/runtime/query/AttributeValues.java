package io.stevedore.runtime.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB attribute values back to plain JSON-able Java values. */
final class AttributeValues {
  private AttributeValues() {}

  static Object toJava(AttributeValue value) {
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return null;
    }
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      BigDecimal number = new BigDecimal(value.n());
      return number.scale() <= 0 ? (Object) number.toBigIntegerExact() : number;
    }
    if (value.bool() != null) {
      return value.bool();
    }
    if (value.hasM()) {
      return toJava(value.m());
    }
    if (value.hasL()) {
      List<Object> list = new ArrayList<>();
      value.l().forEach(v -> list.add(toJava(v)));
      return list;
    }
    if (value.hasSs()) {
      return value.ss();
    }
    return null;
  }

  static Map<String, Object> toJava(Map<String, AttributeValue> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put(k, toJava(v)));
    return result;
  }
}
