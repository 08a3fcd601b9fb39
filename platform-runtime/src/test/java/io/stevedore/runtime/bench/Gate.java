package io.stevedore.runtime.bench;

import java.util.concurrent.atomic.AtomicBoolean;

/** Lets a phase's load-generating threads run only while that phase is being measured. */
final class Gate {
  private volatile boolean open;

  synchronized void open() {
    open = true;
    notifyAll();
  }

  void close() {
    open = false;
  }

  /** Returns once the gate is open, or once {@code stop} is set. */
  void pass(AtomicBoolean stop) throws InterruptedException {
    if (open) {
      return;
    }
    synchronized (this) {
      while (!open && !stop.get()) {
        wait(100);
      }
    }
  }
}
