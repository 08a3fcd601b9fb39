package io.stevedore.runtime.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * `POST /v1/events` as Spring MVC sees it: only the requests {@link EventsFilter} could not accept
 * get here, and each is answered with its failure through the problem handler.
 */
@RestController
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
class EventsController {

  @PostMapping(EventsFilter.PATH)
  void post(HttpServletRequest request) throws Exception {
    if (request.getAttribute(EventsFilter.FAILURE) instanceof Exception failure) {
      throw failure;
    }
    throw new IllegalStateException("POST " + EventsFilter.PATH + " did not pass EventsFilter");
  }
}
