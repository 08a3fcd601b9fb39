package io.stevedore.sandbox.cluster;

/** Told when the local kubelet has started or stopped a pod's process (e.g. to record its PID). */
public interface PodProcessListener {
  PodProcessListener NONE =
      new PodProcessListener() {
        @Override
        public void started(String pod, ProcessHandle process) {}

        @Override
        public void stopped(String pod, ProcessHandle process) {}
      };

  void started(String pod, ProcessHandle process);

  void stopped(String pod, ProcessHandle process);

  /** The pod's process was found dead without being stopped (it crashed, or was killed). */
  default void exited(String pod, ProcessHandle process) {}
}
