package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WatchJournalTest {
  private static final Predicate<JsonNode> PREMIUM = Selectors.labels("tier=premium");

  private static JsonNode tenant(String name, String tier, long version) {
    return Json.parse(
        "{\"metadata\": {\"name\": \"%s\", \"resourceVersion\": \"%d\", \"labels\": {\"tier\": \"%s\"}}}"
            .formatted(name, version, tier));
  }

  @Test
  void aWatcherSeesWhatEntersChangesAndLeavesItsSelection() {
    var journal = new WatchJournal(100);
    journal.record(new WatchJournal.Change(1, null, tenant("acme", "premium", 1)));
    journal.record(new WatchJournal.Change(2, null, tenant("globex", "standard", 2)));
    journal.record(
        new WatchJournal.Change(3, tenant("acme", "premium", 1), tenant("acme", "premium", 3)));
    journal.record(
        new WatchJournal.Change(
            4, tenant("globex", "standard", 2), tenant("globex", "premium", 4)));
    journal.record(
        new WatchJournal.Change(5, tenant("acme", "premium", 3), tenant("acme", "standard", 5)));
    journal.record(new WatchJournal.Change(6, tenant("globex", "premium", 6), null));

    var page = journal.since(0, PREMIUM).orElseThrow();

    assertThat(page.events())
        .extracting(e -> e.type() + " " + e.object().at("/metadata/name").asText())
        .containsExactly(
            "ADDED acme", "MODIFIED acme", "ADDED globex", "DELETED acme", "DELETED globex");
    assertThat(page.resourceVersion()).isEqualTo(6);
  }

  @Test
  void onlyChangesAfterTheWatchersVersionCount() {
    var journal = new WatchJournal(100);
    journal.record(new WatchJournal.Change(1, null, tenant("acme", "premium", 1)));
    journal.record(
        new WatchJournal.Change(2, tenant("acme", "premium", 1), tenant("acme", "premium", 2)));

    assertThat(journal.since(1, PREMIUM).orElseThrow().events())
        .extracting(WatchJournal.Event::type)
        .containsExactly("MODIFIED");
    var idle = journal.since(2, PREMIUM).orElseThrow();
    assertThat(idle.events()).isEmpty();
    assertThat(idle.resourceVersion()).isEqualTo(2);
  }

  @Test
  void historyThatWasDroppedCannotBeWatchedFrom() {
    var journal = new WatchJournal(2);
    for (long v = 1; v <= 5; v++) {
      journal.record(new WatchJournal.Change(v, null, tenant("t" + v, "premium", v)));
    }
    assertThat(journal.since(2, PREMIUM)).isEmpty();
    assertThat(journal.since(3, PREMIUM).orElseThrow().events()).hasSize(2);
  }
}
