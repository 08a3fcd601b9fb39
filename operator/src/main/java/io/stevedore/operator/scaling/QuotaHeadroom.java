package io.stevedore.operator.scaling;

/**
 * How many more worker pods the namespace's ResourceQuotas admit, and which quota and resource
 * admit the fewest.
 */
public record QuotaHeadroom(int pods, String quota, String resource) {}
