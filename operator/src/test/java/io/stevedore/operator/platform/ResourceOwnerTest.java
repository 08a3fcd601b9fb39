package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceOwnerTest {

  @ParameterizedTest(name = "records {0}, made before {1}: owns {2}, claims {3}")
  @CsvSource({
    "uid-1, false, true, false",
    "uid-1, true, true, false",
    "uid-2, false, false, false",
    "uid-2, true, false, false",
    ", false, false, false",
    ", true, true, true",
  })
  void aResourceIsTheTenantsWhenItRecordsItsUidOrNothingAfterTheTenantHadIt(
      String recorded, boolean madeBefore, boolean owns, boolean claims) {
    var owner = new ResourceOwner("uid-1", madeBefore);
    var record = Optional.ofNullable(recorded);

    assertThat(owner.owns(record)).isEqualTo(owns);
    assertThat(owner.claims(record)).isEqualTo(claims);
    if (owns) {
      owner.require("queue q", record);
    } else {
      assertThatThrownBy(() -> owner.require("queue q", record))
          .isInstanceOf(NameConflictException.class)
          .hasMessageStartingWith("queue q exists and is not this Tenant's (")
          .hasMessageContaining(recorded == null ? "records no owner" : "uid " + recorded);
    }
  }
}
