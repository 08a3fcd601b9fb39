/**
 * What Environments and Promotions both need to know about releases: the claim a Promotion leaves
 * on the Environment it sets, and the chain of environments releases move along. {@code promotion/}
 * and {@code environment/} build on this package; it depends on neither, and {@code environment/}
 * never depends on {@code promotion/} (PackageLayeringTest).
 */
package io.stevedore.operator.release;
