package io.stevedore.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A curl line as the sandbox printed it, sent with Java's HTTP client: the same method, URL,
 * headers and body, so a test runs exactly what a reader would paste.
 */
record PrintedCurl(String method, URI uri, List<String> headers, String body) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Every curl line in {@code output}, in order. */
  static List<PrintedCurl> in(String output) {
    return output
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("curl "))
        .map(PrintedCurl::parse)
        .toList();
  }

  /** Reads {@code curl [-sS] [-X M] 'url' (-H 'h: v')* [-d 'body']}; anything else is refused. */
  static PrintedCurl parse(String line) {
    List<String> words = words(line);
    String method = "GET";
    URI uri = null;
    List<String> headers = new ArrayList<>();
    String body = null;
    for (int i = 1; i < words.size(); i++) {
      switch (words.get(i)) {
        case "-sS" -> {}
        case "-X" -> method = words.get(++i);
        case "-H" -> headers.add(words.get(++i));
        case "-d" -> body = words.get(++i);
        default -> {
          if (uri != null) {
            throw new IllegalArgumentException("two URLs in: " + line);
          }
          uri = URI.create(words.get(i));
        }
      }
    }
    if (uri == null) {
      throw new IllegalArgumentException("no URL in: " + line);
    }
    return new PrintedCurl(method, uri, headers, body);
  }

  HttpResponse<String> send() throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    for (String header : headers) {
      int colon = header.indexOf(':');
      request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Shell words: split at spaces, except inside single quotes (which are dropped). */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unclosed quote in: " + line);
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
