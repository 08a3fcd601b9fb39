package io.stevedore.contract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared JSON reader is strict, and its writer gives one text per value (hashes, ETags). */
class JsonTest {

  @Test
  void readsEveryKindOfValue() {
    assertThat(Json.read(" {\"a\":[1,-2.5e1,true,false,null,\"x\\n\\u00e9\"]} "))
        .isEqualTo(
            Map.of(
                "a",
                java.util.Arrays.asList(
                    new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null, "x\né")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          trailing comma    | [1,]          | unexpected character
          duplicate key     | {"a":1,"a":2} | duplicate field 'a'
          leading zero      | 01            | unexpected text after
          comment           | [1]//c        | unexpected text after
          single quotes     | {'a':1}       | quoted field name
          two values        | 1 2           | unexpected text after
          bare word         | nope          | unexpected text
          empty             | ''            | a value is missing
          """)
  void refusesWhatIsNotStrictJson(String name, String text, String problem) {
    assertThatThrownBy(() -> Json.read(text))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void writesSortedKeysAndNormalizedNumbersWhateverTheInputTypes() {
    Map<String, Object> fromFabric8 = new LinkedHashMap<>();
    fromFabric8.put("radius", 500.0);
    fromFabric8.put("count", 3);
    fromFabric8.put("a", List.of("x", Map.of("z", 1L)));
    Map<String, Object> fromReader =
        (Map<String, Object>)
            Json.read("{\"count\": 3.0, \"a\": [\"x\", {\"z\": 1}], \"radius\": 5e2}");

    assertThat(Json.write(fromFabric8))
        .isEqualTo(Json.write(fromReader))
        .isEqualTo("{\"a\":[\"x\",{\"z\":1}],\"count\":3,\"radius\":500}");
  }
}
