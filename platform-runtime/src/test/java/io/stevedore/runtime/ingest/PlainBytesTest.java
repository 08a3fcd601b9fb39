package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-once test agrees with a byte-by-byte one, for every byte at every place. */
class PlainBytesTest {

  @Test
  void flagsExactlyTheBytesThatAreNotPlain() {
    for (int b = 0; b < 256; b++) {
      boolean plain = b >= 0x20 && b < 0x7f && b != '"' && b != '\\';
      for (int at = 0; at < 8; at++) {
        for (byte around : new byte[] {'a', ' ', '~', 0x21}) {
          byte[] word = new byte[8];
          java.util.Arrays.fill(word, around);
          word[at] = (byte) b;
          long value = ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getLong();

          assertThat(PlainBytes.all(value))
              .as("byte %d at %d among %d", b, at, around)
              .isEqualTo(plain);
        }
      }
    }
  }
}
