package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A recorded PID stands for a live process only while start time and command line match. */
class RecordedProcessTest {
  private final RecordedProcess self = RecordedProcess.of(ProcessHandle.current());

  @Test
  void aLiveProcessWithTheRecordedStartAndCommandIsTheRecordedOne() {
    assertThat(RecordedProcess.parse(self.format()).running()).contains(ProcessHandle.current());
  }

  @Test
  void aProcessThatReusedThePidIsNotTheRecordedOne() {
    var startedElsewhen =
        new RecordedProcess(self.pid(), self.start().minus(Duration.ofSeconds(1)), self.command());
    var otherCommand = new RecordedProcess(self.pid(), self.start(), self.command() + " other");

    assertThat(startedElsewhen.running()).isEmpty();
    assertThat(otherCommand.running()).isEmpty();
  }

  @Test
  void anEndedProcessIsNotRunning() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    var recorded = RecordedProcess.of(sleeper.toHandle());
    assertThat(recorded.running()).isPresent();

    sleeper.destroy();
    sleeper.waitFor(10, TimeUnit.SECONDS);

    assertThat(recorded.running()).isEmpty();
  }
}
