package io.stevedore.runtime.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.TenantDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TenantDirectoryFileTest {
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path directory;
  private final AtomicLong modified = new AtomicLong(1_000_000);

  @Test
  void servedGenerationIsTheLoadedDirectorysOnceNoRequestHoldsAnOlderOne() throws Exception {
    write(7, "acme", "globex");
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      assertThat(file.servedGeneration()).isEqualTo(7);

      write(8, "globex");
      assertThat(file.servedGeneration()).isEqualTo(7);
      assertThat(file.reloadIfChanged()).isTrue();

      assertThat(file.servedGeneration()).isEqualTo(8);
      assertThat(file.current().all())
          .extracting(TenantDirectory.Entry::name)
          .containsExactly("globex");
    }
  }

  @Test
  void aRequestLeasedFromAnOlderDirectoryHoldsTheServedGenerationBackUntilItEnds()
      throws Exception {
    write(3, "acme");
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      var inFlight = file.lease();
      var later = file.lease();
      later.close();

      write(4);
      file.reloadIfChanged();
      write(5);
      file.reloadIfChanged();

      // The request authenticated acme against generation 3 and may still publish for it.
      assertThat(inFlight.tenants().all()).extracting(TenantDirectory.Entry::name).contains("acme");
      assertThat(file.servedGeneration()).isEqualTo(3);
      try (var fresh = file.lease()) {
        assertThat(fresh.tenants().generation()).isEqualTo(5);
        assertThat(file.servedGeneration()).isEqualTo(3);
      }
      inFlight.close();
      inFlight.close(); // closing twice releases once
      assertThat(file.servedGeneration()).isEqualTo(5);
    }
  }

  @Test
  void aDirectoryWithoutAGenerationServesGenerationZero() throws Exception {
    Files.writeString(path(), "{\"environment\":\"staging\",\"tenants\":[]}");
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      assertThat(file.servedGeneration()).isZero();
    }
  }

  private Path path() {
    return directory.resolve(TenantDirectory.FILE_NAME);
  }

  private void write(long generation, String... tenants) throws Exception {
    var entries =
        java.util.Arrays.stream(tenants)
            .map(
                name ->
                    new TenantDirectory.Entry(
                        name, "ns", "tenant.ns." + name, "t", 100, 30, List.of("d-" + name), false))
            .toList();
    Files.write(
        path(),
        JsonMapper.shared().writeValueAsBytes(new TenantDirectory("staging", entries, generation)));
    // The file's time is its version: make each write a new one, whatever the clock's resolution.
    Files.setLastModifiedTime(
        path(), FileTime.from(Instant.ofEpochSecond(modified.incrementAndGet())));
  }
}
