package io.stevedore.operator.broker;

import java.util.List;

/**
 * What a tenant's queues are on the broker.
 *
 * @param missing the queues that did not exist (when returned by a declaration: those it created)
 * @param declaredAs how the existing queues are declared, for people, e.g. `quorum queues (delivery
 *     limit 20)`, or the classic queues kept where the Environment asks for quorum
 */
public record QueueSurvey(List<String> missing, String declaredAs) {}
