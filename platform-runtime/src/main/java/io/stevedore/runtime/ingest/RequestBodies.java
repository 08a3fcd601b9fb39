package io.stevedore.runtime.ingest;

import io.stevedore.runtime.web.ApiProblem;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a size limit, never holding more than the limit in memory. */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * The body of a request; 413 when it is longer than {@code maxBytes}, decided from Content-Length
   * before reading when the client sent one, and while reading otherwise (chunked bodies).
   *
   * @param contentLength the declared length, or -1 when unknown
   */
  public static byte[] read(InputStream in, long contentLength, int maxBytes) {
    if (contentLength > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try {
      if (contentLength >= 0) {
        byte[] body = new byte[(int) contentLength];
        if (in.readNBytes(body, 0, body.length) < body.length) {
          throw ApiProblem.malformed("The request body ended before its Content-Length");
        }
        return body;
      }
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw ApiProblem.malformed("The request body could not be read: " + e.getMessage());
    }
  }

  private static ApiProblem tooLarge(int maxBytes) {
    return ApiProblem.tooLarge("The request body is larger than %d bytes".formatted(maxBytes));
  }
}
